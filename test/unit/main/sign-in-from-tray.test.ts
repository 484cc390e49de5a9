// The whole "your session ends soon: click to sign in" story through the main
// process, with real parts everywhere but Electron: the core's real PKCE
// sign-in over the real AWS SDK against the fake IAM Identity Center, main's
// URL policy and opener, the token written to a temp HOME. The Electron
// stand-in (test/support/electron-stand-in.ts) plays the OS: it shows the
// notice, takes the click, and hands the URL main opens to the fake's browser.

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serializeCliToken } from '../../../app/core/token-cache/token-file';
import { startMainInStandIn, type MainInStandIn } from '../../support/main-in-stand-in';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../../fakes/fake-identity-center';
import { Notification, Tray, standIn, type StandInMenu } from '../../support/electron-stand-in';
import { FakeClock } from '../../support/fake-clock';
import { createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

vi.mock('electron', () => import('../../support/electron-stand-in'));

const MINUTE = 60_000;
const START_URL = 'https://d-abc123.awsapps.com/start';

describe('sign-in from a notification (Electron stand-in, fake Identity Center)', () => {
  let fake: FakeIdentityCenter;
  let home: TempHome;
  let started: MainInStandIn;
  let clock: FakeClock;

  beforeAll(async () => {
    standIn.reset();
    clock = new FakeClock();
    fake = await startFakeIdentityCenter({ clock });
    home = createTempHome({ config: SEED_CONFIG });
    // Signed in by the device flow without a refresh token: 20 minutes left, no silent renewal.
    const token = fake.issueToken({ startUrl: START_URL, ttlSeconds: 20 * 60, refreshable: false });
    home.writeToken('my-sso', serializeCliToken(token));
    started = await startMainInStandIn({
      clock,
      env: { ...home.env, ...fake.env },
    });
  });

  afterAll(async () => {
    await started.stop();
    await fake.close();
    home.cleanup();
  });

  it('warns at the lead time, signs in on click through the browser, and says so', async () => {
    clock.advance(5 * MINUTE);
    const warning = Notification.instances.find((n) => n.options.title === 'my-sso expires in 15m');
    expect(warning?.shown).toBe(true);

    warning!.click();
    // Main opens the authorize page (it passed the URL policy as an endpoint the SDK uses).
    const opened = await standIn.waitForCall((c) => c.api === 'shell.openExternal');
    const authorizeUrl = opened.args[0] as string;
    expect(authorizeUrl.startsWith(`${fake.url}/authorize?response_type=code`)).toBe(true);
    // While the browser is out, the tray says so.
    expect(path.basename(Tray.instances[0]!.image)).toMatch(/^tray-signing-in/);
    expect((Tray.instances[0]!.menu as StandInMenu).labels()).toContain('my-sso: signing in…');

    // The user approves in the browser; the fake redirects to the app's loopback listener.
    const visit = await fake.visit(authorizeUrl);
    expect(visit.status).toBe(200);

    const done = await standIn.waitForCall(
      (c) =>
        c.api === 'new Notification' &&
        (c.args[0] as { title?: string }).title === 'Signed in to my-sso',
    );
    expect((done.args[0] as { body?: string }).body).toContain('8h');
    await vi.waitFor(() =>
      expect((Tray.instances[0]!.menu as StandInMenu).labels()).toContain('my-sso: 8h left'),
    );
    expect(path.basename(Tray.instances[0]!.image)).toMatch(/^tray-ok/);
    // The refreshed session renews silently from now on: its 5-minute notice never comes.
    clock.advance(10 * MINUTE);
    expect(Notification.instances.map((n) => n.options.title)).not.toContain(
      'my-sso expires in 5m',
    );
  });
});
