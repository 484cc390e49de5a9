// How a sign-in page reaches the user: the system default browser (an injected
// function: Electron's shell.openExternal in the app, a platform command in the
// CLI), a command the user set (a specific browser or browser profile, `{url}`
// replaced), or headless (report the URL and code only).

import { spawn as nodeSpawn, type SpawnOptions } from 'node:child_process';
import type { SignInFlow } from '../../shared/model';
import { checkExternalUrl, type UrlPolicyContext } from '../url-policy';
import { AuthError } from './auth-error';

/** What the user needs to complete a sign-in. Holds no secret. */
export interface SignInPrompt {
  readonly session: string;
  readonly flow: SignInFlow;
  /** The page to open: authorize URL (PKCE) or verificationUriComplete (device). */
  readonly url: string;
  /** Device flow: the code to confirm, and the page where it can be typed in. */
  readonly userCode?: string;
  readonly verificationUri?: string;
}

export type BrowserOpener = (prompt: SignInPrompt) => Promise<void>;

/** The system default browser through an injected `openUrl`. */
export function urlOpener(openUrl: (url: string) => Promise<void>): BrowserOpener {
  return (prompt) => openUrl(prompt.url);
}

/**
 * Opens only URLs the URL policy allows (the sign-in hosts of the configured
 * sessions): the device flow's verificationUriComplete comes from the server,
 * and a browser command must never be handed anything else. A refused URL is a
 * browser failure, so the sign-in goes on with the URL shown to the user.
 */
export function checkedOpener(
  opener: BrowserOpener,
  context: () => UrlPolicyContext,
): BrowserOpener {
  return async (prompt) => {
    const check = checkExternalUrl(prompt.url, context());
    if (!check.ok) {
      throw new AuthError(
        'browser-failed',
        `SSO Tray did not open the sign-in page: ${check.reason}.`,
      );
    }
    await opener({ ...prompt, url: check.url });
  };
}

/** Report only: the URL (and code) reach the user through `report` and the snapshot. */
export function headlessOpener(report: (prompt: SignInPrompt) => void = () => {}): BrowserOpener {
  return async (prompt) => report(prompt);
}

/**
 * Splits a command line into argv the way a POSIX shell would for simple cases
 * (whitespace, single and double quotes, backslash escapes), without running a
 * shell, so a URL can never be interpreted as shell syntax.
 */
export function splitCommandLine(commandLine: string): string[] {
  const args: string[] = [];
  let current = '';
  let inArg = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < commandLine.length; i++) {
    const ch = commandLine[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else current += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < commandLine.length && '"\\$`'.includes(commandLine[i + 1]!)) {
        current += commandLine[++i];
      } else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inArg = true;
    } else if (ch === '\\' && i + 1 < commandLine.length) {
      current += commandLine[++i];
      inArg = true;
    } else if (/\s/.test(ch)) {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
    } else {
      current += ch;
      inArg = true;
    }
  }
  if (quote) throw new Error('unbalanced quote');
  if (inArg) args.push(current);
  return args;
}

/** argv for a user command: `{url}` replaced in every argument, or the URL appended. */
export function browserCommandArgv(commandLine: string, url: string): string[] {
  const argv = splitCommandLine(commandLine);
  if (argv.length === 0) throw new Error('empty command');
  if (!argv.some((a) => a.includes('{url}'))) return [...argv, url];
  return argv.map((a) => a.split('{url}').join(url));
}

export type SpawnFunction = (
  file: string,
  args: readonly string[],
  options: SpawnOptions,
) => {
  once(event: 'spawn', listener: () => void): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
  unref(): void;
};

/** Runs `commandLine` (detached, no shell) with the URL. Fails if it cannot be started. */
export function commandOpener(
  commandLine: string,
  spawn: SpawnFunction = nodeSpawn as SpawnFunction,
): BrowserOpener {
  return (prompt) =>
    new Promise<void>((resolve, reject) => {
      let argv: string[];
      try {
        argv = browserCommandArgv(commandLine, prompt.url);
      } catch (error) {
        reject(
          new AuthError(
            'browser-failed',
            `The browser command "${commandLine}" cannot be used: ${(error as Error).message}.`,
          ),
        );
        return;
      }
      const [file, ...args] = argv as [string, ...string[]];
      const child = spawn(file, args, { detached: true, stdio: 'ignore', windowsHide: true });
      child.once('spawn', () => {
        child.unref();
        resolve();
      });
      child.once('error', (error) =>
        reject(
          new AuthError(
            'browser-failed',
            `Could not start the browser command "${file}" (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
          ),
        ),
      );
    });
}

/** The platform's own "open this URL" command, for the CLI (the app uses Electron's shell). */
export function systemBrowserOpener(
  platform: NodeJS.Platform = process.platform,
  spawn?: SpawnFunction,
): BrowserOpener {
  // rundll32 avoids cmd.exe, which would treat `&` in the URL as a command separator.
  const command =
    platform === 'darwin'
      ? 'open'
      : platform === 'win32'
        ? 'rundll32 url.dll,FileProtocolHandler'
        : 'xdg-open';
  return commandOpener(command, spawn);
}
