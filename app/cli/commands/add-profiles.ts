// `sso-tray add-profiles <session> [--template T] [--region R] [--output O] [--prune] [--write]`:
// previews (a unified diff of ~/.aws/config) or writes profiles for every role
// that has none, and with --prune removes generated profiles whose role is gone.

import type { ProfilePlan, ProfilePlanRequest } from '../../shared/api';
import { expectPositionals, parseCommandArgs, type CommandSpec } from '../command';
import { withCore } from '../with-core';

function summary(plan: ProfilePlan): string {
  const parts = [`${plan.additions.length} to add`];
  if (plan.removals.length > 0) parts.push(`${plan.removals.length} to remove`);
  return parts.join(', ');
}

export const addProfilesSpec: CommandSpec = {
  name: 'add-profiles',
  usage:
    'sso-tray add-profiles <session> [--template T] [--region R] [--output O] [--prune] [--write]',
  summary: 'preview (or --write) profiles for every role that has none',
  help:
    '  --template T  profile names, default {account_name}-{role_name};\n' +
    '                placeholders {account_id} {account_name} {role_name} {session}\n' +
    "  --region R    the profiles' region (default: the session's sso_region)\n" +
    '  --output O    output format to set (json, text, table, yaml, yaml-stream)\n' +
    '  --prune       also remove profiles SSO Tray generated whose role is gone\n' +
    '  --write       apply the change (without it, print the diff only)\n',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        template: { type: 'string' },
        region: { type: 'string' },
        output: { type: 'string' },
        prune: { type: 'boolean' },
        write: { type: 'boolean' },
      },
      this.usage,
    );
    const [session] = expectPositionals(positionals, ['session'], this.usage);
    const request: ProfilePlanRequest = {
      session: session!,
      ...(values.template !== undefined ? { template: values.template } : {}),
      ...(values.region !== undefined ? { region: values.region } : {}),
      ...(values.output !== undefined ? { output: values.output } : {}),
      ...(values.prune ? { prune: true } : {}),
    };
    return withCore(
      ctx,
      async (core) => {
        const plan = await core.planProfiles(request);
        if (plan.additions.length === 0 && plan.removals.length === 0) {
          ctx.stdout(
            `Nothing to change: every role of ${plan.session} already has a profile${values.prune ? ' and no generated profile is stale' : ''}.\n`,
          );
          return 0;
        }
        if (!values.write) {
          ctx.stdout(plan.diff);
          ctx.stderr(`${summary(plan)} in ${plan.configFile}. Run again with --write to apply.\n`);
          return 0;
        }
        const result = await core.applyProfilePlan(plan);
        const lines = [
          ...plan.additions.map((p) => `  + ${p.name}  (${p.accountId} ${p.roleName})`),
          ...plan.removals.map((name) => `  - ${name}`),
        ];
        ctx.stdout(
          `Updated ${plan.configFile}: ${result.added} added, ${result.removed} removed.\n` +
            `${lines.join('\n')}\nBackup: ${result.backupFile}\n`,
        );
        return 0;
      },
      { name: { name: session!, among: 'sessions' } },
    );
  },
};
