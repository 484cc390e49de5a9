// `sso-tray login <sso-session or profile> [--device-code | --pkce] [--remember] [--no-browser]
// [--timeout SECONDS]`: runs the IAM Identity Center sign-in and writes the
// token where the AWS CLI reads it. The flow fits where the user is (device
// code over SSH or without a display; docs/sign-in.md) unless a
// flag or a setting says otherwise. The sign-in page opens in the browser
// (the session's, else the one chosen in the settings, else $BROWSER, else the
// system's); with --no-browser its URL (and the device code) is printed on
// lines of their own.

import type { Core, SignInPrompt } from '../../core';
import { formatDuration } from '../../shared/format';
import type { SignInFlow } from '../../shared/model';
import { expectPositionals, parseCommandArgs, parseSeconds, type CommandSpec } from '../command';
import { usageError, type CliContext } from '../context';
import { withCore } from '../with-core';

const USAGE =
  'sso-tray login <sso-session or profile> [--device-code | --pkce] [--remember] [--no-browser] [--timeout SECONDS]';

const FLOW_WORDS: Readonly<Record<SignInFlow, string>> = {
  pkce: 'the browser flow (--pkce)',
  'device-code': 'the device code (--device-code)',
};

export function formatPrompt(prompt: SignInPrompt, withBrowser: boolean): string {
  const intro = withBrowser
    ? `Opening the sign-in page for ${prompt.session} in your browser. If it does not open, open this URL:`
    : `Open this URL in a browser to sign in to ${prompt.session}:`;
  const code = prompt.userCode ? `Then confirm the code:\n${prompt.userCode}\n` : '';
  const waiting = prompt.userCode
    ? 'Waiting for you to confirm the code in the browser…'
    : 'Waiting for the browser…';
  return `${intro}\n${prompt.url}\n${code}${waiting}\n`;
}

/** Over SSH the browser flow's redirect to 127.0.0.1 reaches this machine only through a forwarded port. */
const sshHint = (name: string) =>
  `sso-tray: this terminal runs over SSH: the sign-in page sends the browser back to 127.0.0.1 on this machine, which a browser on yours cannot reach unless the port is forwarded. If it does not finish, press Ctrl-C and run: sso-tray login ${name} --device-code\n`;

export async function loginCommand(
  name: string,
  options: {
    flow: SignInFlow | undefined;
    remember: boolean;
    noBrowser: boolean;
    timeoutSeconds: number | null;
  },
  ctx: CliContext,
): Promise<number> {
  let core: Core | null = null;
  // Prints the page (and code), then opens it unless told not to; a browser
  // that fails to start is reported and the sign-in goes on.
  const opener = async (prompt: SignInPrompt) => {
    ctx.stdout(formatPrompt(prompt, !options.noBrowser));
    if (prompt.flow === 'pkce' && core?.whereRunning().ssh) ctx.stderr(sshHint(name));
    if (options.noBrowser || !core) return;
    try {
      await core.openUrl(prompt.url, { for: prompt.session });
    } catch (error) {
      ctx.stderr(`sso-tray: ${(error as Error).message} Open the URL above by hand.\n`);
    }
  };
  return withCore(
    ctx,
    async (opened) => {
      core = opened;
      explainFlow(opened, name, options.flow, ctx);
      // Ctrl-C cancels the sign-in cleanly (exit 130), nothing half-written.
      const stopListening = ctx.onInterrupt?.(() => opened.cancelSignIn(name));
      const outcome = await opened
        .signIn(name, {
          flow: options.flow,
          timeoutMs: options.timeoutSeconds === null ? undefined : options.timeoutSeconds * 1000,
        })
        .finally(() => stopListening?.());
      if (!outcome.ok) throw outcome.error;
      // Whole minutes: a fresh 8-hour token reads "8h left", not "7h 59m left".
      const left = formatDuration(Math.round((outcome.expiresAt - Date.now()) / 60_000) * 60_000);
      ctx.stdout(
        `Signed in to ${outcome.session}; valid until ${new Date(outcome.expiresAt).toISOString()} (${left} left).\n`,
      );
      if (options.remember && options.flow) {
        // Only this session's entry: the app may have changed the others while this ran.
        await opened.settings.setSessionSignIn(outcome.session, options.flow);
        ctx.stdout(`${outcome.session} signs in with ${FLOW_WORDS[options.flow]} from now on.\n`);
      }
      return 0;
    },
    { signInOpener: opener, name: { name, among: 'sessions-or-profiles' } },
  );
}

/** When where this runs chose the device code, one line says so, and how to choose otherwise. */
function explainFlow(core: Core, name: string, flow: SignInFlow | undefined, ctx: CliContext) {
  let choice;
  try {
    choice = core.signInFlowChoice(name, flow);
  } catch {
    return; // an unknown name: the sign-in says so
  }
  if (choice.source === 'environment') {
    ctx.stderr(
      `sso-tray: signing in with a device code because ${choice.reason}; --pkce uses a browser on this machine instead.\n`,
    );
  }
}

export const loginSpec: CommandSpec = {
  name: 'login',
  usage: USAGE,
  summary: 'sign in to a session (browser, or --device-code) and write the AWS CLI token',
  help:
    'Signs in with the authorization code flow (PKCE) in the browser, or the device code\n' +
    'flow (a URL and a code, confirmed in any browser), and writes the token to\n' +
    '~/.aws/sso/cache exactly as `aws sso login` does. The device code is chosen over\n' +
    'SSH, on Linux without a display (a container too), with sso_use_device_code = true\n' +
    'in the [sso-session], and always for legacy sso_start_url profiles.\n\n' +
    '  --device-code      use the device code flow\n' +
    '  --pkce             use the browser flow (e.g. over SSH with the port forwarded)\n' +
    '  --remember         keep --device-code or --pkce for this session from now on\n' +
    '  --no-browser       print the sign-in URL instead of opening a browser\n' +
    '  --timeout SECONDS  give up after this long\n\n' +
    'Exit status: see "Exit codes" in the README (0 signed in, 3 unknown name,\n' +
    '5 timed out, 6 refused, 130 interrupted).\n',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        'device-code': { type: 'boolean' },
        pkce: { type: 'boolean' },
        remember: { type: 'boolean' },
        'no-browser': { type: 'boolean' },
        timeout: { type: 'string' },
      },
      this.usage,
    );
    const [name] = expectPositionals(positionals, ['sso-session or profile'], this.usage);
    if (values['device-code'] && values.pkce) {
      throw usageError('use --device-code or --pkce, not both.');
    }
    const flow = values['device-code'] ? 'device-code' : values.pkce ? 'pkce' : undefined;
    if (values.remember && !flow) {
      throw usageError('--remember keeps the flow you choose: add --device-code or --pkce.');
    }
    return loginCommand(
      name!,
      {
        flow,
        remember: Boolean(values.remember),
        noBrowser: Boolean(values['no-browser']),
        timeoutSeconds: parseSeconds(values.timeout, '--timeout', this.usage),
      },
      ctx,
    );
  },
};
