// The preload bridge against the real main process, both under the Electron
// stand-in: the object the window gets has exactly the app/shared API, every
// call crosses IPC through main's sender check and argument validation, and
// snapshots arrive (without the IPC event) once the page subscribes.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  API_METHODS,
  BRIDGE_NAME,
  DEFAULT_SETTINGS,
  type SsoTrayApi,
} from '../../../app/shared/api';
import type { Snapshot } from '../../../app/shared/model';
import type { MainProcess } from '../../../app/main/main-process';
import { startMainInStandIn, type MainInStandIn } from '../../support/main-in-stand-in';
import { BrowserWindow, standIn } from '../../support/electron-stand-in';
import { FakeClock } from '../../support/fake-clock';
import { cliToken, createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

vi.mock('electron', () => import('../../support/electron-stand-in'));

describe('preload bridge (Electron stand-in)', () => {
  let home: TempHome;
  let started: MainInStandIn;
  let main: MainProcess;
  let bridge: SsoTrayApi;

  beforeAll(async () => {
    standIn.reset();
    home = createTempHome({ config: SEED_CONFIG });
    started = await startMainInStandIn({
      clock: new FakeClock(),
      env: { ...home.env },
    });
    main = started.main;
    main.window.show();
    standIn.rendererContents = BrowserWindow.instances[0]!.webContents;
    await import('../../../app/preload/index');
    bridge = standIn.exposed.get(BRIDGE_NAME) as SsoTrayApi;
  });

  afterAll(async () => {
    await started.stop();
    home.cleanup();
  });

  it('exposes exactly the API: one function per method plus onSnapshot', () => {
    expect(Object.keys(bridge).sort()).toEqual([...API_METHODS, 'onSnapshot'].sort());
    expect(Object.values(bridge).every((v) => typeof v === 'function')).toBe(true);
  });

  it('round-trips calls through main', async () => {
    await expect(bridge.getSettings()).resolves.toEqual(DEFAULT_SETTINGS);
    const info = await bridge.getAppInfo();
    expect(info).toEqual({ version: '0.0.0-stand-in', platform: process.platform });
    const saved = await bridge.updateSettings({ defaultShell: 'fish' });
    expect(saved).toMatchObject({ ok: true, value: { defaultShell: 'fish' } });
    expect(main.core.settings.get().defaultShell).toBe('fish');
  });

  it('bad arguments come back as invalid-argument, not as a crash', async () => {
    const result = await (bridge.signOut as (...args: unknown[]) => Promise<unknown>)({
      session: 'my-sso',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('delivers snapshots to a subscriber, which never sees the IPC event', async () => {
    const received: Snapshot[] = [];
    const unsubscribe = bridge.onSnapshot((s) => received.push(s));
    // Subscribing tells main the page listens; the queued snapshot arrives.
    expect(received).toHaveLength(1);
    expect(received[0]!.sessions[0]!.name).toBe('my-sso');
    expect(received[0]!.sessions[0]!.state).toBe('signed-out');

    home.writeToken('my-sso', cliToken({ expiresAt: '2026-01-01T20:00:00Z' }));
    await vi.waitFor(() => expect(received.at(-1)?.sessions[0]?.state).toBe('valid'));
    expect(JSON.stringify(received)).not.toContain('aoa-access-token-secret');

    unsubscribe();
    const count = received.length;
    const contents = BrowserWindow.instances[0]!.webContents;
    const sentBefore = contents.sent.length;
    home.writeToken('my-sso', cliToken({ expiresAt: '2026-01-01T21:00:00Z' }));
    await main.core.reload();
    // Main still sends; the page no longer listens.
    expect(contents.sent.length).toBeGreaterThan(sentBefore);
    expect(received).toHaveLength(count);
  });
});
