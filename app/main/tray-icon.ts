// Which tray icon to show: the worst state at a glance, and the asset file for
// it on each platform (macOS template images, colour PNGs elsewhere).

import path from 'node:path';
import type { Settings } from '../shared/api';
import type { Snapshot } from '../shared/model';

export const TRAY_ICON_STATES = [
  'ok',
  'expiring',
  'needs-sign-in',
  'not-configured',
  'signing-in',
] as const;
export type TrayIconState = (typeof TRAY_ICON_STATES)[number];

/**
 * Priority: a sign-in in progress, then nothing configured, then anything
 * expired or unreadable, then anything expiring, then all fine. Muted sessions
 * do not colour the icon (the user said they do not care about them). A
 * signed-out session counts as "needs sign-in" only when no session is signed
 * in at all, so a configured-but-unused session does not keep the icon red.
 */
export function trayIconState(snapshot: Snapshot, settings: Settings): TrayIconState {
  const { sessions } = snapshot;
  if (sessions.some((s) => s.signIn !== null)) return 'signing-in';
  if (sessions.length === 0) return 'not-configured';
  const watched = sessions.filter((s) => !settings.mutedSessions.includes(s.name));
  if (watched.some((s) => s.state === 'expired' || s.state === 'invalid')) return 'needs-sign-in';
  if (watched.some((s) => s.state === 'expiring')) return 'expiring';
  const signedIn = watched.some((s) => s.state === 'valid');
  if (!signedIn && watched.some((s) => s.state === 'signed-out')) return 'needs-sign-in';
  return 'ok';
}

/**
 * The icon file for a state. Electron picks the `@2x` sibling on HiDPI screens
 * by itself; macOS `...Template` images follow the menu bar's light/dark look.
 * Linux status areas are 22-24 px, so they get the 32 px image.
 */
export function trayIconFileName(state: TrayIconState, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return `tray-${state}Template.png`;
  if (platform === 'win32') return `tray-${state}-16.png`;
  return `tray-${state}-32.png`;
}

export function trayIconPath(
  iconDir: string,
  state: TrayIconState,
  platform: NodeJS.Platform,
): string {
  return path.join(iconDir, trayIconFileName(state, platform));
}
