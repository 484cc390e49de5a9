// The application menu replaces Electron's default one, which offers Reload
// and Toggle Developer Tools: macOS keeps the app and Edit menus (Quit, copy
// and paste), Linux and Windows get none. Through the Electron stand-in.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Menu as ElectronMenu } from 'electron';
import { appMenuTemplate, setupApplicationMenu } from '../../../app/main/app-menu';
import { Menu, standIn } from '../../support/electron-stand-in';

beforeEach(() => standIn.reset());

const stand = Menu as unknown as Parameters<typeof setupApplicationMenu>[0];
const roles = (menu: unknown) =>
  (menu as { items: { role?: string }[] } | null)?.items.map((i) => i.role) ?? null;

describe('application menu', () => {
  it('macOS: the app menu and Edit only', () => {
    setupApplicationMenu(stand, 'darwin');
    expect(roles(Menu.applicationMenu as unknown as ElectronMenu)).toEqual(['appMenu', 'editMenu']);
  });

  it.each(['linux', 'win32'] as const)('%s: none at all', (platform) => {
    setupApplicationMenu(stand, platform);
    expect(standIn.calls.map((c) => c.api)).toEqual(['Menu.setApplicationMenu']);
    expect(Menu.applicationMenu).toBeNull();
  });

  it('never offers reload or developer tools', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const text = JSON.stringify(appMenuTemplate(platform));
      expect(text).not.toMatch(/reload|devtools|viewMenu/i);
    }
  });
});
