// Window options (security and shape per platform), the popover position next
// to the tray, the web-contents lockdown, and the window's lifecycle (created
// on demand, hidden not destroyed, preferences view) with the Electron stand-in.

import { describe, expect, it } from 'vitest';
import {
  isPopover,
  popoverPosition,
  WINDOW_HEIGHT,
  WINDOW_WIDTH,
  windowOptions,
} from '../../../app/main/window-options';
import { denyAllPermissions, secureWebContents } from '../../../app/main/web-security';
import { WindowController } from '../../../app/main/window';
import { resolveAppFiles } from '../../../app/main/assets';
import {
  BrowserWindow,
  StandInWebContents,
  session,
  standIn,
} from '../../support/electron-stand-in';
import type { Rectangle, Session, WebContents } from 'electron';

const PLATFORMS = ['darwin', 'win32', 'linux'] as const;

describe('window options', () => {
  it.each(PLATFORMS)('locks the renderer down on %s', (platform) => {
    const options = windowOptions({ platform, preloadPath: '/app/out/preload/index.cjs' });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options.show).toBe(false);
    // No dev tools unless asked for (development only).
    expect(options.webPreferences?.devTools).toBe(false);
    expect(
      windowOptions({ platform, preloadPath: 'p', devTools: true }).webPreferences?.devTools,
    ).toBe(true);
    expect(options).toMatchObject({ width: WINDOW_WIDTH, height: WINDOW_HEIGHT });
  });

  it('is a frameless popover on macOS and Windows, a normal window on Linux', () => {
    expect(windowOptions({ platform: 'darwin', preloadPath: 'p' })).toMatchObject({
      frame: false,
      resizable: false,
      skipTaskbar: true,
    });
    expect(windowOptions({ platform: 'linux', preloadPath: 'p' })).toMatchObject({
      frame: true,
      resizable: true,
      skipTaskbar: false,
    });
    expect(PLATFORMS.filter(isPopover)).toEqual(['darwin', 'win32']);
  });
});

describe('popover position', () => {
  const size = { width: 400, height: 600 };
  const rect = (x: number, y: number, width: number, height: number): Rectangle => ({
    x,
    y,
    width,
    height,
  });

  it('hangs under a top menu bar icon, centred on it', () => {
    expect(popoverPosition(rect(1000, 0, 22, 22), rect(0, 25, 1440, 875), size)).toEqual({
      x: 811,
      y: 29,
    });
  });

  it('sits above a bottom taskbar icon', () => {
    expect(popoverPosition(rect(1700, 1050, 24, 30), rect(0, 0, 1920, 1040), size)).toEqual({
      x: 1512,
      y: 436,
    });
  });

  it('sits beside a taskbar on the right or the left', () => {
    expect(popoverPosition(rect(1880, 900, 24, 24), rect(0, 0, 1860, 1080), size)).toEqual({
      x: 1456,
      y: 480,
    });
    expect(popoverPosition(rect(10, 100, 24, 24), rect(60, 0, 1860, 1080), size)).toEqual({
      x: 64,
      y: 0,
    });
  });

  it('never leaves the work area', () => {
    const { x, y } = popoverPosition(rect(1430, 0, 10, 22), rect(0, 25, 1440, 875), size);
    expect(x + size.width).toBeLessThanOrEqual(1440);
    expect(y).toBeGreaterThanOrEqual(25);
  });
});

describe('web contents lockdown', () => {
  it('denies new windows, navigation, redirects and webviews', () => {
    const contents = new StandInWebContents();
    secureWebContents(contents as unknown as WebContents);
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
    expect(contents.tryNavigate('https://evil.example/')).toBe(true);
    for (const event of ['will-redirect', 'will-attach-webview']) {
      const e = {
        defaultPrevented: false,
        preventDefault() {
          this.defaultPrevented = true;
        },
      };
      contents.emit(event, e);
      expect(e.defaultPrevented, event).toBe(true);
    }
  });

  it('denies every permission request and check', async () => {
    denyAllPermissions(session.defaultSession as unknown as Session);
    for (const permission of ['media', 'notifications', 'openExternal', 'clipboard-read']) {
      const granted = await new Promise<boolean>((resolve) =>
        session.defaultSession.permissionRequestHandler!({}, permission, resolve),
      );
      expect(granted, permission).toBe(false);
    }
    expect(session.defaultSession.permissionCheckHandler!({}, 'media')).toBe(false);
  });
});

describe('window lifecycle', () => {
  function controller(platform: NodeJS.Platform, trayBounds: Rectangle | null = null) {
    standIn.reset();
    let quitting = false;
    const created: BrowserWindow[] = [];
    const window = new WindowController({
      BrowserWindow: BrowserWindow as never,
      screen: {
        getDisplayMatching: () => ({ workArea: { x: 0, y: 25, width: 1440, height: 875 } }),
      } as never,
      platform,
      preloadPath: '/app/out/preload/index.cjs',
      rendererUrl: 'sso-tray://app/index.html',
      devTools: false,
      trayBounds: () => trayBounds,
      onCreated: (w) => created.push(w as unknown as BrowserWindow),
      isQuitting: () => quitting,
    });
    return { window, created, quit: () => (quitting = true) };
  }

  it('is created on first show only, then reused; closing hides it', () => {
    const { window, created } = controller('linux');
    expect(BrowserWindow.instances).toHaveLength(0);
    expect(window.contentsId()).toBeNull();
    window.show();
    window.show();
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(created).toHaveLength(1);
    const w = BrowserWindow.instances[0]!;
    expect(window.contentsId()).toBe(w.webContents.id);
    expect(w.loads).toEqual(['sso-tray://app/index.html']);
    expect((w.options.webPreferences as { devTools: boolean }).devTools).toBe(false);
    w.close();
    expect(w.isDestroyed()).toBe(false);
    expect(window.isVisible()).toBe(false);
    window.toggle();
    expect(window.isVisible()).toBe(true);
    window.toggle();
    expect(window.isVisible()).toBe(false);
  });

  it('really closes when the app quits', () => {
    const { window, quit } = controller('linux');
    window.show();
    quit();
    BrowserWindow.instances[0]!.close();
    expect(BrowserWindow.instances[0]!.isDestroyed()).toBe(true);
    expect(window.contentsId()).toBeNull();
  });

  it('opens Preferences as the #preferences view of the same page', () => {
    const { window } = controller('linux');
    window.show('preferences');
    window.show('preferences');
    window.show('main');
    expect(BrowserWindow.instances[0]!.loads).toEqual([
      'sso-tray://app/index.html#preferences',
      'sso-tray://app/index.html',
    ]);
  });

  it('places the popover under the tray icon on macOS, hides it on blur', () => {
    const { window } = controller('darwin', { x: 1000, y: 0, width: 22, height: 22 });
    window.show();
    const w = BrowserWindow.instances[0]!;
    expect(w.getBounds()).toMatchObject({ x: 1011 - WINDOW_WIDTH / 2, y: 29 });
    w.emit('blur');
    expect(window.isVisible()).toBe(false);
  });

  it('centres the popover when the tray position is unknown', () => {
    const { window } = controller('win32', { x: 0, y: 0, width: 0, height: 0 });
    window.show();
    expect(standIn.calls.some((c) => c.api === 'BrowserWindow.center')).toBe(true);
  });
});

describe('app files', () => {
  it('finds icons in the repository in development and next to app.asar when packaged', () => {
    expect(resolveAppFiles({ isPackaged: false, appPath: '/repo', resourcesPath: '/x' })).toEqual({
      iconDir: '/repo/build/icons',
      preload: '/repo/out/preload/index.cjs',
      rendererDir: '/repo/out/renderer',
    });
    expect(
      resolveAppFiles({
        isPackaged: true,
        appPath: '/opt/SSO Tray/resources/app.asar',
        resourcesPath: '/opt/SSO Tray/resources',
      }),
    ).toEqual({
      iconDir: '/opt/SSO Tray/resources/icons',
      preload: '/opt/SSO Tray/resources/app.asar/out/preload/index.cjs',
      rendererDir: '/opt/SSO Tray/resources/app.asar/out/renderer',
    });
  });
});
