// `sso-tray doctor [--profile <p>] [--json]`: why a tool might not use your
// SSO profile. Checks this shell's environment, the AWS files, the session
// sign-ins and a Pulumi project in the current directory, and prints each
// finding with the exact lines that fix it. Exit 1 when there is an error.

import type { DiagnosisReport, Finding } from '../../shared/api';
import { createPaint, paintFor, type Paint, type Tone } from '../colour';
import { expectPositionals, parseCommandArgs, type CommandSpec } from '../command';
import { withCore } from '../with-core';

const USAGE = 'sso-tray doctor [--profile <profile>] [--json]';

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.map((l) => `${indent}${l}`).join('\n');
}

const SEVERITY_TONE: Readonly<Record<Finding['severity'], Tone>> = {
  error: 'bad',
  warning: 'warn',
  info: 'quiet',
};

function formatFinding(finding: Finding, paint: Paint): string {
  const indent = '         ';
  const where = finding.file
    ? `${indent}${finding.file}${finding.line ? `:${finding.line}` : ''}\n`
    : '';
  const fix = finding.fix.length
    ? `${indent}Fix:\n${finding.fix.map((l) => `${indent}  ${paint.command(l)}`).join('\n')}\n`
    : '';
  const severity = paint.tone(SEVERITY_TONE[finding.severity], finding.severity);
  return (
    `${severity}${' '.repeat(8 - finding.severity.length)} ${paint.heading(finding.title)}  [${finding.id}]\n` +
    where +
    `${wrap(finding.explanation, 92, indent)}\n` +
    fix
  );
}

export function formatReport(report: DiagnosisReport, paint: Paint = createPaint(false)): string {
  const count = (s: Finding['severity']) => report.findings.filter((f) => f.severity === s).length;
  const focus = report.profile ? ` for profile ${report.profile}` : '';
  if (report.findings.length === 0) return `No problems found${focus}.\n`;
  const summary = [
    [count('error'), 'error'],
    [count('warning'), 'warning'],
    [count('info'), 'note'],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, word]) => `${n} ${word}${n === 1 ? '' : 's'}`)
    .join(', ');
  return `${summary}${focus}:\n\n${report.findings.map((f) => formatFinding(f, paint)).join('\n')}`;
}

export const doctorSpec: CommandSpec = {
  name: 'doctor',
  usage: USAGE,
  summary: 'find why a tool does not use your SSO profile, with the fix',
  help:
    `Checks the environment of this shell, ~/.aws/config and credentials, the cached\n` +
    'sign-ins and a Pulumi project in the current directory. Exit status 1 if any error is found.\n',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { profile: { type: 'string' }, json: { type: 'boolean' } },
      USAGE,
    );
    expectPositionals(positionals, [], USAGE);
    const report = await withCore(ctx, (core) =>
      core.diagnose({ profile: values.profile ?? null, cwd: ctx.cwd, env: ctx.env }),
    );
    ctx.stdout(
      values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, paintFor(ctx)),
    );
    return report.findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
};
