// `sso-tray status [--json]`: every session with its state, time left and
// whether it renews by itself (sessions that need the user first, as in the
// window), how to sign in to those, then every problem found in the files.

import { problemsFirst } from '../../shared/attention';
import { describeExpiry } from '../../shared/format';
import type { Problem, ProfileView, RenewalMode, Snapshot } from '../../shared/model';
import { CoreError } from '../../core';
import { createPaint, paintFor, STATE_TONE, type Paint, type Tone } from '../colour';
import { expectPositionals, parseCommandArgs, type CommandSpec } from '../command';
import type { CliContext } from '../context';
import { loginCommandFor } from '../sign-in-hint';
import { formatTable } from '../table';
import { withCore } from '../with-core';

/** Problems that mean we could not report at all. */
const FATAL_CODES = new Set(['config-unreadable']);

/** The one renewal truth (SessionView.renewal), in a word, and its tone. */
const RENEWS: Readonly<Record<RenewalMode, readonly [string, Tone]>> = {
  automatic: ['automatic', 'good'],
  off: ['off', 'warn'],
  failing: ['failing', 'bad'],
  'not-possible': ['no', 'plain'],
};

const SEVERITY_TONE: Readonly<Record<Problem['severity'], Tone>> = {
  error: 'bad',
  warning: 'warn',
  info: 'quiet',
};

export function formatProblem(problem: Problem, paint: Paint = createPaint(false)): string {
  const where = problem.file ? `${problem.file}${problem.line ? `:${problem.line}` : ''}: ` : '';
  const severity = paint.tone(SEVERITY_TONE[problem.severity], problem.severity);
  return `  ${severity}${' '.repeat(Math.max(0, 7 - problem.severity.length))} ${where}${problem.message}`;
}

/** A profile as status names it: chained ones with the profile they assume their role with. */
function profileLabel(name: string, profile: ProfileView | undefined): string {
  return profile?.kind === 'chained' && profile.sourceProfile
    ? `${name} (via ${profile.sourceProfile})`
    : name;
}

export function formatStatus(
  snapshot: Snapshot,
  now: number,
  paint: Paint = createPaint(false),
): string {
  let out = '';
  const byName = new Map(snapshot.profiles.map((p) => [p.name, p]));
  if (snapshot.sessions.length === 0) {
    out +=
      `No IAM Identity Center sessions in ${snapshot.configFile}.\n` +
      'Add one with `aws configure sso`, or paste:\n\n' +
      '  [sso-session my-sso]\n  sso_start_url = https://d-xxxxxxxxxx.awsapps.com/start\n  sso_region = us-east-1\n' +
      '  sso_registration_scopes = sso:account:access\n\n' +
      '  [profile dev]\n  sso_session = my-sso\n  sso_account_id = 123456789012\n  sso_role_name = AdministratorAccess\n  region = us-east-1\n';
  } else {
    const sessions = problemsFirst(snapshot.sessions);
    const rows = sessions.map((s) => {
      const [renews, renewsTone] = RENEWS[s.renewal.mode];
      return [
        s.label,
        paint.tone(STATE_TONE[s.state], s.signIn ? `${s.state} (signing in)` : s.state),
        describeExpiry(s.expiresAt, now) ?? '-',
        paint.tone(renewsTone, renews),
        s.profiles.map((name) => profileLabel(name, byName.get(name))).join(', ') || '-',
      ];
    });
    const header = ['SESSION', 'STATE', 'TIME LEFT', 'RENEWS', 'PROFILES'].map(paint.heading);
    out += formatTable(header, rows);
    const toSignIn = sessions.filter((s) => s.state !== 'valid' && !s.signIn);
    if (toSignIn.length > 0) {
      out += `\n${toSignIn.map((s) => `Sign in to ${s.label}: ${paint.command(loginCommandFor(s))}`).join('\n')}\n`;
    }
  }
  // Chains that rest on static keys belong to no session.
  const overKeys = snapshot.profiles.filter((p) => p.chainSource?.kind === 'static-keys');
  if (overKeys.length > 0) {
    out += `\nChained on static keys: ${overKeys.map((p) => profileLabel(p.name, p)).join(', ')}\n`;
  }
  if (snapshot.problems.length > 0) {
    out += `\n${paint.heading(`Problems (${snapshot.problems.length}):`)}\n`;
    out += snapshot.problems.map((p) => formatProblem(p, paint)).join('\n') + '\n';
  }
  return out;
}

export async function statusCommand(args: { json: boolean }, ctx: CliContext): Promise<number> {
  const snapshot = await withCore(ctx, async (core) => core.snapshot());
  const fatal = snapshot.problems.find((p) => FATAL_CODES.has(p.code));
  if (fatal) throw new CoreError('config-unreadable', fatal.message);
  ctx.stdout(
    args.json
      ? // Indented for a person at a terminal; one line for a program (a fraction of the bytes).
        JSON.stringify(snapshot, null, ctx.isTty ? 2 : undefined) + '\n'
      : formatStatus(snapshot, Date.now(), paintFor(ctx)),
  );
  return 0;
}

export const statusSpec: CommandSpec = {
  name: 'status',
  usage: 'sso-tray status [--json]',
  summary: 'show every session, its state and time left',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { json: { type: 'boolean' } },
      this.usage,
    );
    expectPositionals(positionals, [], this.usage);
    return statusCommand({ json: Boolean(values.json) }, ctx);
  },
};
