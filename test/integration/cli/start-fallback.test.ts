// `npm start` where Electron cannot run (as on this machine and CI: its binary
// cannot be downloaded): scripts/start.mjs says so in one line and serves the
// real window through `sso-tray serve --open`, which a browser can use.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Snapshot } from '../../../app/shared/model';
import { startLongRunning, type LongRunning } from '../../support/run-cli';
import { createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

vi.setConfig({ testTimeout: 120_000 });

const START_SCRIPT = path.resolve(__dirname, '../../../scripts/start.mjs');

let home: TempHome | undefined;
let started: LongRunning | undefined;
let noElectron: string | undefined;
afterEach(async () => {
  await started?.stop();
  home?.cleanup();
  if (noElectron) rmSync(noElectron, { recursive: true, force: true });
});

/** Signs a client in with the printed URL's key, as a browser does; returns the cookie. */
async function letIn(windowUrl: string): Promise<string> {
  const response = await fetch(windowUrl, { redirect: 'manual' });
  expect(response.status).toBe(303);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

describe('npm start without Electron', () => {
  it('says why in one line and serves the window in the browser instead', async () => {
    home = createTempHome({ config: SEED_CONFIG });
    // Electron's own override, pointed at a folder without a binary: what a failed download leaves.
    noElectron = mkdtempSync(path.join(tmpdir(), 'sso-tray-no-electron-'));
    started = startLongRunning([START_SCRIPT, '--no-build'], {
      ...home.env,
      DISPLAY: ':0',
      ELECTRON_OVERRIDE_DIST_PATH: noElectron,
      BROWSER: 'true',
    });

    await started.line(/^Press Ctrl-C to stop/);
    const windowLine = await started.line(/^Window: http:\/\/127\.0\.0\.1:\d+\//);
    expect(started.output()).toContain(
      'Electron cannot start here (its binary is not installed), so SSO Tray opens its window in your browser instead',
    );
    const windowUrl = windowLine.slice('Window: '.length).trim();
    const origin = new URL(windowUrl).origin;
    const cookie = await letIn(windowUrl);

    const page = await fetch(`${origin}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    // The window's data comes from the real core reading this HOME's config.
    const call = await fetch(`${origin}/api/getSnapshot`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ args: [] }),
    });
    const { value } = (await call.json()) as { value: Snapshot };
    expect(value.sessions.map((session) => session.name)).toEqual(['my-sso']);
    expect(value.profiles.map((profile) => profile.name)).toEqual(
      expect.arrayContaining(['dev', 'prod']),
    );

    expect(await started.stop()).toBe(0);
  });

  it('on Linux without a display, says so instead of letting Electron fail', async () => {
    home = createTempHome({ config: SEED_CONFIG });
    const env: Record<string, string> = { ...home.env, BROWSER: 'true' };
    started = startLongRunning([START_SCRIPT, '--no-build'], env);
    await started.line(/^Press Ctrl-C to stop/);
    expect(started.output()).toContain(
      'Electron cannot start here (there is no display: DISPLAY and WAYLAND_DISPLAY are unset)',
    );
    expect(await started.stop()).toBe(0);
  });
});
