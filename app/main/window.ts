// The one window: created on demand, hidden instead of destroyed when closed,
// a popover next to the tray on macOS and Windows and a normal window on
// Linux. Preferences is the same page opened at `#preferences`. The page comes
// from the app's own origin (renderer-protocol.ts), never from file://.

import type {
  BrowserWindow as ElectronBrowserWindow,
  BrowserWindowConstructorOptions,
  Rectangle,
  Screen,
} from 'electron';
import { isPopover, popoverPosition, windowOptions } from './window-options';

export type WindowView = 'main' | 'preferences';

export interface BrowserWindowClass {
  new (options?: BrowserWindowConstructorOptions): ElectronBrowserWindow;
}

export interface WindowDeps {
  readonly BrowserWindow: BrowserWindowClass;
  readonly screen: Pick<Screen, 'getDisplayMatching'>;
  readonly platform: NodeJS.Platform;
  readonly preloadPath: string;
  /** The page's URL on the app's origin, without a fragment. */
  readonly rendererUrl: string;
  /** Dev tools only in development: a packaged app has none. */
  readonly devTools: boolean;
  /** The tray icon's bounds, when the platform reports them. */
  readonly trayBounds: () => Rectangle | null;
  /** Called for each new window's web contents (snapshot forwarding, security). */
  readonly onCreated: (window: ElectronBrowserWindow) => void;
  /** True while the app is quitting: then a close really closes. */
  readonly isQuitting: () => boolean;
}

export class WindowController {
  private window: ElectronBrowserWindow | null = null;
  private view: WindowView = 'main';
  readonly rendererUrl: string;

  constructor(private readonly deps: WindowDeps) {
    this.rendererUrl = deps.rendererUrl;
  }

  private urlFor(view: WindowView): string {
    return view === 'preferences' ? `${this.rendererUrl}#preferences` : this.rendererUrl;
  }

  /** webContents.id of the window, or null while there is none. */
  contentsId(): number | null {
    const w = this.window;
    return w && !w.isDestroyed() ? w.webContents.id : null;
  }

  isVisible(): boolean {
    return this.window !== null && !this.window.isDestroyed() && this.window.isVisible();
  }

  show(view: WindowView = 'main'): void {
    const window = this.ensureWindow(view);
    if (view !== this.view) {
      this.view = view;
      // Same document, new fragment: the page sees a hashchange, no reload.
      void window.loadURL(this.urlFor(view));
    }
    this.place(window);
    window.show();
    window.focus();
  }

  toggle(): void {
    if (this.isVisible()) this.hide();
    else this.show();
  }

  hide(): void {
    if (this.window && !this.window.isDestroyed()) this.window.hide();
  }

  private ensureWindow(view: WindowView): ElectronBrowserWindow {
    if (this.window && !this.window.isDestroyed()) return this.window;
    const window = new this.deps.BrowserWindow(
      windowOptions({
        platform: this.deps.platform,
        preloadPath: this.deps.preloadPath,
        devTools: this.deps.devTools,
      }),
    );
    this.window = window;
    this.view = view;
    window.on('close', (event) => {
      // Keep the window (and the renderer's state) for next time; the app lives in the tray.
      if (!this.deps.isQuitting()) {
        event.preventDefault();
        window.hide();
      }
    });
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    if (isPopover(this.deps.platform)) {
      // A popover goes away when the user clicks elsewhere.
      window.on('blur', () => {
        if (!window.webContents.isDevToolsOpened()) window.hide();
      });
    }
    this.deps.onCreated(window);
    void window.loadURL(this.urlFor(view));
    return window;
  }

  private place(window: ElectronBrowserWindow): void {
    if (!isPopover(this.deps.platform)) return;
    const tray = this.deps.trayBounds();
    if (!tray || (tray.width === 0 && tray.height === 0)) {
      window.center();
      return;
    }
    const { workArea } = this.deps.screen.getDisplayMatching(tray);
    const size = window.getBounds();
    const { x, y } = popoverPosition(tray, workArea, { width: size.width, height: size.height });
    window.setPosition(x, y, false);
  }
}
