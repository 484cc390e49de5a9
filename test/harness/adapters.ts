// Platform adapters for the harness (the app uses Electron's clipboard and
// shell.openExternal instead): a clipboard tests can read, and a "browser"
// that, for the fake's sign-in pages, does what a user's browser would.
import type { Clipboard } from '../../app/core/api/platform';
import type { BrowserVisit, FakeIdentityCenter } from '../fakes/fake-identity-center';

export interface ClipboardWrite {
  readonly text: string;
  readonly secret: boolean;
  readonly at: number;
}

/** The harness's clipboard: in memory, with every write kept in order. */
export class MemoryClipboard implements Clipboard {
  readonly writes: ClipboardWrite[] = [];
  private readonly waiters = new Set<() => void>();

  writeText(text: string, options?: { secret?: boolean }): void {
    this.writes.push({ text, secret: options?.secret === true, at: Date.now() });
    for (const wake of [...this.waiters]) wake();
  }

  /** What a paste would give now. */
  text(): string | null {
    return this.writes.at(-1)?.text ?? null;
  }

  /** Resolves with the write number `count` (1-based) once it has happened. */
  waitForWrite(count = this.writes.length + 1, timeoutMs = 5000): Promise<ClipboardWrite> {
    const ready = () => this.writes[count - 1];
    const done = ready();
    if (done) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`no clipboard write #${count} within ${timeoutMs} ms`));
      }, timeoutMs);
      const wake = () => {
        const write = ready();
        if (!write) return;
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(write);
      };
      this.waiters.add(wake);
    });
  }
}

export interface OpenedUrl {
  readonly url: string;
  /** The fake's page (sign-in), or anything else (console links), which is only recorded. */
  readonly kind: 'sign-in' | 'other';
  /** For sign-in pages: what the simulated browser saw, once it finished. */
  readonly visit: Promise<BrowserVisit | Error> | null;
}

/**
 * Opens URLs like the user's browser would. Sign-in pages on the fake are
 * visited in the background (the app's opener returns once the browser is
 * launched, not when the user is done), following the redirect to the app's
 * loopback listener. `browser = 'away'` models a user who never acts.
 */
export class HarnessBrowser {
  readonly opened: OpenedUrl[] = [];
  browser: 'approve' | 'away' = 'approve';

  constructor(private readonly fake: FakeIdentityCenter) {}

  async openUrl(url: string): Promise<void> {
    const isSignIn = url.startsWith(`${this.fake.url}/`);
    const visit =
      isSignIn && this.browser === 'approve'
        ? this.fake.visit(url).catch((error: unknown) => error as Error)
        : null;
    this.opened.push({ url, kind: isSignIn ? 'sign-in' : 'other', visit });
  }
}
