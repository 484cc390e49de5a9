// `sso-tray console <profile> [--print] [--federated] [--destination URL]`:
// opens (or prints) the AWS console for a profile. Default: the access
// portal's shortcut link, which needs no credentials. --federated: a sign-in
// URL made from the role credentials; it signs anyone in for 15 minutes, so it
// is printed for the user only, never put on a browser's command line (which
// other local users can read in /proc) and never logged.

import { expectPositionals, parseCommandArgs, type CommandSpec } from '../command';
import { DEFAULT_DEADLINE_SECONDS, withDeadline } from '../deadline';
import { withCore } from '../with-core';

const USAGE = 'sso-tray console <profile> [--print] [--federated] [--destination URL]';

export const consoleSpec: CommandSpec = {
  name: 'console',
  usage: USAGE,
  summary: 'open the AWS console for a profile (portal link, or --federated)',
  help:
    '  --print         print the URL instead of opening it (the settings browser, $BROWSER,\n' +
    '                  else the system browser)\n' +
    '  --federated     a sign-in URL made from the role credentials (a secret, valid 15\n' +
    '                  minutes): always printed, never passed to a browser command line\n' +
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
    const federated = Boolean(values.federated);
    return withCore(
      ctx,
      async (core) => {
        const link = await withDeadline(core, DEFAULT_DEADLINE_SECONDS, () =>
          core.consoleLink(profile!, { federated, destination: values.destination }),
        );
        if (values.print || link.secret) {
          ctx.stdout(`${link.url}\n`);
          if (link.secret && !values.print) {
            ctx.stderr(
              'Open the link above in your browser. It signs anyone in for 15 minutes, so SSO Tray does not put it on a command line.\n',
            );
          }
          return 0;
        }
        await core.openUrl(link.url, { for: profile! });
        ctx.stderr(`Opened the AWS console for ${profile}.\n`);
        return 0;
      },
      { name: { name: profile!, among: 'profiles' } },
    );
  },
};
