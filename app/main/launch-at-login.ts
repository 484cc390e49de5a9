// Launch at login. macOS and Windows: the OS login items
// (app.setLoginItemSettings). Linux has no such API in Electron, so we write
// (or remove) an XDG autostart entry, ~/.config/autostart/sso-tray.desktop.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { App } from 'electron';
import { ensurePrivateDir, writeFileAtomic } from '../core';

export const AUTOSTART_FILE_NAME = 'sso-tray.desktop';

/** Quotes one Exec argument as the Desktop Entry spec asks (reserved characters, escapes). */
function quoteExecArgument(arg: string): string {
  if (!/[\s"'\\`$<>~|&;*?#()]/.test(arg) && arg !== '') return arg.replace(/%/g, '%%');
  return `"${arg.replace(/(["`$\\])/g, '\\$1').replace(/%/g, '%%')}"`;
}

export function autostartDesktopEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=SSO Tray',
    'Comment=AWS IAM Identity Center sessions in the tray',
    `Exec=${command.map(quoteExecArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function autostartFile(env: Readonly<Record<string, string | undefined>>, home: string) {
  const configHome = env.XDG_CONFIG_HOME || path.join(home, '.config');
  return path.join(configHome, 'autostart', AUTOSTART_FILE_NAME);
}

/**
 * The command that starts this app: the AppImage when run from one (its
 * mounted path changes every run), else the executable, plus the app folder in
 * development where the executable is the bare Electron binary.
 */
export function launchCommand(input: {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly execPath: string;
  readonly isPackaged: boolean;
  readonly appPath: string;
}): string[] {
  if (input.env.APPIMAGE) return [input.env.APPIMAGE];
  return input.isPackaged ? [input.execPath] : [input.execPath, input.appPath];
}

export async function applyLaunchAtLogin(
  enabled: boolean,
  deps: {
    readonly platform: NodeJS.Platform;
    readonly app: Pick<App, 'setLoginItemSettings'>;
    readonly autostartFile: string;
    readonly command: readonly string[];
  },
): Promise<void> {
  if (deps.platform !== 'linux') {
    deps.app.setLoginItemSettings({ openAtLogin: enabled });
    return;
  }
  if (enabled) {
    await ensurePrivateDir(path.dirname(deps.autostartFile));
    await writeFileAtomic(deps.autostartFile, autostartDesktopEntry(deps.command));
  } else {
    await fs.rm(deps.autostartFile, { force: true });
  }
}
