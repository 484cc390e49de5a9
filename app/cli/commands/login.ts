// `sso-tray login <sso-session or profile> [--device-code] [--no-browser] [--timeout SECONDS]`:
// runs the IAM Identity Center sign-in and writes the token where the AWS CLI
// reads it. The sign-in page opens in the browser (the one chosen in the
// settings, else $BROWSER, else the system's); with --no-browser its URL (and
// the device code) is printed on lines of their own.

import type { Core, SignInPrompt } from '../../core';
import { formatDuration } from '../../shared/format';
import { expectPositionals, parseCommandArgs, parseSeconds, type CommandSpec } from '../command';
import type { CliContext } from '../context';
import { withCore } from '../with-core';

const USAGE =
  'sso-tray login <sso-session or profile> [--device-code] [--no-browser] [--timeout SECONDS]';

export function formatPrompt(prompt: SignInPrompt, withBrowser: boolean): string {
  const intro = withBrowser
    ? `Opening the sign-in page for ${prompt.session} in your browser. If it does not open, open this URL:`
    : `Open this URL in a browser to sign in to ${prompt.session}:`;
  const code = prompt.userCode ? `Then confirm the code:\n${prompt.userCode}\n` : '';
  return `${intro}\n${prompt.url}\n${code}`;
}

export async function loginCommand(
  name: string,
  options: { deviceCode: boolean; noBrowser: boolean; timeoutSeconds: number | null },
  ctx: CliContext,
): Promise<number> {
  let core: Core | null = null;
  // Prints the page (and code), then opens it unless told not to; a browser
  // that fails to start is reported and the sign-in goes on.
  const opener = async (prompt: SignInPrompt) => {
    ctx.stdout(formatPrompt(prompt, !options.noBrowser));
    if (options.noBrowser || !core) return;
    try {
      await core.openUrl(prompt.url);
    } catch (error) {
      ctx.stderr(`sso-tray: ${(error as Error).message} Open the URL above by hand.\n`);
    }
  };
  return withCore(
    ctx,
    async (opened) => {
      core = opened;
      // Ctrl-C cancels the sign-in cleanly (exit 130), nothing half-written.
      const stopListening = ctx.onInterrupt?.(() => opened.cancelSignIn(name));
      const outcome = await opened
        .signIn(name, {
          flow: options.deviceCode ? 'device-code' : undefined,
          timeoutMs: options.timeoutSeconds === null ? undefined : options.timeoutSeconds * 1000,
        })
        .finally(() => stopListening?.());
      if (!outcome.ok) throw outcome.error;
      // Whole minutes: a fresh 8-hour token reads "8h left", not "7h 59m left".
      const left = formatDuration(Math.round((outcome.expiresAt - Date.now()) / 60_000) * 60_000);
      ctx.stdout(
        `Signed in to ${outcome.session}; valid until ${new Date(outcome.expiresAt).toISOString()} (${left} left).\n`,
      );
      return 0;
    },
    { signInOpener: opener },
  );
}

export const loginSpec: CommandSpec = {
  name: 'login',
  usage: USAGE,
  summary: 'sign in to a session (browser, or --device-code) and write the AWS CLI token',
  help:
    'Signs in with the authorization code flow (PKCE) in the browser, or the device code\n' +
    'flow with --device-code (always for legacy sso_start_url profiles), and writes the\n' +
    'token to ~/.aws/sso/cache exactly as `aws sso login` does.\n\n' +
    '  --device-code      use the device code flow\n' +
    '  --no-browser       print the sign-in URL instead of opening a browser\n' +
    '  --timeout SECONDS  give up after this long\n\n' +
    'Exit status: see "Exit codes" in the README (0 signed in, 3 unknown name,\n' +
    '5 timed out, 6 refused, 130 interrupted).\n',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        'device-code': { type: 'boolean' },
        'no-browser': { type: 'boolean' },
        timeout: { type: 'string' },
      },
      this.usage,
    );
    const [name] = expectPositionals(positionals, ['sso-session or profile'], this.usage);
    return loginCommand(
      name!,
      {
        deviceCode: Boolean(values['device-code']),
        noBrowser: Boolean(values['no-browser']),
        timeoutSeconds: parseSeconds(values.timeout, '--timeout', this.usage),
      },
      ctx,
    );
  },
};
