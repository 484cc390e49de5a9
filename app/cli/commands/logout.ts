// `sso-tray logout <sso-session or profile>`: signs one session out at IAM
// Identity Center (a failure there is reported, not fatal) and deletes only that
// session's token file. Unlike `aws sso logout`, other sessions stay signed in.

import { expectPositionals, parseCommandArgs, type CommandSpec } from '../command';
import type { CliContext } from '../context';
import { withCore } from '../with-core';

export async function logoutCommand(name: string, ctx: CliContext): Promise<number> {
  const result = await withCore(ctx, (core) => core.signOut(name), {
    name: { name, among: 'sessions-or-profiles' },
  });
  if (typeof result.portal === 'object') {
    ctx.stderr(
      `sso-tray: IAM Identity Center could not be told (${result.portal.failed.code}); the local sign-in is removed anyway.\n`,
    );
  }
  ctx.stdout(
    result.removed
      ? `Signed out of ${result.session}.\n`
      : `${result.session} was not signed in; nothing to remove.\n`,
  );
  return 0;
}

export const logoutSpec: CommandSpec = {
  name: 'logout',
  usage: 'sso-tray logout <sso-session or profile>',
  summary: 'sign one session out and delete only its token file',
  async run(argv, ctx) {
    const { positionals } = parseCommandArgs(argv, {}, this.usage);
    const [name] = expectPositionals(positionals, ['sso-session or profile'], this.usage);
    return logoutCommand(name!, ctx);
  },
};
