// A recording STAND-IN for the `electron` module: NOT Electron.
//
// The Electron binary cannot be downloaded on the build machines, so tests run
// app/main under plain Node with this module in place of `electron`:
//
//   vi.mock('electron', () => import('../../support/electron-stand-in'));
//
// It implements only what app/main calls, records every call in `standIn.calls`
// (and emits it on `standIn.events`, so tests wait for events instead of
// sleeping), and lets tests play the OS and the renderer: IPC from a chosen
// sender, menu and notification clicks, power events, the user's answers to
// native dialogs, and the page's requests to the app's own protocol. Arguments and results
// crossing IPC go through structuredClone, as they do in Electron. What it
// cannot show (real rendering, real OS trays and notifications, sandboxing) is
// listed in the README's "exercised only through the stand-in" paragraph.

import { EventEmitter } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RecordedCall {
  readonly api: string;
  readonly args: readonly unknown[];
}

/** Test-facing controls and records. */
export const standIn = {
  calls: [] as RecordedCall[],
  events: new EventEmitter(),
  /** What app.getPath('userData') returns: tests must point it at a temp folder. */
  userData: '',
  singleInstanceLock: true,
  /** The web contents the preload (ipcRenderer, contextBridge) belongs to, once a test sets it. */
  rendererContents: null as StandInWebContents | null,
  /** What the preload exposed with contextBridge.exposeInMainWorld, by name. */
  exposed: new Map<string, unknown>(),
  reset(): void {
    this.calls.length = 0;
    Tray.instances.length = 0;
    Notification.instances.length = 0;
    BrowserWindow.instances.length = 0;
    ipcMain.reset();
    protocol.reset();
    dialog.answers.length = 0;
    Menu.applicationMenu = undefined;
    app.ready = false;
    app.removeAllListeners();
    powerMonitor.removeAllListeners();
    powerMonitor.idleSeconds = 0;
    clipboard.text = '';
    this.singleInstanceLock = true;
    this.rendererContents = null;
    this.exposed.clear();
    ipcRenderer.removeAllListeners();
  },
  /** Resolves with the first call (already made or future) that matches; the test's timeout bounds the wait. */
  waitForCall(predicate: (call: RecordedCall) => boolean): Promise<RecordedCall> {
    const found = this.calls.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const onCall = (call: RecordedCall) => {
        if (!predicate(call)) return;
        this.events.off('call', onCall);
        resolve(call);
      };
      this.events.on('call', onCall);
    });
  },
};

function record(api: string, ...args: unknown[]): void {
  const call = { api, args };
  standIn.calls.push(call);
  standIn.events.emit('call', call);
}

/** Electron's Event: listeners may call preventDefault(). */
export interface StandInEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}
const newEvent = (
  fields: Record<string, unknown> = {},
): StandInEvent & Record<string, unknown> => ({
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  },
  ...fields,
});

// ---- app ---------------------------------------------------------------------

class StandInApp extends EventEmitter {
  isPackaged = false;
  /** Set once whenReady() was called: what Electron allows changes then. */
  ready = false;
  /** Present on every platform here (Electron has it on macOS only), so the call is visible. */
  readonly dock = { hide: () => record('app.dock.hide') };
  getAppPath(): string {
    return REPO_ROOT;
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`stand-in: app.getPath(${name}) is not modelled`);
    if (!standIn.userData) throw new Error('stand-in: set standIn.userData to a temp folder first');
    return standIn.userData;
  }
  getVersion(): string {
    return '0.0.0-stand-in';
  }
  whenReady(): Promise<void> {
    record('app.whenReady');
    this.ready = true;
    return Promise.resolve();
  }
  requestSingleInstanceLock(): boolean {
    record('app.requestSingleInstanceLock');
    return standIn.singleInstanceLock;
  }
  setAppUserModelId(id: string): void {
    record('app.setAppUserModelId', id);
  }
  setLoginItemSettings(settings: unknown): void {
    record('app.setLoginItemSettings', settings);
  }
  /** Like Electron: before-quit, then will-quit (windows are closed in between). */
  quit(): void {
    record('app.quit');
    this.emit('before-quit', newEvent());
    for (const w of BrowserWindow.instances) if (!w.isDestroyed()) w.close();
    this.emit('will-quit', newEvent());
  }
  exit(code = 0): void {
    record('app.exit', code);
  }
}
export const app = new StandInApp();

// ---- web contents and windows ------------------------------------------------

export interface StandInFrame {
  url: string;
  parent: StandInFrame | null;
}

let nextContentsId = 1;

export class StandInWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame: StandInFrame = { url: 'about:blank', parent: null };
  readonly sent: { channel: string; payload: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  private destroyed = false;

  send(channel: string, ...payload: unknown[]): void {
    record('webContents.send', channel);
    this.sent.push({ channel, payload: structuredClone(payload) });
    // Delivered to the preload's ipcRenderer when this is the page it runs in.
    if (standIn.rendererContents === this) {
      ipcRenderer.emit(channel, { sender: ipcRenderer }, ...structuredClone(payload));
    }
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isDevToolsOpened(): boolean {
    return false;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** Plays a navigation the page started: returns whether a listener blocked it. */
  tryNavigate(url: string): boolean {
    const event = newEvent({ url });
    this.emit('will-navigate', event, url);
    return event.defaultPrevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  readonly webContents = new StandInWebContents();
  /** Every URL loaded, in order. */
  readonly loads: string[] = [];
  private visible = false;
  private destroyed = false;
  private bounds = { x: 0, y: 0, width: 0, height: 0 };

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    this.bounds = {
      x: 0,
      y: 0,
      width: Number(options.width ?? 800),
      height: Number(options.height ?? 600),
    };
    BrowserWindow.instances.push(this);
    record('new BrowserWindow', options);
    app.emit('web-contents-created', newEvent(), this.webContents);
  }
  /** Like Chromium: a URL that differs from the current one only by a new fragment stays in the document. */
  loadURL(url: string): Promise<void> {
    record('BrowserWindow.loadURL', url);
    this.loads.push(url);
    const withoutFragment = (u: string) => u.replace(/#.*$/, '');
    const details = {
      url,
      isMainFrame: true,
      isSameDocument:
        url.includes('#') &&
        withoutFragment(url) === withoutFragment(this.webContents.mainFrame.url),
    };
    this.webContents.emit('did-start-navigation', details);
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  show(): void {
    record('BrowserWindow.show');
    this.visible = true;
  }
  hide(): void {
    record('BrowserWindow.hide');
    this.visible = false;
  }
  focus(): void {
    record('BrowserWindow.focus');
  }
  center(): void {
    record('BrowserWindow.center');
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getBounds() {
    return { ...this.bounds };
  }
  setPosition(x: number, y: number): void {
    record('BrowserWindow.setPosition', x, y);
    this.bounds = { ...this.bounds, x, y };
  }
  /** Like the user clicking the close button: listeners may prevent it. */
  close(): void {
    const event = newEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroy();
    this.emit('closed');
  }
}

export const screen = {
  getDisplayMatching(_rect: unknown) {
    return {
      bounds: { x: 0, y: 0, width: 1440, height: 900 },
      workArea: { x: 0, y: 25, width: 1440, height: 875 },
    };
  },
};

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;
type PermissionCheckHandler = (...args: unknown[]) => boolean;

export const session = {
  defaultSession: {
    permissionRequestHandler: null as PermissionRequestHandler | null,
    permissionCheckHandler: null as PermissionCheckHandler | null,
    setPermissionRequestHandler(handler: PermissionRequestHandler | null) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: PermissionCheckHandler | null) {
      this.permissionCheckHandler = handler;
    },
  },
};

// ---- IPC -----------------------------------------------------------------------

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

class StandInIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`stand-in: second handler for ${channel}`);
    record('ipcMain.handle', channel);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  reset(): void {
    this.handlers.clear();
    this.removeAllListeners();
  }
  /** Plays ipcRenderer.invoke from `sender`'s main frame (or the given frame). */
  async invoke(
    sender: StandInWebContents,
    channel: string,
    args: unknown[],
    frame: StandInFrame | null = sender.mainFrame,
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`stand-in: no handler for ${channel}`);
    const event = { sender, senderFrame: frame, frameId: 1, processId: 1 };
    return structuredClone(await handler(event, ...structuredClone(args)));
  }
  /** Plays ipcRenderer.send from `sender`'s main frame. */
  sendFrom(sender: StandInWebContents, channel: string, ...args: unknown[]): void {
    const event = { sender, senderFrame: sender.mainFrame, frameId: 1, processId: 1 };
    this.emit(channel, event, ...structuredClone(args));
  }
}
export const ipcMain = new StandInIpcMain();

// ---- tray and menus --------------------------------------------------------------

export interface StandInMenuItem {
  readonly label?: string;
  readonly role?: string;
  readonly type?: string;
  readonly enabled?: boolean;
  readonly checked?: boolean;
  readonly click?: () => void;
  readonly submenu?: StandInMenuItem[];
}

export class StandInMenu {
  constructor(readonly items: StandInMenuItem[]) {}
  /** Follows labels down the submenus ("my-sso: 20m left" > "Sign in"); prefixes match. */
  find(...labels: string[]): StandInMenuItem | undefined {
    let items: StandInMenuItem[] | undefined = this.items;
    let found: StandInMenuItem | undefined;
    for (const label of labels) {
      found = items?.find((i) => i.label === label || i.label?.startsWith(label));
      items = found?.submenu;
    }
    return found;
  }
  labels(): string[] {
    return this.items.filter((i) => i.label !== undefined).map((i) => i.label!);
  }
}

export const Menu = {
  /** What setApplicationMenu was given last; undefined: never called (Electron's default menu). */
  applicationMenu: undefined as StandInMenu | null | undefined,
  buildFromTemplate(template: StandInMenuItem[]): StandInMenu {
    record('Menu.buildFromTemplate', template);
    return new StandInMenu(template);
  },
  setApplicationMenu(menu: StandInMenu | null): void {
    record('Menu.setApplicationMenu', menu);
    this.applicationMenu = menu;
  },
};

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  image: string;
  tooltip = '';
  title = '';
  menu: StandInMenu | null = null;
  private destroyed = false;
  constructor(image: string) {
    super();
    this.image = image;
    Tray.instances.push(this);
    record('new Tray', image);
  }
  setImage(image: string): void {
    this.image = image;
    record('Tray.setImage', image);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
    record('Tray.setToolTip', text);
  }
  setTitle(text: string): void {
    this.title = text;
    record('Tray.setTitle', text);
  }
  setContextMenu(menu: StandInMenu | null): void {
    this.menu = menu;
    record('Tray.setContextMenu', menu);
  }
  getBounds() {
    return { x: 1200, y: 0, width: 22, height: 22 };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    record('Tray.destroy');
  }
}

// ---- notifications, shell, clipboard, power ----------------------------------------

export class Notification extends EventEmitter {
  static instances: Notification[] = [];
  static isSupported(): boolean {
    return true;
  }
  shown = false;
  constructor(
    readonly options: {
      title?: string;
      body?: string;
      actions?: { type: string; text?: string }[];
      silent?: boolean;
    } = {},
  ) {
    super();
    Notification.instances.push(this);
    record('new Notification', options);
  }
  show(): void {
    this.shown = true;
    record('Notification.show', this.options.title);
  }
  /** Plays the user clicking the notification. */
  click(): void {
    this.emit('click', newEvent());
  }
  /** Plays the user pressing action button `index`. */
  pressAction(index: number): void {
    this.emit('action', newEvent({ actionIndex: index }), index, -1);
  }
}

export const shell = {
  openExternal(url: string): Promise<void> {
    record('shell.openExternal', url);
    return Promise.resolve();
  },
};

export const clipboard = {
  text: '',
  writeText(text: string): Promise<void> {
    record('clipboard.writeText', text.length);
    this.text = text;
    return Promise.resolve();
  },
  readText(): Promise<string> {
    return Promise.resolve(this.text);
  },
  clear(): void {
    record('clipboard.clear');
    this.text = '';
  },
};

class StandInPowerMonitor extends EventEmitter {
  /** Seconds since the user last touched the machine; tests set it. */
  idleSeconds = 0;
  getSystemIdleTime(): number {
    return this.idleSeconds;
  }
}
export const powerMonitor = new StandInPowerMonitor();

// ---- the app's protocol, native dialogs ----------------------------------------------

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export const protocol = {
  privileged: [] as { scheme: string; privileges?: Record<string, boolean> }[],
  handlers: new Map<string, ProtocolHandler>(),
  /** Like Electron: only before the app is ready, and only once. */
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]) {
    record('protocol.registerSchemesAsPrivileged', schemes);
    if (app.ready) throw new Error('stand-in: registerSchemesAsPrivileged after ready');
    if (this.privileged.length > 0) throw new Error('stand-in: registerSchemesAsPrivileged twice');
    this.privileged = schemes;
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    record('protocol.handle', scheme);
    if (!app.ready) throw new Error('stand-in: protocol.handle before ready');
    if (this.handlers.has(scheme)) throw new Error(`stand-in: second handler for ${scheme}:`);
    this.handlers.set(scheme, handler);
  },
  /** Plays the page requesting `url` (as typed: no normalisation beyond the URL parser's). */
  async request(url: string): Promise<Response> {
    const scheme = url.slice(0, url.indexOf(':'));
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`stand-in: no handler for ${scheme}:`);
    return handler(new Request(url));
  },
  reset(): void {
    this.privileged = [];
    this.handlers.clear();
  },
};

/** What the user does in the next native dialog. */
export type DialogAnswer =
  | { readonly kind: 'message'; readonly response: number }
  /** Clicks the button with this label (the dialog must offer it). */
  | { readonly kind: 'message'; readonly button: string }
  | { readonly kind: 'open'; readonly filePaths: readonly string[] }
  | { readonly kind: 'open-cancelled' };

export const dialog = {
  /** The user's answers to the coming dialogs, in order; a dialog with none left fails the test. */
  answers: [] as DialogAnswer[],
  showMessageBox(options: { buttons?: string[] }): Promise<{ response: number }> {
    record('dialog.showMessageBox', options);
    const answer = this.answers.shift();
    if (answer?.kind !== 'message') throw new Error('stand-in: no answer for a message box');
    if ('response' in answer) return Promise.resolve({ response: answer.response });
    const response = (options.buttons ?? []).indexOf(answer.button);
    if (response < 0) throw new Error(`stand-in: the message box has no "${answer.button}" button`);
    return Promise.resolve({ response });
  },
  showOpenDialog(options: unknown): Promise<{ canceled: boolean; filePaths: string[] }> {
    record('dialog.showOpenDialog', options);
    const answer = this.answers.shift();
    if (answer?.kind === 'open')
      return Promise.resolve({ canceled: false, filePaths: [...answer.filePaths] });
    if (answer?.kind === 'open-cancelled')
      return Promise.resolve({ canceled: true, filePaths: [] });
    throw new Error('stand-in: no answer for an open dialog');
  },
};

// ---- the renderer side, for the preload ---------------------------------------------

function rendererContents(): StandInWebContents {
  if (!standIn.rendererContents) throw new Error('stand-in: set standIn.rendererContents first');
  return standIn.rendererContents;
}

class StandInIpcRenderer extends EventEmitter {
  /** Goes to main's handler as a call from standIn.rendererContents' main frame. */
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    record('ipcRenderer.invoke', channel);
    return ipcMain.invoke(rendererContents(), channel, args);
  }
  send(channel: string, ...args: unknown[]): void {
    record('ipcRenderer.send', channel);
    ipcMain.sendFrom(rendererContents(), channel, ...args);
  }
}
export const ipcRenderer = new StandInIpcRenderer();

export const contextBridge = {
  exposeInMainWorld(name: string, api: unknown): void {
    record('contextBridge.exposeInMainWorld', name);
    standIn.exposed.set(name, api);
  },
};
