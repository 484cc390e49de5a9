// `sso-tray status [--json]`: every session with its state and time left.

import { homedir } from 'node:os';
import { SessionService } from '../../core/service/session-service';
import { resolveAwsPaths } from '../../core/paths';
import { describeExpiry } from '../../shared/format';
import type { Problem, Snapshot } from '../../shared/model';
import { CliError, type CliContext } from '../cli-error';
import { expectPositionals, parseCommandArgs, type CommandSpec } from '../command';
import { formatTable } from '../table';

/** Problems that mean we could not report at all. */
const FATAL_CODES = new Set(['config-unreadable']);

export async function loadSnapshotOnce(ctx: CliContext): Promise<Snapshot> {
  const paths = resolveAwsPaths({
    env: ctx.env,
    platform: process.platform,
    homedir: () => homedir(),
  });
  const service = new SessionService({ paths });
  try {
    return await service.load();
  } finally {
    await service.close();
  }
}

function fatalProblem(snapshot: Snapshot): Problem | undefined {
  return snapshot.problems.find((p) => FATAL_CODES.has(p.code));
}

export function formatProblem(problem: Problem): string {
  const where = problem.file ? `${problem.file}${problem.line ? `:${problem.line}` : ''}: ` : '';
  return `  ${problem.severity.padEnd(7)} ${where}${problem.message}`;
}

export function formatStatus(snapshot: Snapshot, now: number): string {
  let out = '';
  if (snapshot.sessions.length === 0) {
    out +=
      `No IAM Identity Center sessions in ${snapshot.configFile}.\n` +
      'Add one with `aws configure sso`, or paste:\n\n' +
      '  [sso-session my-sso]\n  sso_start_url = https://d-xxxxxxxxxx.awsapps.com/start\n  sso_region = us-east-1\n' +
      '  sso_registration_scopes = sso:account:access\n\n' +
      '  [profile dev]\n  sso_session = my-sso\n  sso_account_id = 123456789012\n  sso_role_name = AdministratorAccess\n  region = us-east-1\n';
  } else {
    const rows = snapshot.sessions.map((s) => [
      s.name,
      s.signIn ? `${s.state} (signing in)` : s.state,
      describeExpiry(s.expiresAt, now) ?? '-',
      s.refreshable ? 'yes' : 'no',
      s.profiles.join(', ') || '-',
    ]);
    out += formatTable(['SESSION', 'STATE', 'TIME LEFT', 'RENEWS', 'PROFILES'], rows);
  }
  if (snapshot.problems.length > 0) {
    out += `\nProblems (${snapshot.problems.length}):\n`;
    out += snapshot.problems.map(formatProblem).join('\n') + '\n';
  }
  return out;
}

export async function statusCommand(args: { json: boolean }, ctx: CliContext): Promise<number> {
  const snapshot = await loadSnapshotOnce(ctx);
  const fatal = fatalProblem(snapshot);
  if (fatal) throw new CliError(fatal.message);
  if (args.json) {
    ctx.stdout(JSON.stringify(snapshot, null, 2) + '\n');
  } else {
    ctx.stdout(formatStatus(snapshot, Date.now()));
  }
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
