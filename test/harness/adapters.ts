// Platform adapters for the harness (the app uses Electron's clipboard,
// shell.openExternal and native dialogs instead): a clipboard tests can read, a
// "browser" that, for the fake's sign-in pages, does what a user's browser
// would, and a browser picker whose answer the test chooses.
import type { BrowserPick, BrowserPickResult, Clipboard, SessionPick } from '../../app/core';
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

  /** Resolves with the write number `count` (1-based) once it has happened (the test's timeout bounds the wait). */
  waitForWrite(count = this.writes.length + 1): Promise<ClipboardWrite> {
    const ready = () => this.writes[count - 1];
    const done = ready();
    if (done) return Promise.resolve(done);
    return new Promise((resolve) => {
      const wake = () => {
        const write = ready();
        if (!write) return;
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

/**
 * Plays main's native browser picker: `answer` is what the user picks the next
 * time the window asks (null: Cancel). The window never gets to say which.
 */
export class HarnessBrowserPicker {
  answer: BrowserPickResult | null = null;
  shown = 0;
  /** The session the last dialog chose for (null: the default browser). */
  lastSession: SessionPick | null = null;

  readonly pick: BrowserPick = async (_current, session) => {
    this.shown++;
    this.lastSession = session ?? null;
    return this.answer;
  };
}
