// Where the app and the CLI keep their settings: one folder both read, so
// `sso-tray status` and the tray agree (the renewal setting, the sign-in
// flow). The platform's usual place for per-user app settings;
// SSO_TRAY_CONFIG_DIR overrides it.

import { homedir as osHomedir } from 'node:os';
import path from 'node:path';
import type { Env } from '../env';

export interface SettingsDirEnvironment {
  readonly env: Env;
  readonly platform: NodeJS.Platform;
  readonly homedir: () => string;
}

export function defaultSettingsDir({
  env,
  platform,
  homedir = osHomedir,
}: SettingsDirEnvironment): string {
  if (env.SSO_TRAY_CONFIG_DIR) return env.SSO_TRAY_CONFIG_DIR;
  const home = (platform === 'win32' ? env.USERPROFILE : env.HOME) || homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'SSO Tray');
  if (platform === 'win32') {
    return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), 'SSO Tray');
  }
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'sso-tray');
}
