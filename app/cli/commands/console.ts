// `sso-tray console <profile> [--print] [--federated] [--destination URL]`:
// opens (or prints) the AWS console for a profile. Default: the access
// portal's shortcut link, which needs no credentials. --federated: a sign-in
// URL made from the role credentials; it signs anyone in for 15 minutes, so it
// is only ever printed on request or handed to the browser, never logged.

import { consoleLink } from '../../core/console/console-link';
import { cliUrlOpener } from '../../core/console/open-url';
import { CliError } from '../cli-error';
import { expectPositionals, parseCommandArgs, type CommandSpec } from '../command';
import { withCore } from './one-shot-core';

const USAGE = 'sso-tray console <profile> [--print] [--federated] [--destination URL]';

export const consoleSpec: CommandSpec = {
  name: 'console',
  usage: USAGE,
  summary: 'open the AWS console for a profile (portal link, or --federated)',
  help:
    '  --print         print the URL instead of opening it ($BROWSER, else the system browser)\n' +
    '  --federated     sign in with the role credentials (a secret URL, valid 15 minutes)\n' +
    '  --destination   the console page to land on, an https:// URL\n',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        print: { type: 'boolean' },
        federated: { type: 'boolean' },
        destination: { type: 'string' },
      },
      USAGE,
    );
    const [profile] = expectPositionals(positionals, ['profile'], USAGE);
    const link = await withCore(ctx, (core) =>
      consoleLink(core.credentials, profile!, {
        federated: Boolean(values.federated),
        destination: values.destination,
      }),
    );
    if (values.print) {
      ctx.stdout(`${link.url}\n`);
      return 0;
    }
    try {
      await cliUrlOpener(ctx.env)(link.url);
    } catch (error) {
      // The opener's message names the command, never the URL.
      throw new CliError(`${(error as Error).message} Use --print to get the link.`);
    }
    ctx.stderr(
      `Opened the AWS console for ${profile}${link.secret ? ' (federated sign-in)' : ''}.\n`,
    );
    return 0;
  },
};
