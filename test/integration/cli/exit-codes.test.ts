// The CLI's exit codes are one table (README "Exit codes"): the same failure
// gives the same code whatever the command, and every failure says why on one
// line of stderr.
import { afterEach, describe, expect, it } from 'vitest';
import { runSsoTray } from '../../support/run-cli';
import { cliToken, createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

const homes: TempHome[] = [];
afterEach(() => homes.splice(0).forEach((h) => h.cleanup()));

function home(config = SEED_CONFIG): TempHome {
  const h = createTempHome({ config });
  homes.push(h);
  return h;
}

const EXIT = { usage: 2, unknownName: 3, needsSignIn: 4, configRefused: 7 } as const;

describe('exit codes', () => {
  it('an unknown name is the same code for every command', async () => {
    const h = home();
    const runs = await Promise.all(
      [
        ['login', 'nope', '--no-browser'],
        ['logout', 'nope'],
        ['export', 'nope'],
        ['export', 'nope', '--format', 'env'],
        ['credential-process', '--profile', 'nope'],
        ['console', 'nope', '--print'],
      ].map((args) => runSsoTray(args, { env: h.env })),
    );
    for (const run of runs) {
      expect(run.code).toBe(EXIT.unknownName);
      expect(run.stderr).toMatch(/"nope"/);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('not signed in and expired are "needs sign-in" for export and credential-process', async () => {
    const h = home();
    const signedOut = await runSsoTray(['credential-process', '--profile', 'dev'], {
      env: h.env,
    });
    expect(signedOut.code).toBe(EXIT.needsSignIn);
    expect(signedOut.stderr).toMatch(/sso-tray login my-sso/);
    h.writeToken('my-sso', cliToken({ expiresAt: '2000-01-01T00:00:00Z' }));
    const expired = await runSsoTray(['export', 'dev', '--format', 'env'], { env: h.env });
    expect(expired.code).toBe(EXIT.needsSignIn);
    expect(expired.stdout).toBe('');
  });

  it('usage errors exit 2; --version prints the version', async () => {
    const h = home();
    const unknownFlag = await runSsoTray(['status', '--bogus'], { env: h.env });
    expect(unknownFlag.code).toBe(EXIT.usage);
    const version = await runSsoTray(['--version'], { env: h.env });
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^sso-tray \d+\.\d+\.\d+\n$/);
  });
});

describe('profiles the AWS CLI refuses are refused by export and credential-process', () => {
  const cases: Record<string, string> = {
    'a key given twice in the profile': SEED_CONFIG.replace(
      'sso_role_name = DeveloperAccess',
      'sso_role_name = DeveloperAccess\nsso_role_name = ReadOnly',
    ),
    'a duplicated section': `${SEED_CONFIG}\n[profile dev]\nregion = us-west-2\n`,
    "a profile sso_start_url that differs from its session's": SEED_CONFIG.replace(
      'sso_role_name = DeveloperAccess',
      'sso_role_name = DeveloperAccess\nsso_start_url = https://d-other.awsapps.com/start',
    ),
  };
  for (const [what, config] of Object.entries(cases)) {
    it(what, async () => {
      const h = home(config);
      h.writeToken('my-sso', cliToken({ expiresAt: '2099-01-01T00:00:00Z' }));
      for (const args of [
        ['export', 'dev', '--format', 'process'],
        ['export', 'dev', '--credentials', '--shell', 'bash'],
        ['credential-process', '--profile', 'dev'],
      ]) {
        const run = await runSsoTray(args, { env: h.env });
        expect(run.stdout).toBe('');
        expect(run.code).toBe(EXIT.configRefused);
        expect(run.stderr).toMatch(/AWS CLI/);
      }
    });
  }
});
