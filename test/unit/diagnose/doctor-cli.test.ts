// `sso-tray doctor` output and exit status.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../app/cli/main';
import { formatReport } from '../../../app/cli/commands/doctor';
import type { DiagnosisReport } from '../../../app/shared/api';
import { cliToken, createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

let home: TempHome;
beforeEach(() => {
  home = createTempHome({ config: SEED_CONFIG });
  home.writeToken(
    'my-sso',
    cliToken({ expiresAt: new Date(Date.now() + 8 * 3_600_000).toISOString() }),
  );
});
afterEach(() => home.cleanup());

async function doctor(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['doctor', ...args], {
    env: { ...home.env, SHELL: '/bin/bash', ...env },
    cwd: home.home,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTty: false,
  });
  return { code, stdout, stderr };
}

describe('sso-tray doctor', () => {
  it('says so when all is well, exit 0', async () => {
    expect(await doctor(['--profile', 'dev'])).toEqual({
      code: 0,
      stdout: 'No problems found for profile dev.\n',
      stderr: '',
    });
  });

  it('prints each finding with its fix lines, exit 1 on an error', async () => {
    const result = await doctor([], {
      AWS_PROFILE: 'dev',
      AWS_ACCESS_KEY_ID: 'AKIA',
      AWS_SECRET_ACCESS_KEY: 'shh',
    });
    expect(result.code).toBe(1);
    expect(
      result.stdout.startsWith(
        '1 error for profile dev:\n\nerror    Static keys in the environment override AWS_PROFILE=dev  [env-static-keys-override-profile]\n',
      ),
    ).toBe(true);
    expect(result.stdout).toContain(
      '         Fix:\n' +
        '           unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_DEFAULT_PROFILE\n' +
        '           export AWS_PROFILE=dev\n',
    );
    expect(result.stdout).not.toContain('shh');
  });

  it('--json prints the report; warnings alone exit 0', async () => {
    const result = await doctor(['--json'], { AWS_PROFILE: 'dev', AWS_DEFAULT_PROFILE: 'prod' });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as DiagnosisReport;
    expect(report.profile).toBe('dev');
    expect(report.findings.map((f) => [f.id, f.severity])).toEqual([
      ['env-default-profile-disagrees', 'warning'],
    ]);
  });

  it('formats counts of each severity', () => {
    const finding = { title: 't', explanation: 'e', fix: [] };
    const report: DiagnosisReport = {
      checkedAt: '',
      profile: null,
      findings: [
        { ...finding, id: 'a', severity: 'warning' },
        { ...finding, id: 'b', severity: 'warning' },
        { ...finding, id: 'c', severity: 'info', file: '/f', line: 3 },
      ],
    };
    expect(formatReport(report)).toBe(
      '2 warnings, 1 note:\n\nwarning  t  [a]\n         e\n\nwarning  t  [b]\n         e\n\ninfo     t  [c]\n         /f:3\n         e\n',
    );
  });
});
