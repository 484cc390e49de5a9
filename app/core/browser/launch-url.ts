// The one way a URL reaches the user's browser. A launcher opens a URL; the
// core puts the URL policy in front of every launcher it uses (policyChecked),
// so a page the server names (the device flow's verification URL) or a link a
// window asks for never reaches a browser command unchecked. One spawn path
// (no shell, detached), one $BROWSER reading.

import { spawn as nodeSpawn, type SpawnOptions } from 'node:child_process';
import type { Env } from '../env';
import { CoreError } from '../errors/core-error';
import { checkExternalUrl, type UrlPolicyContext } from './url-policy';

export type UrlLauncher = (url: string) => Promise<void>;

/** A browser could not be started, or a URL was refused: says which, never the URL. */
export class LaunchError extends CoreError<'browser-failed' | 'url-refused'> {
  constructor(message: string, code: 'browser-failed' | 'url-refused' = 'browser-failed') {
    super(code, message);
    this.name = 'LaunchError';
  }
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

/** argv for a command: `{url}` replaced in every argument, or the URL appended. */
export function browserCommandArgv(command: readonly string[], url: string): string[] {
  if (command.length === 0) throw new Error('empty command');
  if (!command.some((a) => a.includes('{url}'))) return [...command, url];
  return command.map((a) => a.split('{url}').join(url));
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

/** The one spawn path: a browser program, detached, without a shell; fails if it cannot start. */
export function spawnBrowser(
  file: string,
  args: readonly string[],
  spawn: SpawnFunction = nodeSpawn as SpawnFunction,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(file, args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
    child.once('error', (error) =>
      reject(
        new LaunchError(
          `Could not start the browser "${file}" (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
        ),
      ),
    );
  });
}

/** Runs `command` (argv; `{url}` replaced, else the URL appended), detached, without a shell. */
export function argvLauncher(command: readonly string[], spawn?: SpawnFunction): UrlLauncher {
  return async (url) => {
    let argv: string[];
    try {
      argv = browserCommandArgv(command, url);
    } catch (error) {
      throw new LaunchError(`The browser command cannot be used: ${(error as Error).message}.`);
    }
    const [file, ...args] = argv as [string, ...string[]];
    await spawnBrowser(file, args, spawn);
  };
}

/** A command line the user wrote (`firefox -P work {url}`), split without a shell. */
export function commandLineLauncher(commandLine: string, spawn?: SpawnFunction): UrlLauncher {
  let argv: string[];
  try {
    argv = splitCommandLine(commandLine);
  } catch (error) {
    const reason = (error as Error).message;
    return () =>
      Promise.reject(
        new LaunchError(`The browser command "${commandLine}" cannot be used: ${reason}.`),
      );
  }
  return argvLauncher(argv, spawn);
}

/** The platform's own "open this URL" command (the app uses Electron's shell instead). */
export function systemLauncher(
  platform: NodeJS.Platform = process.platform,
  spawn?: SpawnFunction,
): UrlLauncher {
  // rundll32 avoids cmd.exe, which would treat `&` in the URL as a command separator.
  const command =
    platform === 'darwin'
      ? ['open']
      : platform === 'win32'
        ? ['rundll32', 'url.dll,FileProtocolHandler']
        : ['xdg-open'];
  return argvLauncher(command, spawn);
}

/**
 * `$BROWSER`, the terminal convention: a list of commands separated by the
 * path separator, the first used, `%s` standing for the URL. Null when unset.
 */
export function browserFromEnv(
  env: Env,
  platform: NodeJS.Platform = process.platform,
): string | null {
  const first = env.BROWSER?.split(platform === 'win32' ? ';' : ':')[0]?.trim();
  return first ? first.replaceAll('%s', '{url}') : null;
}

/** What a terminal opens URLs with: `$BROWSER` when set, else the system's opener. */
export function terminalLauncher(
  env: Env,
  platform: NodeJS.Platform = process.platform,
  spawn?: SpawnFunction,
): UrlLauncher {
  const fromEnv = browserFromEnv(env, platform);
  return fromEnv ? commandLineLauncher(fromEnv, spawn) : systemLauncher(platform, spawn);
}

/** Opens only URLs the URL policy allows; a refused URL is a LaunchError naming why. */
export function policyChecked(launch: UrlLauncher, context: () => UrlPolicyContext): UrlLauncher {
  return async (url) => {
    const check = checkExternalUrl(url, context());
    if (!check.ok) {
      throw new LaunchError(`SSO Tray did not open that address: ${check.reason}.`, 'url-refused');
    }
    await launch(check.url);
  };
}
