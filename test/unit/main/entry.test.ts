// The bundled entry point (app/main/index.ts) under the Electron stand-in:
// importing it starts the app from the real process environment; a second
// instance quits instead of starting.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Tray, app, standIn } from '../../support/electron-stand-in';
import { createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

vi.mock('electron', () => import('../../support/electron-stand-in'));

describe('app/main/index.ts', () => {
  let home: TempHome;
  let userData: string;

  beforeAll(() => {
    standIn.reset();
    home = createTempHome({ config: SEED_CONFIG });
    userData = mkdtempSync(path.join(tmpdir(), 'sso-tray-userdata-'));
    standIn.userData = userData;
    // The entry reads the real environment, like the packaged app.
    vi.stubEnv('HOME', home.home);
    vi.stubEnv('USERPROFILE', home.home);
    vi.stubEnv('AWS_CONFIG_FILE', home.paths.configFile);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', home.paths.credentialsFile);
  });

  afterAll(() => {
    app.quit();
    vi.unstubAllEnvs();
    home.cleanup();
    rmSync(userData, { recursive: true, force: true });
  });

  it('starts the tray from the process environment when imported', async () => {
    await import('../../../app/main/index');
    await standIn.waitForCall((c) => c.api === 'Tray.setContextMenu');
    expect(Tray.instances).toHaveLength(1);
    expect(Tray.instances[0]!.tooltip).toBe('1 session: my-sso signed out');
  });

  it('a second instance quits without building anything', async () => {
    const { startMainProcess } = await import('../../../app/main/main-process');
    standIn.singleInstanceLock = false;
    const trays = Tray.instances.length;
    const from = standIn.calls.length;
    await expect(startMainProcess()).resolves.toBeNull();
    expect(Tray.instances).toHaveLength(trays);
    const calls = standIn.calls.slice(from).map((c) => c.api);
    expect(calls.slice(0, 2)).toEqual(['app.requestSingleInstanceLock', 'app.quit']);
    expect(calls).not.toContain('app.whenReady');
  });
});
