// The Electron main process's composition root: a flat list of setup steps.
// Decisions live in pure modules (tray-menu, tray-icon, tray-text,
// notification-plan, window-options) and in the core; this file only wires
// them to Electron and to the core's one door. Every IPC handler is registered
// before the window (created on demand) can load.

import { copyFile, mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  Notification,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import type { SsoTrayApi } from '../shared/api';
import {
  createWindowApi,
  defaultSettingsDir,
  DESKTOP,
  detectBrowsers,
  nodeDetectionHost,
  openCore,
  pickedBrowserSettings,
  systemClock,
  type Broker,
  type Clock,
  type Core,
} from '../core';
import { setupApplicationMenu } from './app-menu';
import { resolveAppFiles, type AppFiles } from './assets';
import { createBrowserPicker } from './browser-picker';
import { createClipboardAdapter } from './clipboard';
import {
  isTrustedSender,
  registerApiHandlers,
  registerReadyListener,
  senderFacts,
  type TrustCheck,
} from './ipc';
import { applyLaunchAtLogin, autostartFile, launchCommand } from './launch-at-login';
import { hideDockIcon, setupLifecycle, setupSingleInstance, type Lifecycle } from './lifecycle';
import { performAction, type AppAction } from './menu-actions';
import { Notifier } from './notifications';
import { SnapshotForwarder } from './snapshot-forwarder';
import { TrayController } from './tray';
import { trayIconPath } from './tray-icon';
import { createMfaPromptWindow } from './mfa-prompt-window';
import { registerAppScheme, RENDERER_URL, serveRenderer } from './renderer-protocol';
import { denyAllPermissions, setupWebContentsSecurity } from './web-security';
import { WindowController } from './window';

export interface MainProcessOptions {
  /** Time source for the core, the notices and the tray countdowns. */
  readonly clock?: Clock;
  /** Environment the core reads (HOME, AWS_CONFIG_FILE, AWS_ENDPOINT_URL_*...). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface MainProcess {
  readonly core: Core;
  readonly api: SsoTrayApi;
  readonly tray: TrayController;
  readonly window: WindowController;
  readonly notifier: Notifier;
  /** The credentials broker, unless another one of this user was already running. */
  readonly broker: Broker | null;
}

export async function startMainProcess(
  options: MainProcessOptions = {},
): Promise<MainProcess | null> {
  const clock = options.clock ?? systemClock;
  const env = options.env ?? process.env;
  const platform = process.platform;

  if (!setupSingleInstance(app)) return null;
  const lifecycle = setupLifecycle(app, platform);
  setupWebContentsSecurity(app);
  registerAppScheme(protocol);
  await app.whenReady();
  hideDockIcon(app);
  denyAllPermissions(session.defaultSession);
  setupApplicationMenu(Menu, platform);

  const files = resolveAppFiles({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
  });
  serveRenderer(protocol, files.rendererDir);
  const core = await setupCore({ clock, env, platform });
  const forwarder = new SnapshotForwarder();
  // The tray and the notifier are created below; these late bindings break the cycle.
  const late: { tray?: TrayController; notifier?: Notifier } = {};
  const window = setupWindow(files, forwarder, lifecycle, platform, () => late.tray);
  const api = setupApi(core, clock, { platform, env });
  setupIpc(api, window, forwarder);
  const act = (action: AppAction) =>
    void performAction(action, {
      api,
      showWindow: (view) => window.show(view),
      quit: () => app.quit(),
      tell: (title, body, opts) => late.notifier?.showMessage(title, body, opts),
    });
  const notifier = (late.notifier = setupNotifier(core, clock, files, platform, act));
  const tray = (late.tray = setupTray(core, clock, files, platform, act, window));
  setupCoreFanOut(core, forwarder, tray, notifier);
  const broker = await setupBroker(core, notifier);
  setupSettingsReactions(core, tray, notifier, { platform, env, execPath: process.execPath });
  setupWakeFromSleep(core, tray, notifier);
  setupSecondInstance(window);
  setupQuit(core, tray, notifier, broker);

  if (core.settingsNotice) notifier.showMessage('Settings were reset', core.settingsNotice.message);
  notifier.replan();
  return { core, api, tray, window, notifier, broker };
}

/**
 * The broker: tools on this machine ask the app for credentials. Another
 * broker of this user (`sso-tray serve`, say) keeps serving; the app says so.
 */
async function setupBroker(core: Core, notifier: Notifier): Promise<Broker | null> {
  try {
    return await core.startBroker({
      onInternalError: (error) => console.warn('[sso-tray] broker:', (error as Error)?.message),
    });
  } catch (error) {
    notifier.showMessage(
      'The credentials broker is not running in SSO Tray',
      error instanceof Error ? error.message : String(error),
    );
    return null;
  }
}

/**
 * The core, watching and renewing, with the settings folder the CLI reads too.
 * Settings an earlier version kept in Electron's user-data folder move over once.
 */
async function setupCore(host: {
  clock: Clock;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
}): Promise<Core> {
  const settingsDir = defaultSettingsDir({ env: host.env, platform: host.platform, homedir });
  await adoptOldSettings(path.join(app.getPath('userData'), 'settings.json'), settingsDir);
  return openCore({
    env: host.env,
    clock: host.clock,
    platform: host.platform,
    settingsDir,
    watch: true,
    // The app shows its own windows, so the browser it opens shares its display and
    // reaches the loopback redirect: where it runs never calls for the device code.
    surroundings: DESKTOP,
    systemBrowser: (url) => shell.openExternal(url),
    // "When active": the user touched the machine in the last minute.
    userActive: () => powerMonitor.getSystemIdleTime() < 60,
    // MFA codes for role chains: asked in main's own small window, never in the app's.
    mfaPrompt: createMfaPromptWindow({ BrowserWindow, clock: host.clock }),
  });
}

async function adoptOldSettings(oldFile: string, settingsDir: string): Promise<void> {
  const file = path.join(settingsDir, 'settings.json');
  if (path.resolve(oldFile) === path.resolve(file)) return;
  try {
    await mkdir(settingsDir, { recursive: true, mode: 0o700 });
    // COPYFILE_EXCL: never replace settings already in the shared folder.
    await copyFile(oldFile, file, 1);
  } catch {
    // No old file, or the new one exists: nothing to adopt.
  }
}

function setupWindow(
  files: AppFiles,
  forwarder: SnapshotForwarder,
  lifecycle: Lifecycle,
  platform: NodeJS.Platform,
  tray: () => TrayController | undefined,
): WindowController {
  return new WindowController({
    BrowserWindow,
    screen,
    platform,
    preloadPath: files.preload,
    rendererUrl: RENDERER_URL,
    devTools: !app.isPackaged,
    trayBounds: () => tray()?.bounds() ?? null,
    isQuitting: lifecycle.isQuitting,
    onCreated: (created) => {
      forwarder.attach(created.webContents);
      created.webContents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) forwarder.pause();
      });
      created.on('closed', () => forwarder.detach());
    },
  });
}

/** The same API the window and the web bridge use, over Electron's clipboard and dialogs. */
function setupApi(
  core: Core,
  clock: Clock,
  host: {
    readonly platform: NodeJS.Platform;
    readonly env: Readonly<Record<string, string | undefined>>;
  },
): SsoTrayApi {
  const { platform, env } = host;
  // The browser is chosen in main's own dialogs, never by the window.
  const pick = createBrowserPicker({
    dialog: {
      showMessageBox: (options) => dialog.showMessageBox(options),
      showOpenDialog: (options) => dialog.showOpenDialog(options),
    },
    detect: () =>
      detectBrowsers(nodeDetectionHost({ platform, env, homedir: env.HOME ?? homedir() })),
    platform,
  });
  return createWindowApi(core, {
    clipboard: createClipboardAdapter({
      clipboard,
      clock,
      clearAfterSeconds: () => core.settings.get().clipboardClearSeconds,
    }),
    browser: pickedBrowserSettings(core.settings, pick),
    appInfo: { version: app.getVersion(), platform },
  });
}

/** One handler per API method and the READY signal, all behind the same sender check. */
function setupIpc(api: SsoTrayApi, window: WindowController, forwarder: SnapshotForwarder): void {
  const trusted: TrustCheck = (event) =>
    isTrustedSender(senderFacts(event), {
      contentsId: window.contentsId(),
      rendererUrl: window.rendererUrl,
    });
  registerApiHandlers(ipcMain, api, trusted);
  registerReadyListener(ipcMain, trusted, () => forwarder.markReady());
}

function setupNotifier(
  core: Core,
  clock: Clock,
  files: AppFiles,
  platform: NodeJS.Platform,
  act: (action: AppAction) => void,
): Notifier {
  return new Notifier({
    Notification,
    clock,
    snapshot: () => core.snapshot(),
    settings: () => core.settings.get(),
    onAction: act,
    // macOS shows the app icon by itself.
    icon: platform === 'darwin' ? undefined : trayIconPath(files.iconDir, 'ok', 'linux'),
  });
}

function setupTray(
  core: Core,
  clock: Clock,
  files: AppFiles,
  platform: NodeJS.Platform,
  act: (action: AppAction) => void,
  window: WindowController,
): TrayController {
  return new TrayController({
    Tray,
    Menu,
    clock,
    platform,
    iconDir: files.iconDir,
    snapshot: () => core.snapshot(),
    settings: () => core.settings.get(),
    onAction: act,
    onClick: () => window.toggle(),
  });
}

/** A second launch (from the app menu, say) brings up the running app's window. */
function setupSecondInstance(window: WindowController): void {
  app.on('second-instance', () => window.show());
}

function setupQuit(
  core: Core,
  tray: TrayController,
  notifier: Notifier,
  broker: Broker | null,
): void {
  app.on('will-quit', () => {
    notifier.stop();
    tray.destroy();
    // Waiting tools are told the broker stops; then the core winds down.
    void (broker?.close() ?? Promise.resolve()).then(() => core.close());
  });
}

/**
 * Snapshots go to the window (when it listens), the tray and the warning plan;
 * events (outcomes) go to the notifier, one notice each.
 */
function setupCoreFanOut(
  core: Core,
  forwarder: SnapshotForwarder,
  tray: TrayController,
  notifier: Notifier,
): void {
  forwarder.push(core.snapshot());
  core.onSnapshot((snapshot) => {
    forwarder.push(snapshot);
    tray.refresh();
    notifier.replan();
  });
  core.onEvent((event) => notifier.onCoreEvent(event));
}

/** The core follows the settings itself; main refreshes what it shows and the login item. */
function setupSettingsReactions(
  core: Core,
  tray: TrayController,
  notifier: Notifier,
  host: {
    readonly platform: NodeJS.Platform;
    readonly env: Readonly<Record<string, string | undefined>>;
    readonly execPath: string;
  },
): void {
  const launch = (enabled: boolean) =>
    applyLaunchAtLogin(enabled, {
      platform: host.platform,
      app,
      autostartFile: autostartFile(host.env, host.env.HOME ?? homedir()),
      command: launchCommand({
        env: host.env,
        execPath: host.execPath,
        isPackaged: app.isPackaged,
        appPath: path.resolve(app.getAppPath()),
      }),
    }).catch((error: unknown) =>
      notifier.showMessage(
        'Could not change "Launch at login"',
        error instanceof Error ? error.message : String(error),
      ),
    );
  let launchAtLogin = core.settings.get().launchAtLogin;
  // Refresh an existing login item (an AppImage may have moved); never remove one the user set elsewhere.
  if (launchAtLogin) void launch(true);
  core.settings.onChange((next) => {
    tray.refresh();
    notifier.replan();
    if (next.launchAtLogin !== launchAtLogin) {
      launchAtLogin = next.launchAtLogin;
      void launch(launchAtLogin);
    }
  });
}

/** After sleep the timers are stale and files may have changed: reload, then re-plan. */
function setupWakeFromSleep(core: Core, tray: TrayController, notifier: Notifier): void {
  powerMonitor.on('resume', () => {
    void core.reload().finally(() => {
      tray.refresh();
      notifier.replan();
    });
  });
}
