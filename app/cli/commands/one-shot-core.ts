// A core for one CLI command (no file watching), and the turning of core
// errors into one clear line for the terminal.

import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { SsoTrayCore } from '../../core/core';
import { CredentialsError } from '../../core/credentials/credentials-error';
import { SnippetError } from '../../core/export/snippet-error';
import { resolveAwsPaths } from '../../core/paths';
import { CliError, type CliContext } from '../cli-error';

export async function withCore<T>(
  ctx: CliContext,
  task: (core: SsoTrayCore) => Promise<T>,
): Promise<T> {
  const paths = resolveAwsPaths({ env: ctx.env, platform: process.platform, homedir });
  const core = await SsoTrayCore.start({ paths, env: ctx.env, watch: false });
  try {
    return await task(core);
  } catch (error) {
    if (error instanceof CredentialsError) {
      const hint =
        error.signInSession === null ? '' : ` Run: sso-tray login ${error.signInSession}`;
      throw new CliError(`${error.message}${hint}`);
    }
    if (error instanceof SnippetError) throw new CliError(error.message);
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
