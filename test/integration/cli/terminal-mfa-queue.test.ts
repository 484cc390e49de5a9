// The terminal MFA prompt, asked twice at once (as `serve` is when two tools
// need codes for different chains): on a real pseudo-terminal, the second
// question appears only once the first is answered, each gets the code typed
// for it, input stays hidden while either reads, and echo is back at the end.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTerminalMfaPrompt } from '../../../app/cli/mfa-prompt';
import { MFA_SERIAL } from '../credentials/support/chain-world';

const PTY_USER = path.resolve(__dirname, '../credentials/support/pty_user.py');
const PROMPT = (profile: string) => `Enter MFA code for ${MFA_SERIAL} (profile ${profile}): `;

interface Screen {
  readonly screen: string;
  readonly echo: boolean;
}

/** The user at a new pseudo-terminal (pty_user.py), driven one command at a time. */
class TerminalUser {
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly lines: AsyncIterator<string>,
    private readonly reader: Interface,
    readonly ttyPath: string,
  ) {}

  static async start(): Promise<TerminalUser> {
    const child = spawn('python3', [PTY_USER]);
    const reader = createInterface({ input: child.stdout });
    const lines = reader[Symbol.asyncIterator]();
    const first = await lines.next();
    if (first.done) throw new Error('pty_user.py exited before opening a terminal');
    const { path: ttyPath } = JSON.parse(first.value) as { path: string };
    return new TerminalUser(child, lines, reader, ttyPath);
  }

  private async send(command: object): Promise<unknown> {
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
    const reply = await this.lines.next();
    if (reply.done) throw new Error('pty_user.py exited');
    return JSON.parse(reply.value);
  }

  /** What the terminal shows once `text` is on it. */
  expect(text: string): Promise<Screen> {
    return this.send({ expect: text }) as Promise<Screen>;
  }

  async type(text: string): Promise<void> {
    await this.send({ type: text });
  }

  close(): void {
    this.reader.close();
    this.child.kill();
  }
}

describe('two terminal prompts at once', { timeout: 30_000 }, () => {
  let user: TerminalUser;
  beforeEach(async () => {
    user = await TerminalUser.start();
  });
  afterEach(() => user.close());

  it('asks one at a time, and each question gets its own code', async () => {
    const ask = createTerminalMfaPrompt({ ttyPath: user.ttyPath });
    const first = ask(MFA_SERIAL, 'guarded');
    const second = ask(MFA_SERIAL, 'guarded-too');

    const asked = await user.expect(PROMPT('guarded'));
    expect(asked.screen).toBe(PROMPT('guarded'));
    expect(asked.echo).toBe(false);

    await user.type('111111\r');
    expect(await first).toBe('111111');
    const next = await user.expect(PROMPT('guarded-too'));
    expect(next.screen).toBe(`${PROMPT('guarded')}\r\n${PROMPT('guarded-too')}`);
    // Still hidden: the first prompt's ending did not turn echo back on under the second.
    expect(next.echo).toBe(false);

    await user.type('222222\r');
    expect(await second).toBe('222222');
    const after = await user.expect(`${PROMPT('guarded-too')}\r\n`);
    expect(after.echo).toBe(true);
  });

  it('a cancelled question does not stop the next one', async () => {
    const ask = createTerminalMfaPrompt({ ttyPath: user.ttyPath });
    const first = ask(MFA_SERIAL, 'guarded');
    const second = ask(MFA_SERIAL, 'guarded-too');
    await user.expect(PROMPT('guarded'));
    await user.type('12\x03');
    await expect(first).rejects.toMatchObject({ code: 'mfa-cancelled' });
    await user.expect(PROMPT('guarded-too'));
    await user.type('333333\r');
    expect(await second).toBe('333333');
  });
});
