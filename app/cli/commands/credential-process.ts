// `sso-tray credential-process --profile <p>`: the role credentials as the
// `credential_process` JSON (Version 1), byte for byte what `aws configure
// export-credentials --format process` prints. In ~/.aws/config, best with
// absolute paths, since tools may run it without your shell's PATH:
//   credential_process = /usr/bin/node /path/to/sso-tray/bin/sso-tray.js credential-process --profile dev
// (`sso-tray export dev --tool credential-process` writes that line for you).

import { formatAwsCliCredentials } from '../../core/export/aws-cli-format';
import { CliError } from '../cli-error';
import { expectPositionals, parseCommandArgs, type CommandSpec } from '../command';
import { withCore } from './one-shot-core';

const USAGE = 'sso-tray credential-process --profile <profile>';

export const credentialProcessSpec: CommandSpec = {
  name: 'credential-process',
  usage: USAGE,
  summary: 'print role credentials as credential_process JSON (for ~/.aws/config)',
  help:
    `Use it from ~/.aws/config, with absolute paths (tools may not have your PATH):\n` +
    '  [profile dev-process]\n' +
    '  credential_process = /usr/bin/node /path/to/sso-tray/bin/sso-tray.js credential-process --profile dev\n\n' +
    '`sso-tray export dev --tool credential-process` prints these lines for this installation.\n',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(argv, { profile: { type: 'string' } }, USAGE);
    expectPositionals(positionals, [], USAGE);
    if (!values.profile) throw new CliError(`missing --profile\nUsage: ${USAGE}`, 2);
    const profile = values.profile;
    const json = await withCore(ctx, async (core) =>
      formatAwsCliCredentials(await core.credentials.get(profile), 'process'),
    );
    ctx.stdout(json);
    return 0;
  },
};
