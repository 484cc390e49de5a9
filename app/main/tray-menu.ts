// The tray's context menu as plain data, built by a pure function from the
// snapshot and the settings. Every action is reachable from here (Linux tray
// icons may not deliver clicks). tray.ts turns it into an Electron menu.

import {
  EXPORT_SHELLS,
  EXPORT_TARGET_LABELS,
  EXPORT_TOOLS,
  type ExportMode,
  type ExportTarget,
  type Settings,
} from '../shared/api';
import type { ProfileView, RenewalMode, SessionView, Snapshot } from '../shared/model';
import { formatDuration } from '../shared/format';
import { formatTimeLeft } from './tray-text';

export type MenuAction =
  | { readonly kind: 'sign-in'; readonly session: string }
  | { readonly kind: 'cancel-sign-in'; readonly session: string }
  | { readonly kind: 'reopen-sign-in-page'; readonly session: string }
  | { readonly kind: 'sign-out'; readonly session: string }
  | {
      readonly kind: 'copy-export';
      readonly profile: string;
      readonly target: ExportTarget;
      readonly mode: ExportMode;
    }
  | { readonly kind: 'copy-text'; readonly text: string }
  | { readonly kind: 'open-console'; readonly profile: string }
  | { readonly kind: 'open-window' }
  | { readonly kind: 'open-preferences' }
  | { readonly kind: 'set-launch-at-login'; readonly enabled: boolean }
  | { readonly kind: 'quit' };

export type TrayMenuItem =
  | { readonly type: 'separator' }
  /** Information only (shown disabled). */
  | { readonly type: 'label'; readonly label: string }
  | {
      readonly type: 'action';
      readonly label: string;
      readonly action: MenuAction;
      readonly enabled: boolean;
    }
  | {
      readonly type: 'checkbox';
      readonly label: string;
      readonly checked: boolean;
      readonly action: MenuAction;
    }
  | { readonly type: 'submenu'; readonly label: string; readonly items: readonly TrayMenuItem[] };

export interface TrayMenuInput {
  readonly snapshot: Snapshot;
  readonly settings: Settings;
  readonly now: number;
}

/** Above this many non-favourite profiles, a session's list moves into a "More profiles" submenu. */
export const MAX_INLINE_PROFILES = 12;

const SEPARATOR: TrayMenuItem = { type: 'separator' };
const label = (text: string): TrayMenuItem => ({ type: 'label', label: text });
const action = (text: string, act: MenuAction, enabled = true): TrayMenuItem => ({
  type: 'action',
  label: text,
  action: act,
  enabled,
});

/** Electron reads `&` as a keyboard mnemonic on Windows and Linux; user text must show it literally. */
export const menuText = (text: string): string => text.replace(/&/g, '&&');

const PHASE_TEXT = {
  registering: 'registering with IAM Identity Center',
  'waiting-for-browser': 'waiting for you in the browser',
  'waiting-for-user-code': 'waiting for you to confirm the code',
  'exchanging-code': 'finishing',
  'writing-token': 'saving the token',
} as const;

function timeLeft(session: SessionView, now: number): number | null {
  if (!session.expiresAt) return null;
  const at = Date.parse(session.expiresAt);
  return Number.isNaN(at) ? null : at - now;
}

/** The session's top-level line: "dev-sso: 7h 12m left". */
export function sessionHeadline(session: SessionView, now: number): string {
  const name = menuText(session.label);
  if (session.signIn) return `${name}: signing in…`;
  const left = timeLeft(session, now);
  switch (session.state) {
    case 'valid':
      return left === null ? `${name}: valid` : `${name}: ${formatTimeLeft(left)} left`;
    case 'expiring':
      return left === null
        ? `${name}: expiring`
        : `${name}: expiring, ${formatTimeLeft(left)} left`;
    case 'expired':
      return `${name}: expired`;
    case 'signed-out':
      return `${name}: not signed in`;
    case 'invalid':
      return `${name}: needs sign-in (token unreadable)`;
  }
}

const RENEWAL_TEXT: Readonly<Record<RenewalMode, string>> = {
  automatic: 'Renews automatically before it expires',
  off: 'Automatic renewal is off (Preferences)',
  failing: 'Renewal is failing; it is retried',
  'not-possible': 'Cannot renew by itself: sign in again when it ends',
};

function sessionDetails(session: SessionView, settings: Settings, now: number): TrayMenuItem[] {
  const lines: TrayMenuItem[] = [];
  const left = timeLeft(session, now);
  if (session.signIn) {
    lines.push(label(`Signing in: ${PHASE_TEXT[session.signIn.phase]}`));
    if (session.signIn.userCode) lines.push(label(`Code: ${session.signIn.userCode}`));
  } else if (session.state === 'expired' && left !== null) {
    lines.push(label(`Expired ${formatDuration(-left)} ago`));
  } else if (session.state === 'invalid') {
    lines.push(label('The cached token cannot be read; signing in replaces it'));
  } else if (session.state === 'signed-out') {
    lines.push(label('No cached sign-in for this session'));
  }
  if ((session.state === 'valid' || session.state === 'expiring') && !session.signIn) {
    lines.push(label(RENEWAL_TEXT[session.renewal.mode]));
  }
  if (session.waiting.length > 0) {
    const count = session.waiting.length;
    lines.push(
      label(`${count === 1 ? 'A tool is' : `${count} tools are`} waiting for this sign-in`),
    );
  }
  if (session.lastError && !session.signIn) {
    lines.push(label(menuText(`Last attempt failed: ${session.lastError.message}`)));
  }
  if (settings.mutedSessions.includes(session.name)) lines.push(label('Notifications muted'));
  return lines;
}

function sessionActions(session: SessionView): TrayMenuItem[] {
  if (session.signIn) {
    const items: TrayMenuItem[] = [];
    if (session.signIn.userCode) {
      items.push(action('Copy the code', { kind: 'copy-text', text: session.signIn.userCode }));
    }
    items.push(
      action('Open the sign-in page again', {
        kind: 'reopen-sign-in-page',
        session: session.name,
      }),
      action('Cancel sign-in', { kind: 'cancel-sign-in', session: session.name }),
    );
    return items;
  }
  const signedIn = session.state === 'valid' || session.state === 'expiring';
  const items = [
    action(signedIn ? 'Sign in again' : 'Sign in', { kind: 'sign-in', session: session.name }),
  ];
  if (session.state !== 'signed-out') {
    items.push(action('Sign out', { kind: 'sign-out', session: session.name }));
  }
  return items;
}

function exportLabel(target: ExportTarget, mode: ExportMode): string {
  return mode === 'profile'
    ? `Copy profile selection (${EXPORT_TARGET_LABELS[target]})`
    : `Copy credentials (${EXPORT_TARGET_LABELS[target]})`;
}

function profileMenu(
  profile: ProfileView,
  session: SessionView,
  settings: Settings,
  favourite: boolean,
): TrayMenuItem {
  // Credentials need a usable token; selecting the profile works at any time.
  const hasToken = session.state === 'valid' || session.state === 'expiring';
  const { defaultShell, defaultExportMode } = settings;
  const copy = (target: ExportTarget, mode: ExportMode, text: string) =>
    action(
      text,
      { kind: 'copy-export', profile: profile.name, target, mode },
      mode === 'profile' || hasToken,
    );
  const targets = [...EXPORT_SHELLS, ...EXPORT_TOOLS];
  const others: TrayMenuItem[] = [
    label('Select the profile'),
    ...targets.map((t) => copy(t, 'profile', EXPORT_TARGET_LABELS[t])),
    SEPARATOR,
    label(hasToken ? 'Temporary credentials' : 'Temporary credentials (sign in first)'),
    ...targets.map((t) => copy(t, 'credentials', EXPORT_TARGET_LABELS[t])),
  ];
  const items: TrayMenuItem[] = [
    copy(defaultShell, defaultExportMode, exportLabel(defaultShell, defaultExportMode)),
    { type: 'submenu', label: 'Copy for another shell or mode', items: others },
  ];
  if (profile.kind === 'sso' && profile.accountId && profile.roleName) {
    items.push(action('Open AWS console', { kind: 'open-console', profile: profile.name }));
  }
  const role =
    profile.kind === 'chained'
      ? ` (role via ${profile.sourceProfile ?? 'source profile'})`
      : profile.roleName && profile.accountId
        ? ` (${profile.roleName} @ ${profile.accountId})`
        : '';
  return {
    type: 'submenu',
    label: menuText(`${favourite ? '★ ' : ''}${profile.name}${role}`),
    items,
  };
}

function profileItems(
  session: SessionView,
  snapshot: Snapshot,
  settings: Settings,
): TrayMenuItem[] {
  const byName = new Map(snapshot.profiles.map((p) => [p.name, p]));
  const profiles = session.profiles
    .map((name) => byName.get(name))
    .filter((p): p is ProfileView => p !== undefined);
  if (profiles.length === 0) return [label('No profiles use this session')];
  const favourites = settings.favourites
    .map((name) => profiles.find((p) => p.name === name))
    .filter((p): p is ProfileView => p !== undefined);
  const rest = profiles.filter((p) => !settings.favourites.includes(p.name));
  const items = [
    label('Profiles'),
    ...favourites.map((p) => profileMenu(p, session, settings, true)),
  ];
  const restItems = rest.map((p) => profileMenu(p, session, settings, false));
  if (restItems.length > MAX_INLINE_PROFILES) {
    items.push({ type: 'submenu', label: `More profiles (${restItems.length})`, items: restItems });
  } else {
    items.push(...restItems);
  }
  return items;
}

function sessionMenu(session: SessionView, snapshot: Snapshot, settings: Settings, now: number) {
  const details = sessionDetails(session, settings, now);
  const item: TrayMenuItem = {
    type: 'submenu',
    label: sessionHeadline(session, now),
    items: [
      ...details,
      ...(details.length ? [SEPARATOR] : []),
      ...sessionActions(session),
      SEPARATOR,
      ...profileItems(session, snapshot, settings),
    ],
  };
  return item;
}

export function buildTrayMenu({ snapshot, settings, now }: TrayMenuInput): TrayMenuItem[] {
  const items: TrayMenuItem[] = [];
  if (snapshot.sessions.length === 0) {
    items.push(
      label('No IAM Identity Center sessions found'),
      label(menuText(`in ${snapshot.configFile}`)),
      action('Set up a session…', { kind: 'open-window' }),
    );
  } else {
    // Sessions holding favourite profiles come first; otherwise config order.
    const hasFavourite = (s: SessionView) =>
      s.profiles.some((p) => settings.favourites.includes(p));
    const ordered = [
      ...snapshot.sessions.filter(hasFavourite),
      ...snapshot.sessions.filter((s) => !hasFavourite(s)),
    ];
    for (const session of ordered) items.push(sessionMenu(session, snapshot, settings, now));
  }
  const errors = snapshot.problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) {
    items.push(
      SEPARATOR,
      action(`⚠ ${errors} problem${errors === 1 ? '' : 's'} in your AWS files…`, {
        kind: 'open-window',
      }),
    );
  }
  items.push(
    SEPARATOR,
    action('Open SSO Tray', { kind: 'open-window' }),
    action('Preferences…', { kind: 'open-preferences' }),
    {
      type: 'checkbox',
      label: 'Launch at login',
      checked: settings.launchAtLogin,
      action: { kind: 'set-launch-at-login', enabled: !settings.launchAtLogin },
    },
    SEPARATOR,
    action('Quit SSO Tray', { kind: 'quit' }),
  );
  return items;
}
