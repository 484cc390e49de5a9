// The settings file the app and the CLI share, through the real bin against the
// fake IAM Identity Center: `login --remember` keeps what the app changed while
// it ran, and the app's next change keeps what the CLI remembered.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSettingsStore, SETTINGS_FILE_NAME } from '../../../app/core/settings/settings-store';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../../fakes/fake-identity-center';
import { SSO_TRAY_BIN, startLongRunning, type LongRunning } from '../../support/run-cli';
import { createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

let fake: FakeIdentityCenter | undefined;
let home: TempHome | undefined;
let login: LongRunning | undefined;
afterEach(async () => {
  await login?.stop();
  await fake?.close();
  home?.cleanup();
});

describe('the app and `sso-tray login --remember` on one settings file', () => {
  it('keep each other’s changes', async () => {
    // Pending until the code is confirmed, so the app can write while the CLI waits.
    fake = await startFakeIdentityCenter({
      knobs: { autoApprove: false, pollsBeforeApproval: 0, deviceIntervalSeconds: 1 },
    });
    home = createTempHome({ config: SEED_CONFIG });
    const settingsDir = path.join(home.home, 'settings');
    const file = path.join(settingsDir, SETTINGS_FILE_NAME);
    mkdirSync(settingsDir, { recursive: true, mode: 0o700 });
    writeFileSync(
      file,
      JSON.stringify({ futureOption: { a: 1 }, sessionSignIn: { other: { flow: 'pkce' } } }),
    );
    const app = (await FileSettingsStore.open(settingsDir)).store;

    login = startLongRunning(
      [SSO_TRAY_BIN, 'login', 'my-sso', '--device-code', '--remember', '--no-browser'],
      { ...home.env, ...fake.env, SSO_TRAY_CONFIG_DIR: settingsDir },
    );
    const exited = new Promise((resolve) => login!.child.on('exit', resolve));
    const url = await login.line(/^http:\/\/127\.0\.0\.1:\d+\/device\?/);
    // The CLI has read the file; the app changes it before the sign-in ends.
    await app.update({ defaultShell: 'fish' });
    await app.setSessionBrowser('other', { kind: 'program', executable: '/opt/b/browser' });
    await fake.visit(url);
    expect(await exited).toBe(0);
    expect(login.output()).toContain(
      'my-sso signs in with the device code (--device-code) from now on.',
    );

    const afterCli = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(afterCli).toMatchObject({
      futureOption: { a: 1 },
      defaultShell: 'fish',
      sessionSignIn: { other: { flow: 'pkce' }, 'my-sso': { flow: 'device-code' } },
      sessionBrowsers: { other: { kind: 'program', executable: '/opt/b/browser' } },
    });

    // The app's next change, from its copy read before the CLI wrote.
    await app.update({ mutedSessions: ['other'] });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      ...afterCli,
      mutedSessions: ['other'],
    });
    expect(app.get().sessionSignIn).toEqual({
      other: { flow: 'pkce' },
      'my-sso': { flow: 'device-code' },
    });
  });
});
