// A core for one CLI command: reads the files (and the app's settings) once,
// watches nothing, and is closed when the command ends. A role chain that
// needs an MFA code asks for it in the terminal (mfa-prompt.ts). A name the
// user typed that names nothing gets "Did you mean ...?" from the names in the
// config.

import { realpathSync } from 'node:fs';
import path from 'node:path';
import {
  CoreError,
  categoryOf,
  closestName,
  isCoreError,
  openCore,
  terminalLauncher,
  type Core,
  type CoreOptions,
} from '../core';
import type { CliContext } from './context';
import { createTerminalMfaPrompt } from './mfa-prompt';

/** The name argument of a command, and what kind of name it may be. */
export interface TypedName {
  readonly name: string;
  readonly among: 'profiles' | 'sessions' | 'sessions-or-profiles';
}

/** The unknown-name error again, with the closest name the config has, if any is close. */
function withSuggestion(error: CoreError, core: Core, typed: TypedName): CoreError {
  const snapshot = core.snapshot();
  const names = [
    ...(typed.among === 'profiles' ? [] : snapshot.sessions.map((s) => s.name)),
    ...(typed.among === 'sessions' ? [] : snapshot.profiles.map((p) => p.name)),
  ];
  const suggestion = closestName(typed.name, names);
  if (suggestion === null || suggestion === typed.name) return error;
  return new CoreError(error.code, `${error.message} Did you mean "${suggestion}"?`, {
    signInSession: error.signInSession,
    serviceError: error.serviceError,
  });
}

export async function withCore<T>(
  ctx: CliContext,
  task: (core: Core) => Promise<T>,
  options: Pick<CoreOptions, 'signInOpener' | 'signInFlow'> & { readonly name?: TypedName } = {},
): Promise<T> {
  const { name, ...coreOptions } = options;
  const core = await openCore({
    env: ctx.env,
    watch: false,
    systemBrowser: terminalLauncher(ctx.env),
    mfaPrompt: createTerminalMfaPrompt(),
    ...coreOptions,
  });
  try {
    return await task(core);
  } catch (error) {
    if (name && isCoreError(error) && categoryOf(error.code) === 'unknown-name') {
      throw withSuggestion(error, core, name);
    }
    throw error;
  } finally {
    await core.close();
  }
}

/**
 * How to run this very sso-tray from anywhere, for credential_process lines:
 * the Node binary and the script by absolute path, because tools that run it
 * (an IDE, Terraform from a GUI) often lack the shell's PATH (nvm, Homebrew).
 */
export function ssoTrayInvocation(argv: readonly string[] = process.argv): string[] {
  const script = argv[1];
  if (!script || !/sso-tray(\.[cm]?js)?$/.test(path.basename(script))) return ['sso-tray'];
  try {
    return [process.execPath, realpathSync(script)];
  } catch {
    return ['sso-tray'];
  }
}
