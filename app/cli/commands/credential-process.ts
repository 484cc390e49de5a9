// `sso-tray credential-process --profile <p> [--wait SECONDS] [--timeout SECONDS]`:
// the role credentials as the `credential_process` JSON (Version 1), byte for
// byte what `aws configure export-credentials --format process` prints. With a
// broker running (the tray app, `sso-tray serve`), it asks the broker: a
// session that needs a browser sign-in gets ONE sign-in for every tool waiting
// on it. Without one, it reads the sign-in itself and fails fast when there is
// none. In ~/.aws/config, best with absolute paths (tools may lack your PATH):
//   credential_process = /usr/bin/node /path/to/sso-tray/bin/sso-tray.js credential-process --profile dev
// (`sso-tray export dev --tool credential-process` writes that line for you).

import { CoreError, DEFAULT_WAIT_SECONDS, MAX_WAIT_SECONDS } from '../../core/client';
import { credentialsFromBroker } from '../broker-credentials';
import { expectPositionals, parseCommandArgs, parseSeconds, type CommandSpec } from '../command';
import { usageError } from '../context';
import { DEFAULT_DEADLINE_SECONDS, withDeadline } from '../deadline';
import { withCore } from '../with-core';

const USAGE =
  'sso-tray credential-process --profile <profile> [--wait SECONDS] [--timeout SECONDS]';

export const credentialProcessSpec: CommandSpec = {
  name: 'credential-process',
  usage: USAGE,
  summary: 'print role credentials as credential_process JSON (for ~/.aws/config)',
  help:
    `Use it from ~/.aws/config, with absolute paths (tools may not have your PATH):\n` +
    '  [profile dev-process]\n' +
    '  credential_process = /usr/bin/node /path/to/sso-tray/bin/sso-tray.js credential-process --profile dev\n\n' +
    '`sso-tray export dev --tool credential-process` prints these lines for this installation.\n\n' +
    `  --wait SECONDS     with a broker running: how long to wait for a browser sign-in\n` +
    `                     (default ${DEFAULT_WAIT_SECONDS}, at most ${MAX_WAIT_SECONDS}; 0 fails at once)\n` +
    `  --timeout SECONDS  without a broker: fail, naming what did not answer, after this long\n` +
    `                     (default ${DEFAULT_DEADLINE_SECONDS})\n`,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { profile: { type: 'string' }, wait: { type: 'string' }, timeout: { type: 'string' } },
      USAGE,
    );
    expectPositionals(positionals, [], USAGE);
    if (!values.profile) throw usageError(`missing --profile\nUsage: ${USAGE}`);
    const profile = values.profile;
    const waitSeconds =
      values.wait === '0'
        ? 0
        : (parseSeconds(values.wait, '--wait', USAGE) ?? DEFAULT_WAIT_SECONDS);
    if (waitSeconds > MAX_WAIT_SECONDS) {
      throw usageError(`--wait is at most ${MAX_WAIT_SECONDS} seconds\nUsage: ${USAGE}`);
    }
    const seconds = parseSeconds(values.timeout, '--timeout', USAGE) ?? DEFAULT_DEADLINE_SECONDS;

    if (!ctx.brokerAbsent) {
      const answer = await credentialsFromBroker(
        profile,
        { waitSeconds, format: 'process' },
        ctx.env,
      );
      if (answer.kind === 'credentials') {
        ctx.stdout(answer.text);
        return 0;
      }
      if (answer.kind === 'failed') throw new CoreError(answer.code, answer.message);
    }
    // No broker: read the sign-in here; a session that needs a browser fails fast, saying so.
    const json = await withCore(
      ctx,
      (core) =>
        withDeadline(core, seconds, (signal) =>
          core.exportCredentials(profile, 'process', { signal }),
        ),
      { name: { name: profile, among: 'profiles' } },
    );
    ctx.stdout(json);
    return 0;
  },
};
