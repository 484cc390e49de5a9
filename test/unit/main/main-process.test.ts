// The composition root under plain Node, with the recording stand-in for the
// `electron` module (test/support/electron-stand-in.ts; the Electron binary
// cannot run here). Everything else is real: the core watching a temp HOME,
// the settings file, the API service, the IPC wrapper, the planner and the
// tray builders. Time is a FakeClock so a lead-time notice can be reached.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  API_METHODS,
  DEFAULT_SETTINGS,
  READY_CHANNEL,
  SNAPSHOT_CHANNEL,
  channelOf,
  type ApiResult,
} from '../../../app/shared/api';
import type { Snapshot } from '../../../app/shared/model';
import { FakeClock } from '../../support/fake-clock';
import { waitForFile } from '../../support/wait-for-file';
import { cliToken, createTempHome, type TempHome } from '../../support/temp-home';
import {
  BrowserWindow,
  Menu,
  Notification,
  StandInWebContents,
  Tray,
  dialog,
  ipcMain,
  protocol,
  session,
  standIn,
  app,
  type StandInMenu,
} from '../../support/electron-stand-in';
import type { MainProcess } from '../../../app/main/main-process';
import { startMainInStandIn, type MainInStandIn } from '../../support/main-in-stand-in';

vi.mock('electron', () => import('../../support/electron-stand-in'));

const CONFIG = `[sso-session my-sso]
sso_start_url = https://d-abc123.awsapps.com/start
sso_region = us-east-1

[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = DeveloperAccess

[sso-session other-sso]
sso_start_url = https://d-other.awsapps.com/start
sso_region = eu-west-1

[profile ops]
sso_session = other-sso
sso_account_id = 333333333333
sso_role_name = Operator
`;

const START = Date.parse('2026-01-01T12:00:00Z');
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

describe('main process composition root (Electron stand-in)', () => {
  let home: TempHome;
  let started: MainInStandIn;
  let clock: FakeClock;
  let main: MainProcess;
  const tray = () => Tray.instances[0]!;
  const menu = () => tray().menu as StandInMenu;

  beforeAll(async () => {
    standIn.reset();
    home = createTempHome({ config: CONFIG });
    // Not refreshable, 20 minutes left: the 15-minute notice is 5 minutes away.
    home.writeToken('my-sso', cliToken({ expiresAt: iso(START + 20 * MINUTE) }));
    clock = new FakeClock(START);
    started = await startMainInStandIn({
      clock,
      env: { ...home.env },
    });
    main = started.main;
  });

  afterAll(async () => {
    await started.stop();
    home.cleanup();
  });

  it('starts as a tray app: one instance, no dock icon, alive without windows, permissions denied', async () => {
    expect(standIn.calls.some((c) => c.api === 'app.requestSingleInstanceLock')).toBe(true);
    expect(standIn.calls.some((c) => c.api === 'app.dock.hide')).toBe(true);
    // No window until the user asks for one.
    expect(BrowserWindow.instances).toHaveLength(0);
    expect(app.listenerCount('window-all-closed')).toBe(1);
    const granted = await new Promise<boolean>((resolve) =>
      session.defaultSession.permissionRequestHandler!({}, 'geolocation', resolve),
    );
    expect(granted).toBe(false);
    expect(session.defaultSession.permissionCheckHandler!({}, 'clipboard-read', '', {})).toBe(
      false,
    );
  });

  it('serves the window from its own origin, registered before ready, and nothing outside the bundle', async () => {
    const order = (api: string) => standIn.calls.findIndex((c) => c.api === api);
    expect(order('protocol.registerSchemesAsPrivileged')).toBeLessThan(order('app.whenReady'));
    expect(protocol.privileged).toEqual([
      {
        scheme: 'sso-tray',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
      },
    ]);
    expect([...protocol.handlers.keys()]).toEqual(['sso-tray']);
    // The repository's package.json is two folders above the bundle: never reachable.
    expect(existsSync(path.join(app.getAppPath(), 'package.json'))).toBe(true);
    for (const url of [
      'sso-tray://app/../../package.json',
      'sso-tray://app/%2e%2e/%2e%2e/package.json',
      'sso-tray://app/..%2f..%2fpackage.json',
      'sso-tray://other/index.html',
    ]) {
      const response = await protocol.request(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('"name": "sso-tray"');
    }
  });

  it('replaces the default menu (Reload, Toggle Developer Tools): none on Linux and Windows', () => {
    expect(standIn.calls.some((c) => c.api === 'Menu.setApplicationMenu')).toBe(true);
    expect(Menu.applicationMenu).toBeNull();
  });

  it('creates the tray with an icon file that exists, a tooltip and a menu', () => {
    expect(Tray.instances).toHaveLength(1);
    expect(existsSync(tray().image)).toBe(true);
    expect(path.basename(tray().image)).toMatch(/^tray-ok/);
    expect(tray().tooltip).toBe('2 sessions: my-sso 20m, other-sso signed out');
    expect(menu().labels()).toEqual(
      expect.arrayContaining([
        'my-sso: 20m left',
        'other-sso: not signed in',
        'Open SSO Tray',
        'Preferences…',
        'Launch at login',
        'Quit SSO Tray',
      ]),
    );
  });

  it('registers a handler for every API method before any window exists', () => {
    const registered = standIn.calls
      .filter((c) => c.api === 'ipcMain.handle')
      .map((c) => c.args[0]);
    expect(registered.sort()).toEqual(API_METHODS.map(channelOf).sort());
    const firstWindow = standIn.calls.findIndex((c) => c.api === 'new BrowserWindow');
    expect(firstWindow).toBe(-1);
  });

  it('opens a secure window on demand and answers calls from it', async () => {
    main.window.show();
    expect(BrowserWindow.instances).toHaveLength(1);
    const window = BrowserWindow.instances[0]!;
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(prefs.preload).toBe(path.join(app.getAppPath(), 'out', 'preload', 'index.cjs'));
    // From the app's own origin, never file://; dev tools only because this is not packaged.
    expect(window.loads).toEqual(['sso-tray://app/index.html']);
    expect(prefs.devTools).toBe(true);
    // Navigation away and new windows are refused.
    expect(window.webContents.tryNavigate('https://example.com/')).toBe(true);
    expect(window.webContents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });

    const settings = await ipcMain.invoke(window.webContents, channelOf('getSettings'), []);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    const snapshot = (await ipcMain.invoke(
      window.webContents,
      channelOf('getSnapshot'),
      [],
    )) as Snapshot;
    expect(snapshot.sessions.map((s) => s.name)).toEqual(['my-sso', 'other-sso']);
    expect(JSON.stringify(snapshot)).not.toContain('aoa-access-token-secret');
  });

  it('the browser: the window sees a label and can only ask main to show its picker', async () => {
    const ours = BrowserWindow.instances[0]!.webContents;
    const call = (method: 'getBrowser' | 'chooseBrowser', ...args: unknown[]) =>
      ipcMain.invoke(ours, channelOf(method), args);
    expect(await call('getBrowser')).toEqual({ kind: 'system', label: 'System default browser' });
    // A program named by the window is refused before any dialog: only a session of the config is a target.
    expect(await call('chooseBrowser', { kind: 'program', executable: '/bin/sh' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    expect(await call('chooseBrowser', '/bin/sh')).toMatchObject({
      ok: false,
      error: { code: 'unknown-session' },
    });
    expect(standIn.calls.some((c) => c.api.startsWith('dialog.'))).toBe(false);
    // The user picks a program in the native dialogs.
    dialog.answers.push(
      { kind: 'message', button: 'Other program…' },
      { kind: 'open', filePaths: ['/usr/bin/env'] },
      { kind: 'message', button: 'Use this program' },
    );
    expect(await call('chooseBrowser')).toEqual({
      ok: true,
      value: { kind: 'program', label: 'env (/usr/bin/env)' },
    });
    expect(await call('getBrowser')).toEqual({ kind: 'program', label: 'env (/usr/bin/env)' });
    const stored = JSON.parse(
      readFileSync(path.join(started.settingsDir, 'settings.json'), 'utf8'),
    ) as {
      browser: unknown;
    };
    expect(stored.browser).toEqual({ kind: 'program', executable: '/usr/bin/env' });
    // Cancel changes nothing.
    dialog.answers.push({ kind: 'message', button: 'Cancel' });
    expect(await call('chooseBrowser')).toEqual({ ok: true, value: null });
    expect(main.core.settings.browser()).toEqual({ kind: 'program', executable: '/usr/bin/env' });
    await main.core.settings.setBrowser({ kind: 'system' });
  });

  it('a browser for one session: chosen in main’s dialogs, used for that session’s pages only', async () => {
    const ours = BrowserWindow.instances[0]!.webContents;
    const call = (method: 'getBrowser' | 'chooseBrowser' | 'openConsole', ...args: unknown[]) =>
      ipcMain.invoke(ours, channelOf(method), args);
    // A "browser" program that records the address it is given.
    const dir = mkdtempSync(path.join(tmpdir(), 'sso-tray-session-browser-'));
    const opened = path.join(dir, 'opened.txt');
    const program = path.join(dir, 'work-browser');
    writeFileSync(
      program,
      `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(opened)}, process.argv[2]);\n`,
      { mode: 0o755 },
    );
    const callsBefore = standIn.calls.length;
    try {
      expect(await call('getBrowser', 'my-sso')).toEqual({
        kind: 'system',
        label: 'System default browser',
        usesDefault: true,
      });
      dialog.answers.push(
        { kind: 'message', button: 'Other program…' },
        { kind: 'open', filePaths: [program] },
        { kind: 'message', button: 'Use this program' },
      );
      expect(await call('chooseBrowser', 'my-sso')).toEqual({
        ok: true,
        value: { kind: 'program', label: `work-browser (${program})`, usesDefault: false },
      });
      const [first] = standIn.calls
        .slice(callsBefore)
        .filter((c) => c.api === 'dialog.showMessageBox');
      expect((first!.args[0] as { message: string }).message).toBe(
        'Open the sign-in pages and console links of my-sso in:',
      );
      // The default stays, and so does every other session.
      expect(await call('getBrowser')).toEqual({ kind: 'system', label: 'System default browser' });
      expect(await call('getBrowser', 'other-sso')).toMatchObject({ usesDefault: true });

      // dev signs in through my-sso: its console opens in the program, ops' in the system browser.
      expect(await call('openConsole', 'dev')).toEqual({ ok: true, value: null });
      expect(await waitForFile(opened)).toBe(
        'https://d-abc123.awsapps.com/start/#/console?account_id=111111111111&role_name=DeveloperAccess',
      );
      const external = () =>
        standIn.calls
          .slice(callsBefore)
          .filter((c) => c.api === 'shell.openExternal')
          .map((c) => c.args[0]);
      expect(external()).toEqual([]);
      expect(await call('openConsole', 'ops')).toEqual({ ok: true, value: null });
      expect(external()).toEqual([
        'https://d-other.awsapps.com/start/#/console?account_id=333333333333&role_name=Operator',
      ]);

      // "Same as the default" takes the session's own choice away.
      dialog.answers.push({
        kind: 'message',
        button: 'Same as the default (System default browser)',
      });
      expect(await call('chooseBrowser', 'my-sso')).toEqual({
        ok: true,
        value: { kind: 'system', label: 'System default browser', usesDefault: true },
      });
      expect(main.core.settings.sessionBrowser('my-sso')).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('closing the window hides it; the app stays in the tray', () => {
    const window = BrowserWindow.instances[0]!;
    window.close();
    expect(window.isDestroyed()).toBe(false);
    expect(window.isVisible()).toBe(false);
    main.window.show();
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(window.isVisible()).toBe(true);
  });

  it('rejects a call from an unknown sender and never reaches the API', async () => {
    const spy = vi.spyOn(main.api, 'signOut');
    const stranger = new StandInWebContents();
    stranger.mainFrame.url = 'sso-tray://app/index.html';
    await expect(ipcMain.invoke(stranger, channelOf('signOut'), ['my-sso'])).rejects.toThrow(
      /did not come from the SSO Tray window/,
    );
    // Our window, but a subframe showing something else: refused too.
    const ours = BrowserWindow.instances[0]!.webContents;
    await expect(
      ipcMain.invoke(ours, channelOf('signOut'), ['my-sso'], {
        url: 'https://evil.example/',
        parent: ours.mainFrame,
      }),
    ).rejects.toThrow(/did not come/);
    // Our window showing the bundle from file:// (the old origin) is not our page any more.
    await expect(
      ipcMain.invoke(ours, channelOf('signOut'), ['my-sso'], {
        url: pathToFileURL(path.join(app.getAppPath(), 'out', 'renderer', 'index.html')).href,
        parent: null,
      }),
    ).rejects.toThrow(/did not come/);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('rejects an invalid argument with a clear result and never reaches the API', async () => {
    const spy = vi.spyOn(main.api, 'signIn');
    const ours = BrowserWindow.instances[0]!.webContents;
    const result = (await ipcMain.invoke(ours, channelOf('signIn'), [42])) as ApiResult<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(!result.ok && result.error.message).toMatch(/signIn/);
    const patch = (await ipcMain.invoke(ours, channelOf('updateSettings'), [
      { clipboardClearSeconds: -5 },
    ])) as ApiResult<unknown>;
    expect(patch).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('holds snapshots back until the renderer says it listens', () => {
    const ours = BrowserWindow.instances[0]!.webContents;
    expect(ours.sent.filter((m) => m.channel === SNAPSHOT_CHANNEL)).toHaveLength(0);
    ipcMain.sendFrom(ours, READY_CHANNEL);
    const sent = ours.sent.filter((m) => m.channel === SNAPSHOT_CHANNEL);
    expect(sent).toHaveLength(1);
    expect((sent[0]!.payload[0] as Snapshot).sessions).toHaveLength(2);
    // A READY from a stranger releases nothing to it.
    const stranger = new StandInWebContents();
    ipcMain.sendFrom(stranger, READY_CHANNEL);
    expect(stranger.sent).toHaveLength(0);
  });

  it('updates the menu when the core emits (a token file appears in HOME)', async () => {
    const ours = BrowserWindow.instances[0]!.webContents;
    const before = ours.sent.length;
    home.writeToken('other-sso', cliToken({ expiresAt: iso(START + 8 * 60 * MINUTE) }));
    await standIn.waitForCall(
      (c) =>
        c.api === 'Tray.setContextMenu' &&
        (c.args[0] as StandInMenu).labels().includes('other-sso: 8h left'),
    );
    expect(tray().tooltip).toBe('2 sessions: my-sso 20m, other-sso 8h');
    // The listening window got the new snapshot too.
    const latest = ours.sent
      .slice(before)
      .filter((m) => m.channel === SNAPSHOT_CHANNEL)
      .at(-1);
    const other = (latest!.payload[0] as Snapshot).sessions.find((s) => s.name === 'other-sso');
    expect(other?.state).toBe('valid');
  });

  it('shows a notification at the 15-minute lead time, once', () => {
    expect(Notification.instances).toHaveLength(0);
    clock.advance(5 * MINUTE - 1);
    expect(Notification.instances).toHaveLength(0);
    clock.advance(1);
    expect(Notification.instances).toHaveLength(1);
    const notice = Notification.instances[0]!;
    expect(notice.shown).toBe(true);
    expect(notice.options.title).toBe('my-sso expires in 15m');
    expect(notice.options.actions).toEqual([{ type: 'button', text: 'Sign in' }]);
    // The tray turned amber with it.
    expect(path.basename(tray().image)).toMatch(/^tray-expiring/);
    clock.advance(MINUTE);
    expect(Notification.instances).toHaveLength(1);
  });

  it('starts the sign-in from the notification click and its "Sign in" button', async () => {
    const signIn = vi.spyOn(main.api, 'signIn').mockResolvedValue({
      ok: false,
      error: { code: 'network', message: 'The sign-in service could not be reached.' },
    });
    const before = Notification.instances.length;
    Notification.instances[0]!.click();
    expect(signIn).toHaveBeenCalledWith('my-sso');
    Notification.instances[0]!.pressAction(0);
    expect(signIn).toHaveBeenCalledTimes(2);
    // The outcome is the core's event, told once by the notifier (sign-in-failure-notice.test.ts);
    // the click's own call adds no notice of its own.
    await Promise.all(signIn.mock.results.map((r) => r.value));
    await new Promise((resolve) => setImmediate(resolve));
    expect(Notification.instances.length).toBe(before);
    signIn.mockRestore();
  });

  it('starts the sign-in from the tray menu too', () => {
    const signIn = vi.spyOn(main.api, 'signIn').mockResolvedValue({
      ok: true,
      value: { expiresAt: iso(START + 8 * 60 * MINUTE) },
    });
    const item = menu().find('my-sso:', 'Sign in again');
    expect(item?.enabled).toBe(true);
    item!.click!();
    expect(signIn).toHaveBeenCalledWith('my-sso');
    signIn.mockRestore();
  });

  it('"Launch at login" in the menu saves the setting and registers the app', async () => {
    menu().find('Launch at login')!.click!();
    await vi.waitFor(() => expect(main.core.settings.get().launchAtLogin).toBe(true));
    await standIn.waitForCall(
      (c) =>
        c.api === 'Tray.setContextMenu' &&
        (c.args[0] as StandInMenu).find('Launch at login')?.checked === true,
    );
    if (process.platform === 'linux') {
      // An XDG autostart entry in the (temp) HOME that starts this app.
      const entry = path.join(home.home, '.config', 'autostart', 'sso-tray.desktop');
      await vi.waitFor(() => expect(existsSync(entry)).toBe(true));
      expect(readFileSync(entry, 'utf8')).toContain(`Exec=${process.execPath}`);
    } else {
      await standIn.waitForCall((c) => c.api === 'app.setLoginItemSettings');
    }
  });

  it('Preferences opens the window on the preferences view', () => {
    menu().find('Preferences…')!.click!();
    const window = BrowserWindow.instances[0]!;
    expect(window.loads.at(-1)).toBe('sso-tray://app/index.html#preferences');
    expect(window.isVisible()).toBe(true);
  });

  it('recomputes after wake from sleep: missed notices collapse into one', async () => {
    const before = Notification.instances.length;
    // Asleep past the 5-minute notice and the expiry of my-sso.
    clock.jump(30 * MINUTE);
    const reloaded = standIn.waitForCall(
      (c) =>
        c.api === 'Tray.setContextMenu' &&
        (c.args[0] as StandInMenu).labels().includes('my-sso: expired'),
    );
    (await import('../../support/electron-stand-in')).powerMonitor.emit('resume');
    await reloaded;
    await vi.waitFor(() => expect(Notification.instances.length).toBe(before + 1));
    expect(Notification.instances.at(-1)!.options.title).toBe('my-sso has expired');
    expect(path.basename(tray().image)).toMatch(/^tray-needs-sign-in/);
  });
});
