// Pure decisions about the window: its options (security settings included)
// and, on macOS and Windows, where the popover goes next to the tray icon.

import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

export const WINDOW_WIDTH = 420;
export const WINDOW_HEIGHT = 600;

/** A popover next to the tray on macOS and Windows; a normal window on Linux (tray bounds are unknown there). */
export const isPopover = (platform: NodeJS.Platform): boolean =>
  platform === 'darwin' || platform === 'win32';

export function windowOptions(input: {
  readonly platform: NodeJS.Platform;
  readonly preloadPath: string;
  /** False in a packaged app: no inspector for whoever sits at the keyboard or injects a shortcut. */
  readonly devTools?: boolean;
}): BrowserWindowConstructorOptions {
  const popover = isPopover(input.platform);
  return {
    width: WINDOW_WIDTH,
    height: WINDOW_HEIGHT,
    minWidth: 360,
    minHeight: 420,
    show: false,
    title: 'SSO Tray',
    frame: !popover,
    resizable: !popover,
    movable: !popover,
    minimizable: !popover,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: popover,
    alwaysOnTop: popover,
    autoHideMenuBar: true,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: input.devTools ?? false,
    },
  };
}

/**
 * Where the popover goes: centred under the tray icon when the menu bar is at
 * the top (macOS, or a top taskbar), above it when the taskbar is at the
 * bottom, beside it when the taskbar is on a side; always inside the work area.
 */
export function popoverPosition(
  tray: Rectangle,
  workArea: Rectangle,
  size: { readonly width: number; readonly height: number } = {
    width: WINDOW_WIDTH,
    height: WINDOW_HEIGHT,
  },
): { x: number; y: number } {
  const gap = 4;
  const trayCentreX = tray.x + tray.width / 2;
  const trayCentreY = tray.y + tray.height / 2;
  const workRight = workArea.x + workArea.width;
  const workBottom = workArea.y + workArea.height;

  let x: number;
  let y: number;
  if (tray.y + tray.height <= workArea.y + gap) {
    // Bar at the top (macOS menu bar, top taskbar): below the icon.
    x = trayCentreX - size.width / 2;
    y = workArea.y + gap;
  } else if (tray.y >= workBottom - gap) {
    // Taskbar at the bottom (Windows default): above the icon.
    x = trayCentreX - size.width / 2;
    y = workBottom - size.height - gap;
  } else if (tray.x >= workRight - gap) {
    // Taskbar on the right.
    x = workRight - size.width - gap;
    y = trayCentreY - size.height / 2;
  } else {
    // Taskbar on the left, or unknown: beside the icon.
    x = workArea.x + gap;
    y = trayCentreY - size.height / 2;
  }
  const clamp = (v: number, min: number, max: number) => Math.max(min, Math.min(v, max));
  return {
    x: Math.round(clamp(x, workArea.x, workRight - size.width)),
    y: Math.round(clamp(y, workArea.y, workBottom - size.height)),
  };
}
