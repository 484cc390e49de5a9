// `sso-tray discover <session> [--json]`: every account and role the session's
// sign-in reaches, and the profiles that already point at each.

import { homedir } from 'node:os';
import { ConfigEditError, ConfigWriteError } from '../../core/config/config-editor';
import { SsoTrayCore } from '../../core/core';
import { AccountDiscovery } from '../../core/discover/account-discovery';
import { DiscoveryError } from '../../core/discover/discovery-error';
import { resolveAwsPaths } from '../../core/paths';
import type { DiscoveryResult } from '../../shared/api';
import { CliError, type CliContext } from '../cli-error';
import { expectPositionals, parseCommandArgs, type CommandSpec } from '../command';
import { formatTable } from '../table';

/** Runs `task` with a one-shot core (no file watching) and discovery over it. */
export async function withDiscovery<T>(
  ctx: CliContext,
  task: (discovery: AccountDiscovery, core: SsoTrayCore) => Promise<T>,
): Promise<T> {
  const paths = resolveAwsPaths({ env: ctx.env, platform: process.platform, homedir });
  const core = await SsoTrayCore.start({ paths, env: ctx.env, watch: false });
  try {
    return await task(new AccountDiscovery(core), core);
  } catch (error) {
    if (error instanceof DiscoveryError) {
      const hint =
        error.action?.kind === 'sign-in' ? ` Run: sso-tray login ${error.action.session}` : '';
      throw new CliError(`${error.message}${hint}`);
    }
    if (error instanceof ConfigWriteError || error instanceof ConfigEditError) {
      throw new CliError(error.message);
    }
    throw error;
  } finally {
    await core.close();
  }
}

export function formatDiscovery(result: DiscoveryResult): string {
  const rows = result.accounts.flatMap((account) =>
    account.roles.map((role) => [
      account.accountId,
      account.accountName,
      role.roleName,
      role.profiles.join(', ') || '-',
    ]),
  );
  const roles = rows.length;
  const missing = result.accounts.reduce(
    (n, a) => n + a.roles.filter((r) => r.profiles.length === 0).length,
    0,
  );
  if (result.accounts.length === 0) {
    return `The sign-in for ${result.session} reaches no accounts.\n`;
  }
  let out = formatTable(['ACCOUNT', 'NAME', 'ROLE', 'PROFILES'], rows);
  out += `\n${result.accounts.length} accounts, ${roles} roles, ${missing} without a profile.\n`;
  if (missing > 0) out += `Preview the missing profiles: sso-tray add-profiles ${result.session}\n`;
  return out;
}

export const discoverSpec: CommandSpec = {
  name: 'discover',
  usage: 'sso-tray discover <session> [--json]',
  summary: 'list every account and role a session reaches, and their profiles',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { json: { type: 'boolean' } },
      this.usage,
    );
    const [session] = expectPositionals(positionals, ['session'], this.usage);
    const result = await withDiscovery(ctx, (discovery) => discovery.discover(session!));
    ctx.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatDiscovery(result));
    return 0;
  },
};
