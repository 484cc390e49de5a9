// The one way a URL reaches the user's browser. A launcher opens a URL; the
// core puts the URL policy in front of every launcher it uses (policyChecked),
// so a page the server names (the device flow's verification URL) or a link a
// window asks for never reaches a browser command unchecked. One spawn path
// (no shell, detached), one $BROWSER reading.

import { spawn as nodeSpawn, type SpawnOptions } from 'node:child_process';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { detectSurroundings, nodePlaceHost } from '../auth/sign-in-flow-choice';
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

/** An executable of that name in an absolute PATH directory, or null. */
export async function findOnPath(command: string, env: Env): Promise<string | null> {
  // Only absolute entries: an empty or relative one would run a file from the current folder.
  for (const dir of (env.PATH ?? '').split(':').filter((d) => path.posix.isAbsolute(d))) {
    const file = path.posix.join(dir, command);
    try {
      await fs.access(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

/** Where WSL mounts Windows' own rundll32 by default (automount root /mnt). */
export const WSL_RUNDLL32 = '/mnt/c/Windows/System32/rundll32.exe';

/**
 * Under WSL: the Windows default browser, which reaches the loopback redirect
 * (WSL forwards localhost). wslview (wslu) when installed; else Windows'
 * rundll32 FileProtocolHandler through WSL interop, the URL one argument. Not
 * `cmd.exe /c start`: cmd would cut the URL at its first `&` (docs/sign-in.md).
 */
export function wslLauncher(
  env: Env,
  spawn?: SpawnFunction,
  find: (command: string) => Promise<string | null> = (command) => findOnPath(command, env),
): UrlLauncher {
  return async (url) => {
    const wslview = await find('wslview');
    if (wslview) return argvLauncher([wslview], spawn)(url);
    const rundll32 = await fs
      .access(WSL_RUNDLL32, constants.X_OK)
      .then(() => WSL_RUNDLL32)
      // Another automount root: Windows' PATH is appended to WSL's by default.
      .catch(() => 'rundll32.exe');
    return argvLauncher([rundll32, 'url.dll,FileProtocolHandler'], spawn)(url);
  };
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

/**
 * What a terminal opens URLs with: `$BROWSER` when set, else under WSL the
 * Windows browser, else the system's opener.
 */
export function terminalLauncher(
  env: Env,
  platform: NodeJS.Platform = process.platform,
  spawn?: SpawnFunction,
  wsl: boolean = detectSurroundings(nodePlaceHost(env, platform)).wsl,
): UrlLauncher {
  const fromEnv = browserFromEnv(env, platform);
  if (fromEnv) return commandLineLauncher(fromEnv, spawn);
  return wsl ? wslLauncher(env, spawn) : systemLauncher(platform, spawn);
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
