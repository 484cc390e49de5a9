// `sso-tray discover <session> [--json]`: every account and role the session's
// sign-in reaches, and the profiles that already point at each.

import type { DiscoveryResult } from '../../shared/api';
import { expectPositionals, parseCommandArgs, type CommandSpec } from '../command';
import { formatTable } from '../table';
import { withCore } from '../with-core';

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
    const result = await withCore(ctx, (core) => core.discover(session!), {
      name: { name: session!, among: 'sessions' },
    });
    ctx.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatDiscovery(result));
    return 0;
  },
};
