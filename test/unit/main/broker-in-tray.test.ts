// The tray app runs the broker: main starts it with the core and stops it on
// quit; a tool waiting for a sign-in shows in the tray menu and in exactly one
// notification (a storm of tools is gathered into one), whose "Sign in" starts
// the one sign-in every waiting tool gets its answer from. Real core, real
// broker socket and client, the fake Identity Center; Electron is the recording
// stand-in.

import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { requestCredentials } from '../../../app/core/broker/broker-client';
import { brokerAddressesFor } from '../../../app/core/broker/broker-location';
import type { MainProcess } from '../../../app/main/main-process';
import { startMainInStandIn, type MainInStandIn } from '../../support/main-in-stand-in';
import { WAITING_TOOLS_GATHER_MS } from '../../../app/main/notifications';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../../fakes/fake-identity-center';
import {
  Notification,
  Tray,
  app,
  powerMonitor,
  standIn,
  type StandInMenu,
} from '../../support/electron-stand-in';
import { FakeClock } from '../../support/fake-clock';
import { cliToken, createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

vi.mock('electron', () => import('../../support/electron-stand-in'));

describe('the broker in the tray app (Electron stand-in, fake Identity Center)', () => {
  let fake: FakeIdentityCenter;
  let home: TempHome;
  let started: MainInStandIn;
  let clock: FakeClock;
  let main: MainProcess;

  beforeAll(async () => {
    standIn.reset();
    // The user is away: a tool's request waits for a click instead of opening a page.
    powerMonitor.idleSeconds = 600;
    clock = new FakeClock(Date.now());
    fake = await startFakeIdentityCenter({ knobs: { deviceIntervalSeconds: 0 } });
    home = createTempHome({ config: SEED_CONFIG });
    home.writeToken('my-sso', cliToken({ expiresAt: '2020-01-01T00:00:00Z' }));
    started = await startMainInStandIn({
      clock,
      env: { ...home.env, ...fake.env },
    });
    main = started.main;
  });

  afterAll(async () => {
    await started.stop();
    await fake.close();
    home.cleanup();
  });

  it('starts the broker with the app', () => {
    expect(main.broker).not.toBeNull();
    expect(existsSync(main.broker!.address.path)).toBe(true);
  });

  it('three waiting tools: one line in the menu, one notification, one sign-in for all', async () => {
    const addresses = brokerAddressesFor(home.env);
    const ask = (profile: string, name: string) =>
      requestCredentials(profile, { waitSeconds: 120, caller: { name } }, { addresses });
    const replies = Promise.all([
      ask('dev', 'terraform'),
      ask('prod', 'aws'),
      ask('dev', 'pulumi'),
    ]);
    await vi.waitFor(() => expect(main.core.snapshot().sessions[0]!.waiting).toHaveLength(3));
    const menu = () => Tray.instances[0]!.menu as StandInMenu;
    await vi.waitFor(() =>
      expect(
        menu()
          .find('my-sso')
          ?.submenu?.map((i) => i.label),
      ).toContain('3 tools are waiting for this sign-in'),
    );
    // Nothing opened while the user is away; the notice comes once the storm is gathered.
    expect(fake.requestsFor('StartDeviceAuthorization')).toHaveLength(0);
    const waitingNotices = () =>
      Notification.instances.filter((n) =>
        /waiting for you to sign in/.test(n.options.title ?? ''),
      );
    expect(waitingNotices()).toHaveLength(0);
    clock.advance(WAITING_TOOLS_GATHER_MS);
    expect(waitingNotices().map((n) => n.options.title)).toEqual([
      '3 tools (terraform, aws, pulumi) are waiting for you to sign in to my-sso',
    ]);

    // The user clicks "Sign in" on it: one sign-in (PKCE, in the browser), every tool answered.
    waitingNotices()[0]!.pressAction(0);
    const opened = await standIn.waitForCall((c) => c.api === 'shell.openExternal');
    await fake.visit(opened.args[0] as string);
    const answers = await replies;
    expect(answers.map((a) => a.ok)).toEqual([true, true, true]);
    expect(fake.requestsFor('Authorize')).toHaveLength(1);
    await vi.waitFor(() => expect(main.core.snapshot().sessions[0]!.waiting).toHaveLength(0));
    expect(waitingNotices()).toHaveLength(1);
  });

  it('stops the broker when the app quits', async () => {
    const socket = main.broker!.address.path;
    app.quit();
    await vi.waitFor(() => expect(existsSync(socket)).toBe(false));
  });
});
