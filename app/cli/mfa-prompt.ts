// Asks for an MFA code in the terminal, with the typed digits hidden (as
// getpass does for the AWS CLI): the prompt and the answer go through
// /dev/tty, so it works while stdout is piped (export, credential_process).
// Without a terminal it fails at once with a message naming MFA and the profile.
// One question at a time: `serve` may need codes for two tools at once, and two
// raw-mode readers on one terminal would split the keystrokes between them.

import { closeSync, openSync, writeSync } from 'node:fs';
import tty from 'node:tty';
import { mfaCancelled, mfaUnavailable, type MfaCodeProvider } from '../core';

interface Terminal {
  readonly input: tty.ReadStream;
  write(text: string): void;
  close(): void;
}

export interface TerminalMfaPromptOptions {
  /** The controlling terminal's device; tests may point elsewhere. */
  readonly ttyPath?: string;
  /** Used when the terminal device cannot be opened but stdin is a terminal. */
  readonly stdin?: NodeJS.ReadStream;
  readonly stderr?: NodeJS.WriteStream;
}

function openTerminal(options: TerminalMfaPromptOptions): Terminal | null {
  try {
    const fd = openSync(options.ttyPath ?? '/dev/tty', 'r+');
    if (!tty.isatty(fd)) {
      closeSync(fd);
      return null;
    }
    const input = new tty.ReadStream(fd);
    return {
      input,
      write: (text) => void writeSync(fd, text),
      close() {
        input.destroy();
        // libuv reads through its own reopened descriptor: ours is still open.
        try {
          closeSync(fd);
        } catch {
          // Already closed with the stream on platforms where libuv did not reopen it.
        }
      },
    };
  } catch {
    // ENXIO (no controlling terminal), ENOENT (Windows): try stdin below.
  }
  const stdin = options.stdin ?? process.stdin;
  const stderr = options.stderr ?? process.stderr;
  if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') return null;
  return {
    input: stdin as tty.ReadStream,
    write: (text) => void stderr.write(text),
    close: () => stdin.pause(),
  };
}

/** Reads one line with echo off; resolves with it, or null on Ctrl-C / Ctrl-D. */
function readHidden(terminal: Terminal, prompt: string): Promise<string | null> {
  const { input } = terminal;
  return new Promise((resolve) => {
    let typed = '';
    const restore = () => input.setRawMode(false);
    const finish = (answer: string | null) => {
      input.off('data', onData);
      process.off('exit', restore);
      restore();
      terminal.write('\n');
      resolve(answer);
    };
    const onData = (chunk: Buffer | string) => {
      const text = chunk.toString();
      // Arrow keys and other escape sequences are not part of a code.
      if (text.includes('\x1b')) return;
      for (const ch of text) {
        if (ch === '\r' || ch === '\n') return finish(typed);
        if (ch === '\x03' || (ch === '\x04' && typed === '')) return finish(null);
        if (ch === '\x7f' || ch === '\b') typed = typed.slice(0, -1);
        else if (ch === '\x15') typed = '';
        else if (ch >= ' ') typed += ch;
      }
    };
    // A terminal left without echo would look broken to the user.
    process.on('exit', restore);
    input.setRawMode(true);
    input.on('data', onData);
    input.resume();
    terminal.write(prompt);
  });
}

// The process has one terminal, so every prompt made here shares one queue.
let previousQuestion: Promise<unknown> = Promise.resolve();

export function createTerminalMfaPrompt(options: TerminalMfaPromptOptions = {}): MfaCodeProvider {
  return (serial, profile) => {
    const asked = previousQuestion.then(() => askOnTerminal(options, serial, profile));
    previousQuestion = asked.catch(() => undefined);
    return asked;
  };
}

async function askOnTerminal(
  options: TerminalMfaPromptOptions,
  serial: string,
  profile: string,
): Promise<string> {
  const terminal = openTerminal(options);
  if (!terminal) {
    throw mfaUnavailable(
      serial,
      profile,
      'there is no terminal to type it in; run the command in a terminal',
    );
  }
  let code: string | null;
  try {
    code = await readHidden(terminal, `Enter MFA code for ${serial} (profile ${profile}): `);
  } finally {
    terminal.close();
  }
  if (code === null) throw mfaCancelled(profile);
  return code;
}
