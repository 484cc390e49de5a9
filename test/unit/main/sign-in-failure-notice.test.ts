// A sign-in started from the tray that fails is told once: one notification
// from the core's sign-in-failed event, not a second one from the menu action.
// Real core, real PKCE flow against the fake Identity Center (which denies in
// the browser); Electron is the recording stand-in.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MainProcess } from '../../../app/main/main-process';
import { startMainInStandIn, type MainInStandIn } from '../../support/main-in-stand-in';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../../fakes/fake-identity-center';
import { Notification, Tray, standIn, type StandInMenu } from '../../support/electron-stand-in';
import { createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

vi.mock('electron', () => import('../../support/electron-stand-in'));

describe('a failed sign-in from the tray (Electron stand-in, fake Identity Center)', () => {
  let fake: FakeIdentityCenter;
  let home: TempHome;
  let started: MainInStandIn;
  let main: MainProcess;

  beforeAll(async () => {
    standIn.reset();
    fake = await startFakeIdentityCenter({ knobs: { deny: true } });
    home = createTempHome({ config: SEED_CONFIG });
    started = await startMainInStandIn({
      env: { ...home.env, ...fake.env },
    });
    main = started.main;
  });

  afterAll(async () => {
    await started.stop();
    await fake.close();
    home.cleanup();
  });

  it('shows exactly one notification saying the sign-in failed', async () => {
    const menu = Tray.instances[0]!.menu as StandInMenu;
    menu.find('my-sso', 'Sign in')!.click!();
    const opened = await standIn.waitForCall((c) => c.api === 'shell.openExternal');
    // The user refuses in the browser; the fake redirects with error=access_denied.
    await fake.visit(opened.args[0] as string);
    await vi.waitFor(() =>
      expect(
        Notification.instances.some((n) => /sign-in|sign in/i.test(n.options.title ?? '')),
      ).toBe(true),
    );
    // The sign-in is over; let the menu action's own reply (a second notice, before) come in.
    await vi.waitFor(() => expect(main.core.isSigningIn('my-sso')).toBe(false));
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
    const aboutSignIn = Notification.instances.filter((n) =>
      /sign-in|sign in/i.test(`${n.options.title} ${n.options.body}`),
    );
    expect(aboutSignIn.map((n) => n.options.title)).toEqual(['Sign-in to my-sso failed']);
    expect(aboutSignIn[0]!.options.body).toMatch(/denied/i);
  });
});
