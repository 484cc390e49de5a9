// A core for one CLI command: reads the files (and the app's settings) once,
// watches nothing, and is closed when the command ends. A role chain that
// needs an MFA code asks for it in the terminal (mfa-prompt.ts).

import { realpathSync } from 'node:fs';
import path from 'node:path';
import { openCore, terminalLauncher, type Core, type CoreOptions } from '../core';
import type { CliContext } from './context';
import { createTerminalMfaPrompt } from './mfa-prompt';

export async function withCore<T>(
  ctx: CliContext,
  task: (core: Core) => Promise<T>,
  options: Pick<CoreOptions, 'signInOpener'> = {},
): Promise<T> {
  const core = await openCore({
    env: ctx.env,
    watch: false,
    systemBrowser: terminalLauncher(ctx.env),
    mfaPrompt: createTerminalMfaPrompt(),
    ...options,
  });
  try {
    return await task(core);
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
