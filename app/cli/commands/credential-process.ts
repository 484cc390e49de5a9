// `sso-tray credential-process --profile <p> [--timeout SECONDS]`: the role
// credentials as the `credential_process` JSON (Version 1), byte for byte what
// `aws configure export-credentials --format process` prints. In ~/.aws/config,
// best with absolute paths, since tools may run it without your shell's PATH:
//   credential_process = /usr/bin/node /path/to/sso-tray/bin/sso-tray.js credential-process --profile dev
// (`sso-tray export dev --tool credential-process` writes that line for you).

import { expectPositionals, parseCommandArgs, parseSeconds, type CommandSpec } from '../command';
import { usageError } from '../context';
import { DEFAULT_DEADLINE_SECONDS, withDeadline } from '../deadline';
import { withCore } from '../with-core';

const USAGE = 'sso-tray credential-process --profile <profile> [--timeout SECONDS]';

export const credentialProcessSpec: CommandSpec = {
  name: 'credential-process',
  usage: USAGE,
  summary: 'print role credentials as credential_process JSON (for ~/.aws/config)',
  help:
    `Use it from ~/.aws/config, with absolute paths (tools may not have your PATH):\n` +
    '  [profile dev-process]\n' +
    '  credential_process = /usr/bin/node /path/to/sso-tray/bin/sso-tray.js credential-process --profile dev\n\n' +
    '`sso-tray export dev --tool credential-process` prints these lines for this installation.\n\n' +
    `  --timeout SECONDS  fail (naming what did not answer) after this long; default ${DEFAULT_DEADLINE_SECONDS}\n`,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { profile: { type: 'string' }, timeout: { type: 'string' } },
      USAGE,
    );
    expectPositionals(positionals, [], USAGE);
    if (!values.profile) throw usageError(`missing --profile\nUsage: ${USAGE}`);
    const profile = values.profile;
    const seconds = parseSeconds(values.timeout, '--timeout', USAGE) ?? DEFAULT_DEADLINE_SECONDS;
    const json = await withCore(ctx, (core) =>
      withDeadline(core, seconds, (signal) =>
        core.exportCredentials(profile, 'process', { signal }),
      ),
    );
    ctx.stdout(json);
    return 0;
  },
};
