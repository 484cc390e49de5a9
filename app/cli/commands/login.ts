// `sso-tray login <sso-session or profile> [--device-code] [--no-browser] [--timeout SECONDS]`:
// runs the IAM Identity Center sign-in and writes the token where the AWS CLI
// reads it. The sign-in page opens in $BROWSER or the system browser; with
// --no-browser its URL (and the device code) is printed on lines of their own.

import { homedir } from 'node:os';
import path from 'node:path';
import type { AuthErrorCode } from '../../core/auth/auth-error';
import {
  checkedOpener,
  commandOpener,
  systemBrowserOpener,
  type BrowserOpener,
  type SignInPrompt,
} from '../../core/auth/browser-opener';
import { SsoTrayCore } from '../../core/core';
import { policyContextOf } from '../../core/url-policy';
import { resolveAwsPaths } from '../../core/paths';
import { formatDuration } from '../../shared/format';
import { CliError, type CliContext } from '../cli-error';
import { expectPositionals, parseCommandArgs, type CommandSpec } from '../command';

const USAGE =
  'sso-tray login <sso-session or profile> [--device-code] [--no-browser] [--timeout SECONDS]';

/** Exit codes: 0 signed in, 1 sign-in failed, 2 usage or unknown name, 3 timed out, 130 interrupted. */
export function exitCodeFor(code: AuthErrorCode): number {
  switch (code) {
    case 'unknown-session':
    case 'session-incomplete':
      return 2;
    case 'timeout':
      return 3;
    case 'cancelled':
      return 130;
    default:
      return 1;
  }
}

export function formatPrompt(prompt: SignInPrompt, withBrowser: boolean): string {
  const intro = withBrowser
    ? `Opening the sign-in page for ${prompt.session} in your browser. If it does not open, open this URL:`
    : `Open this URL in a browser to sign in to ${prompt.session}:`;
  const code = prompt.userCode ? `Then confirm the code:\n${prompt.userCode}\n` : '';
  return `${intro}\n${prompt.url}\n${code}`;
}

/** $BROWSER (first entry, `%s` or `{url}` for the URL) when set, else the system browser. */
function browserFor(ctx: CliContext): BrowserOpener {
  const fromEnv = ctx.env.BROWSER?.split(path.delimiter)[0]?.trim();
  return fromEnv ? commandOpener(fromEnv.replaceAll('%s', '{url}')) : systemBrowserOpener();
}

export async function loginCommand(
  name: string,
  options: { deviceCode: boolean; noBrowser: boolean; timeoutSeconds: number | null },
  ctx: CliContext,
): Promise<number> {
  const paths = resolveAwsPaths({ env: ctx.env, platform: process.platform, homedir });
  const core = await SsoTrayCore.start({ paths, env: ctx.env, watch: false });
  const browser = options.noBrowser
    ? null
    : checkedOpener(browserFor(ctx), () => policyContextOf(core.sessions, ctx.env));
  const opener: BrowserOpener = async (prompt) => {
    ctx.stdout(formatPrompt(prompt, browser !== null));
    if (!browser) return;
    try {
      await browser(prompt);
    } catch (error) {
      ctx.stderr(`sso-tray: ${(error as Error).message} Open the URL above by hand.\n`);
    }
  };
  const onInterrupt = () => core.signIn.cancel(name);
  process.once('SIGINT', onInterrupt);
  try {
    const outcome = await core.signIn.signIn(name, {
      flow: options.deviceCode ? 'device-code' : undefined,
      opener,
      timeoutMs: options.timeoutSeconds === null ? undefined : options.timeoutSeconds * 1000,
    });
    if (!outcome.ok) throw new CliError(outcome.error.message, exitCodeFor(outcome.error.code));
    // Whole minutes: a fresh 8-hour token reads "8h left", not "7h 59m left".
    const left = formatDuration(Math.round((outcome.expiresAt - Date.now()) / 60_000) * 60_000);
    ctx.stdout(
      `Signed in to ${outcome.session}; valid until ${new Date(outcome.expiresAt).toISOString()} (${left} left).\n`,
    );
    return 0;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    await core.close();
  }
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
    'Exit status: 0 signed in, 1 sign-in failed, 2 usage or unknown name, 3 timed out,\n' +
    '130 interrupted.\n',
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
    let timeoutSeconds: number | null = null;
    if (values.timeout !== undefined) {
      timeoutSeconds = Number(values.timeout);
      if (!/^\d+(\.\d+)?$/.test(values.timeout) || !(timeoutSeconds > 0)) {
        throw new CliError(
          `--timeout needs a number of seconds, not "${values.timeout}"\nUsage: ${this.usage}`,
          2,
        );
      }
    }
    return loginCommand(
      name!,
      {
        deviceCode: Boolean(values['device-code']),
        noBrowser: Boolean(values['no-browser']),
        timeoutSeconds,
      },
      ctx,
    );
  },
};
