// The application menu. Electron's default one offers Reload and Toggle
// Developer Tools (with their shortcuts) to whoever is at the keyboard. A tray
// app needs only what macOS expects (the app menu with Quit, and Edit so that
// copy and paste work in text fields); elsewhere it has none.

import type { Menu as ElectronMenu, MenuItemConstructorOptions } from 'electron';

export function appMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] | null {
  return platform === 'darwin' ? [{ role: 'appMenu' }, { role: 'editMenu' }] : null;
}

export function setupApplicationMenu(
  Menu: {
    buildFromTemplate(template: MenuItemConstructorOptions[]): ElectronMenu;
    setApplicationMenu(menu: ElectronMenu | null): void;
  },
  platform: NodeJS.Platform,
): void {
  const template = appMenuTemplate(platform);
  Menu.setApplicationMenu(template ? Menu.buildFromTemplate(template) : null);
}
