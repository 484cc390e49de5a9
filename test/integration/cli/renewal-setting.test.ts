// One renewal truth: with silent renewal turned off in the app's settings, a
// refreshable session about to lapse is "expiring" and says renewal is off, in
// the CLI as in the tray (the CLI reads the app's settings file).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runSsoTray } from '../../support/run-cli';
import { cliToken, createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

let home: TempHome | undefined;
afterEach(() => home?.cleanup());

function signedInWithTenMinutesLeft(settings: object | null): TempHome {
  const h = createTempHome({ config: SEED_CONFIG });
  h.writeToken(
    'my-sso',
    cliToken({
      expiresAt: new Date(Date.now() + 10 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      refreshToken: 'refresh-token-secret',
    }),
  );
  if (settings) {
    const dir = path.join(h.home, '.config', 'sso-tray');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings));
  }
  return h;
}

describe('renewal setting in status', () => {
  it('renewal on (default): the session renews automatically and stays valid', async () => {
    home = signedInWithTenMinutesLeft(null);
    const run = await runSsoTray(['status', '--json'], { env: home.env });
    // Piped to a program: one line of JSON (indented only at a terminal).
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    const [session] = JSON.parse(run.stdout).sessions;
    expect(session.state).toBe('valid');
    expect(session.renewal).toEqual({ mode: 'automatic', reason: null });
  });

  it('renewal off in settings: the session is expiring and says renewal is off', async () => {
    home = signedInWithTenMinutesLeft({ renewal: { enabled: false, leadMinutes: 15 } });
    const json = await runSsoTray(['status', '--json'], { env: home.env });
    const [session] = JSON.parse(json.stdout).sessions;
    expect(session.state).toBe('expiring');
    expect(session.renewal.mode).toBe('off');
    const text = await runSsoTray(['status'], { env: home.env });
    expect(text.stdout).toMatch(/my-sso\s+expiring\s+\d+m left\s+off\s/);
  });
});
