import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
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

const LEGACY = `
[profile legacy]
sso_start_url = https://d-xyz.awsapps.com/start
sso_region = us-west-2
sso_account_id = 333333333333
sso_role_name = ReadOnly
`;

describe('sso-tray status --json', () => {
  it('prints sessions, profiles and problems in the documented shape', async () => {
    const h = home(SEED_CONFIG + LEGACY + '\n[profile broken]\nsso_session = missing\n');
    h.writeToken('my-sso', cliToken({ expiresAt: '2099-01-01T00:00:00Z' }));
    const run = await runSsoTray(['status', '--json'], { env: h.env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.sessions).toEqual([
      expect.objectContaining({
        name: 'my-sso',
        kind: 'sso-session',
        startUrl: 'https://d-abc123.awsapps.com/start',
        region: 'us-east-1',
        state: 'valid',
        expiresAt: '2099-01-01T00:00:00.000Z',
        renewal: { mode: 'not-possible', reason: expect.stringContaining('no refresh token') },
        profiles: ['dev', 'prod'],
      }),
      expect.objectContaining({
        name: 'https://d-xyz.awsapps.com/start',
        label: 'd-xyz.awsapps.com/start',
        kind: 'legacy',
        state: 'signed-out',
        expiresAt: null,
        profiles: ['legacy'],
      }),
    ]);
    expect(out.profiles).toContainEqual(
      expect.objectContaining({
        name: 'legacy',
        session: 'https://d-xyz.awsapps.com/start',
        accountId: '333333333333',
        roleName: 'ReadOnly',
        region: null,
      }),
    );
    expect(out.problems).toEqual([
      expect.objectContaining({
        code: 'profile-unknown-session',
        message: expect.any(String),
        file: h.paths.configFile,
        line: 25,
      }),
    ]);
    expect(run.stdout).not.toContain('aoa-access-token-secret');
  });

  it('honours AWS_CONFIG_FILE', async () => {
    const h = home('');
    const other = `${h.home}/elsewhere.ini`;
    writeFileSync(other, SEED_CONFIG);
    const run = await runSsoTray(['status', '--json'], {
      env: { ...h.env, AWS_CONFIG_FILE: other },
    });
    expect(JSON.parse(run.stdout).sessions.map((s: { name: string }) => s.name)).toEqual([
      'my-sso',
    ]);
  });
});

describe('sso-tray status (table)', () => {
  it('shows state, time left and renewal per session', async () => {
    const h = home(SEED_CONFIG + LEGACY);
    h.writeToken(
      'my-sso',
      cliToken({ expiresAt: new Date(Date.now() + (7 * 60 + 12) * 60_000 + 30_000).toISOString() }),
    );
    const run = await runSsoTray(['status'], { env: h.env });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^SESSION\s+STATE\s+TIME LEFT\s+RENEWS\s+PROFILES$/);
    // Problems first, as in the window: the signed-out session before the valid one.
    // A legacy session is named by its start URL without the scheme, as in the tray and the window.
    expect(lines[1]).toMatch(/^d-xyz\.awsapps\.com\/start\s+signed-out\s+-\s+no\s+legacy$/);
    expect(lines[2]).toMatch(/^my-sso\s+valid\s+7h 12m left\s+no\s+dev, prod$/);
    // What to type, for the one that needs it (a legacy session by its profile).
    expect(lines.slice(3, 6)).toEqual([
      '',
      'Sign in to d-xyz.awsapps.com/start: sso-tray login legacy',
      '',
    ]);
    // Piped: no colour.
    expect(run.stdout).not.toContain('\x1b[');
  });

  it('says whether each session renews by itself, from the one renewal truth', async () => {
    const h = home(SEED_CONFIG + LEGACY);
    h.writeToken(
      'my-sso',
      cliToken({ expiresAt: '2099-01-01T00:00:00Z', refreshToken: 'refresh-token-secret' }),
    );
    const run = await runSsoTray(['status'], { env: h.env });
    // Valid and refreshable: automatic; the legacy session cannot: no.
    expect(run.stdout).toMatch(/\nmy-sso\s+valid\s+\S.*\s+automatic\s+dev, prod\n/);
    expect(run.stdout).toMatch(/\nd-xyz\.awsapps\.com\/start\s+signed-out\s+-\s+no\s+legacy\n/);
    expect(run.stdout).not.toContain('refresh-token-secret');
  });

  it('says "expired 3h ago" for an expired token and lists problems with file and line', async () => {
    const h = home(SEED_CONFIG.replace('region = eu-west-1', 'region = eu-west-1 # Ireland'));
    h.writeToken(
      'my-sso',
      cliToken({ expiresAt: new Date(Date.now() - 3 * 3_600_000 - 60_000).toISOString() }),
    );
    const run = await runSsoTray(['status'], { env: h.env });
    expect(run.stdout).toMatch(/my-sso\s+expired\s+expired 3h 1m ago/);
    expect(run.stdout).toContain(
      `warning ${h.paths.configFile}:10: The AWS CLI and the JS SDK read this line differently`,
    );
  });

  it('explains how to add a session when there is none', async () => {
    const h = home('');
    const run = await runSsoTray(['status'], { env: h.env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No IAM Identity Center sessions');
    expect(run.stdout).toContain('[sso-session my-sso]');
  });
});

describe('sso-tray status failures', () => {
  it('exits non-zero with one line when the config path is a directory', async () => {
    const h = home();
    rmSync(h.paths.configFile);
    mkdirSync(h.paths.configFile);
    const run = await runSsoTray(['status'], { env: h.env });
    // A config that cannot be read (exit codes: README).
    expect(run.code).toBe(7);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      `sso-tray: Cannot read the AWS config file ${h.paths.configFile}: it is a directory.`,
    ]);
  });

  it('rejects unknown options and commands in two lines, exit 2, no stack trace', async () => {
    const h = home();
    const bad = await runSsoTray(['status', '--colour'], { env: h.env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'sso-tray: unknown option --colour for status.\nRun `sso-tray status --help` for its options.\n',
    );
    const unknown = await runSsoTray(['frobnicate'], { env: h.env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'sso-tray: unknown command "frobnicate".\nRun `sso-tray --help` for the commands.\n',
    );
    expect(bad.stderr + unknown.stderr).not.toMatch(/\n\s+at /);
  });
});
