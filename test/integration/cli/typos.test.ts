// A mistyped command, option or name gets one or two lines saying what was
// meant, never the whole usage and never Node's own words about positional
// arguments. The real bin in a child process, exit 2 (usage) or 3 (unknown name).
import { afterEach, describe, expect, it } from 'vitest';
import { runSsoTray } from '../../support/run-cli';
import { cliToken, createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

const homes: TempHome[] = [];
afterEach(() => homes.splice(0).forEach((h) => h.cleanup()));

function home(): TempHome {
  const h = createTempHome({ config: SEED_CONFIG });
  h.writeToken('my-sso', cliToken({ expiresAt: '2000-01-01T00:00:00Z' }));
  homes.push(h);
  return h;
}

const lines = (text: string) => text.trimEnd().split('\n');

describe('typos', () => {
  it('an unknown command: what was meant, in two lines', async () => {
    const h = home();
    const run = await runSsoTray(['stauts'], { env: h.env });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toEqual([
      'sso-tray: unknown command "stauts". Did you mean "status"?',
      'Run `sso-tray --help` for the commands.',
    ]);
    const prefix = await runSsoTray(['disc'], { env: h.env });
    expect(lines(prefix.stderr)[0]).toBe(
      'sso-tray: unknown command "disc". Did you mean "discover"?',
    );
  });

  it('an unknown option: the closest one, or its start, without Node’s jargon', async () => {
    const h = home();
    const typo = await runSsoTray(['login', 'my-sso', '--devcie-code'], { env: h.env });
    expect(typo.code).toBe(2);
    expect(lines(typo.stderr)).toEqual([
      'sso-tray: unknown option --devcie-code for login. Did you mean --device-code?',
      'Run `sso-tray login --help` for its options.',
    ]);
    const start = await runSsoTray(['export', 'dev', '--cred'], { env: h.env });
    expect(lines(start.stderr)[0]).toBe(
      'sso-tray: unknown option --cred for export. Did you mean --credentials?',
    );
    for (const run of [typo, start]) {
      expect(run.stderr).not.toMatch(/positional|place it at the end|'--'/);
      expect(lines(run.stderr)).toHaveLength(2);
    }
  });

  it('a missing value and a value where none belongs, in our words', async () => {
    const h = home();
    const missing = await runSsoTray(['login', 'my-sso', '--timeout'], { env: h.env });
    expect(missing.code).toBe(2);
    expect(lines(missing.stderr)).toEqual([
      'sso-tray: --timeout needs a value.',
      'Run `sso-tray login --help` for its options.',
    ]);
    const extra = await runSsoTray(['status', '--json=yes'], { env: h.env });
    expect(extra.code).toBe(2);
    expect(lines(extra.stderr)[0]).toBe('sso-tray: --json takes no value.');
  });

  it('a mistyped profile or session name: the closest name in the config, exit 3, one line', async () => {
    const h = home();
    const profile = await runSsoTray(['export', 'dve'], { env: h.env });
    expect(profile.code).toBe(3);
    expect(lines(profile.stderr)).toEqual([
      'sso-tray: No profile named "dve" in the AWS config file. Did you mean "dev"?',
    ]);
    const session = await runSsoTray(['login', 'my-ss0', '--no-browser'], { env: h.env });
    expect(session.code).toBe(3);
    expect(lines(session.stderr)).toEqual([
      'sso-tray: No sso-session or profile named "my-ss0" in the AWS config file. Did you mean "my-sso"?',
    ]);
    const discover = await runSsoTray(['discover', 'my_sso'], { env: h.env });
    expect(discover.code).toBe(3);
    expect(discover.stderr).toMatch(/Did you mean "my-sso"\?\n$/);
    // Nothing close: no guess.
    const far = await runSsoTray(['console', 'production', '--print'], { env: h.env });
    expect(far.code).toBe(3);
    expect(far.stderr).not.toContain('Did you mean');
  });
});
