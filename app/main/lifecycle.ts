// App lifecycle for a tray app: one instance, alive with no window open, no
// Dock icon on macOS, and the identity Windows needs to show notifications.

import type { App } from 'electron';

/** Windows ties notifications to this id; electron-builder's NSIS shortcut uses the same appId. */
export const APP_USER_MODEL_ID = 'dev.ssotray.app';

/** False when another instance runs: that one gets 'second-instance' and shows its window. */
export function setupSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'quit'>): boolean {
  if (app.requestSingleInstanceLock()) return true;
  app.quit();
  return false;
}

export interface Lifecycle {
  isQuitting(): boolean;
}

export function setupLifecycle(
  app: Pick<App, 'on' | 'setAppUserModelId'>,
  platform: NodeJS.Platform,
): Lifecycle {
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  // Closing the window must not end the app: it lives in the tray until Quit.
  app.on('window-all-closed', () => undefined);
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  return { isQuitting: () => quitting };
}

/** macOS: a menu-bar app has no Dock icon (LSUIElement does this in the packaged app). */
export function hideDockIcon(app: Pick<App, 'dock'>): void {
  app.dock?.hide();
}
