// The Electron main process's composition root: a flat list of setup steps.
// Decisions live in pure modules (tray-menu, tray-icon, tray-text,
// notification-plan, window-options, core/url-policy); this file only wires them to
// Electron and to the core. Every IPC handler is registered before the window
// (created on demand) can load.

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
import type { Settings, SsoTrayApi } from '../shared/api';
import { createApiService } from '../core/api/api-service';
import { systemClock, type Clock } from '../core/clock';
import { SsoTrayCore } from '../core/core';
import { resolveAwsPaths } from '../core/paths';
import { FileSettingsStore } from '../core/settings/settings-store';
import { pickedBrowserSettings } from '../core/browsers/browser-choice';
import { detectBrowsers, nodeDetectionHost } from '../core/browsers/detect-browsers';
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
import { policyContextOf } from '../core/url-policy';
import { registerAppScheme, RENDERER_URL, serveRenderer } from './renderer-protocol';
import { createUrlOpener } from './url-opener';
import { denyAllPermissions, setupWebContentsSecurity } from './web-security';
import { WindowController } from './window';

export interface MainProcessOptions {
  /** Time source for the core, the notices and the tray countdowns. */
  readonly clock?: Clock;
  /** Environment the core reads (HOME, AWS_CONFIG_FILE, AWS_ENDPOINT_URL_*...). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface MainProcess {
  readonly core: SsoTrayCore;
  readonly api: SsoTrayApi;
  readonly settings: FileSettingsStore;
  readonly tray: TrayController;
  readonly window: WindowController;
  readonly notifier: Notifier;
}

const MINUTE = 60_000;

/** The core's "expiring" state starts at the earliest notice lead time. */
const warningLeadMs = (settings: Settings) =>
  Math.max(15, ...settings.notificationLeadMinutes) * MINUTE;

const renewalSettings = (settings: Settings) => ({
  enabled: settings.renewal.enabled,
  leadMs: settings.renewal.leadMinutes * MINUTE,
});

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
  const { store: settings, notice: settingsNotice } = await FileSettingsStore.open(
    app.getPath('userData'),
  );
  const core = await setupCore(settings, { clock, env, platform });
  const forwarder = new SnapshotForwarder();
  // The tray and the notifier are created below; these late bindings break the cycle.
  const late: { tray?: TrayController; notifier?: Notifier } = {};
  const window = setupWindow(files, forwarder, lifecycle, platform, () => late.tray);
  const api = setupApi(core, settings, clock, { platform, env });
  setupIpc(api, window, forwarder);
  const act = (action: AppAction) =>
    void performAction(action, {
      api,
      showWindow: (view) => window.show(view),
      quit: () => app.quit(),
      tell: (title, body, opts) => late.notifier?.showMessage(title, body, opts),
    });
  const notifier = (late.notifier = setupNotifier(core, settings, clock, files, platform, act));
  const tray = (late.tray = setupTray(core, settings, clock, files, platform, act, window));
  setupSnapshotFanOut(core, forwarder, tray, notifier);
  setupSettingsReactions(settings, core, tray, notifier, {
    platform,
    env,
    execPath: process.execPath,
  });
  setupWakeFromSleep(core, tray, notifier);
  setupSecondInstance(window);
  setupQuit(core, tray, notifier);

  if (settingsNotice) notifier.showMessage('Settings were reset', settingsNotice.message);
  notifier.replan();
  return { core, api, settings, tray, window, notifier };
}

function setupCore(
  settings: FileSettingsStore,
  host: {
    clock: Clock;
    env: Readonly<Record<string, string | undefined>>;
    platform: NodeJS.Platform;
  },
): Promise<SsoTrayCore> {
  const current = settings.get();
  return SsoTrayCore.start({
    env: host.env,
    clock: host.clock,
    paths: resolveAwsPaths({ env: host.env, platform: host.platform, homedir }),
    warningLeadMs: warningLeadMs(current),
    signInFlow: current.signInFlow,
    renewal: renewalSettings(current),
  });
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

/** The same API the window and the e2e bridge use, over Electron's clipboard, browser and dialogs. */
function setupApi(
  core: SsoTrayCore,
  settings: FileSettingsStore,
  clock: Clock,
  host: {
    readonly platform: NodeJS.Platform;
    readonly env: Readonly<Record<string, string | undefined>>;
  },
): SsoTrayApi {
  const { platform, env } = host;
  const pick = createBrowserPicker({
    dialog: {
      showMessageBox: (options) => dialog.showMessageBox(options),
      showOpenDialog: (options) => dialog.showOpenDialog(options),
    },
    detect: () =>
      detectBrowsers(nodeDetectionHost({ platform, env, homedir: env.HOME ?? homedir() })),
    platform,
  });
  return createApiService(core, {
    clipboard: createClipboardAdapter({
      clipboard,
      clock,
      clearAfterSeconds: () => settings.get().clipboardClearSeconds,
    }),
    opener: createUrlOpener({
      openExternal: (url) => shell.openExternal(url),
      policy: () => policyContextOf(core.sessions, core.env),
      browser: () => settings.browser(),
      platform,
    }),
    settings,
    browser: pickedBrowserSettings(settings, pick),
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
  core: SsoTrayCore,
  settings: FileSettingsStore,
  clock: Clock,
  files: AppFiles,
  platform: NodeJS.Platform,
  act: (action: AppAction) => void,
): Notifier {
  return new Notifier({
    Notification,
    clock,
    snapshot: () => core.sessions.snapshot(),
    settings: () => settings.get(),
    onAction: act,
    // macOS shows the app icon by itself.
    icon: platform === 'darwin' ? undefined : trayIconPath(files.iconDir, 'ok', 'linux'),
  });
}

function setupTray(
  core: SsoTrayCore,
  settings: FileSettingsStore,
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
    snapshot: () => core.sessions.snapshot(),
    settings: () => settings.get(),
    onAction: act,
    onClick: () => window.toggle(),
  });
}

/** A second launch (from the app menu, say) brings up the running app's window. */
function setupSecondInstance(window: WindowController): void {
  app.on('second-instance', () => window.show());
}

function setupQuit(core: SsoTrayCore, tray: TrayController, notifier: Notifier): void {
  app.on('will-quit', () => {
    notifier.stop();
    tray.destroy();
    void core.close();
  });
}

/** Every snapshot goes to the window (when it listens), the tray and the notifier. */
function setupSnapshotFanOut(
  core: SsoTrayCore,
  forwarder: SnapshotForwarder,
  tray: TrayController,
  notifier: Notifier,
): void {
  forwarder.push(core.sessions.snapshot());
  core.sessions.onSnapshot((snapshot) => {
    forwarder.push(snapshot);
    tray.refresh();
    notifier.replan();
  });
}

function setupSettingsReactions(
  settings: FileSettingsStore,
  core: SsoTrayCore,
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
  let launchAtLogin = settings.get().launchAtLogin;
  // Refresh an existing login item (an AppImage may have moved); never remove one the user set elsewhere.
  if (launchAtLogin) void launch(true);
  settings.onChange((next) => {
    core.sessions.setWarningLead(warningLeadMs(next));
    core.renewal.configure(renewalSettings(next));
    tray.refresh();
    notifier.replan();
    if (next.launchAtLogin !== launchAtLogin) {
      launchAtLogin = next.launchAtLogin;
      void launch(launchAtLogin);
    }
  });
}

/** After sleep the timers are stale and files may have changed: reload, then re-plan. */
function setupWakeFromSleep(core: SsoTrayCore, tray: TrayController, notifier: Notifier): void {
  powerMonitor.on('resume', () => {
    void core.sessions.load().finally(() => {
      tray.refresh();
      notifier.replan();
    });
  });
}
