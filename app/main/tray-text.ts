// Pure text for the tray: each session's status, the tooltip ("2 sessions: dev
// 7h 12m, prod expired"), the macOS title, and when any of it next changes, so
// main sets one timer instead of polling.

import { formatDuration } from '../shared/format';
import type { Settings } from '../shared/api';
import type { SessionView, Snapshot } from '../shared/model';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA.szTip). */
export const TOOLTIP_MAX_LENGTH = 127;

/** "7h 12m", "3d 4h", "12m", "<1m": minute precision, so the text changes at most once a minute. */
export function formatTimeLeft(ms: number): string {
  return ms < MINUTE ? '<1m' : formatDuration(ms);
}

/** The instant after `now` when formatTimeLeft(expiresAt - now) shows something else, or null. */
export function nextTimeLeftChange(expiresAt: number, now: number): number | null {
  const left = expiresAt - now;
  if (left < MINUTE) return null; // "<1m" until expiry, which is a state change anyway
  const unit = left >= DAY ? HOUR : MINUTE;
  const shownUnits = Math.floor(Math.floor(left / 1000) / (unit / 1000));
  return expiresAt - shownUnits * unit + 1;
}

/** Short status: "7h 12m", "expired", "signing in", ... */
export function shortStatus(session: SessionView, now: number): string {
  if (session.signIn) return 'signing in';
  switch (session.state) {
    case 'valid':
    case 'expiring': {
      const at = session.expiresAt ? Date.parse(session.expiresAt) : NaN;
      return Number.isNaN(at) ? session.state : formatTimeLeft(at - now);
    }
    case 'expired':
      return 'expired';
    case 'signed-out':
      return 'signed out';
    case 'invalid':
      return 'unreadable token';
  }
}

/** Whether the session renews by itself (so no countdown warnings): the core's one renewal truth. */
export const renewsSilently = (session: SessionView): boolean =>
  session.renewal.mode === 'automatic';

export function trayTooltip(snapshot: Snapshot, now: number): string {
  const sessions = snapshot.sessions;
  if (sessions.length === 0) return 'SSO Tray: no IAM Identity Center sessions configured';
  const count = `${sessions.length} session${sessions.length === 1 ? '' : 's'}`;
  const full = `${count}: ${sessions.map((s) => `${s.label} ${shortStatus(s, now)}`).join(', ')}`;
  if (full.length <= TOOLTIP_MAX_LENGTH) return full;

  // Too long for the OS: count by status instead of naming every session.
  const tally = new Map<string, number>();
  for (const s of sessions) {
    const bucket = s.signIn
      ? 'signing in'
      : s.state === 'valid'
        ? 'valid'
        : s.state === 'expiring'
          ? 'expiring'
          : s.state === 'signed-out'
            ? 'signed out'
            : 'need sign-in';
    tally.set(bucket, (tally.get(bucket) ?? 0) + 1);
  }
  const summary = `${count}: ${[...tally].map(([what, n]) => `${n} ${what}`).join(', ')}`;
  return summary.length <= TOOLTIP_MAX_LENGTH
    ? summary
    : `${summary.slice(0, TOOLTIP_MAX_LENGTH - 1)}…`;
}

/**
 * macOS menu-bar title: the shortest time left of a session that will not renew
 * by itself ("42m"), or '' when no such session is counting down.
 */
export function trayTitle(snapshot: Snapshot, settings: Settings, now: number): string {
  let shortest: number | null = null;
  for (const s of snapshot.sessions) {
    if (s.signIn || settings.mutedSessions.includes(s.name)) continue;
    if (s.state !== 'valid' && s.state !== 'expiring') continue;
    if (renewsSilently(s) || !s.expiresAt) continue;
    const left = Date.parse(s.expiresAt) - now;
    if (left > 0 && (shortest === null || left < shortest)) shortest = left;
  }
  return shortest === null ? '' : formatTimeLeft(shortest);
}

/** When any countdown the tray shows changes next (tooltip, title, menu labels), or null. */
export function nextTrayTextChange(snapshot: Snapshot, now: number): number | null {
  let next: number | null = null;
  for (const s of snapshot.sessions) {
    if (s.signIn || (s.state !== 'valid' && s.state !== 'expiring') || !s.expiresAt) continue;
    const at = nextTimeLeftChange(Date.parse(s.expiresAt), now);
    if (at !== null && (next === null || at < next)) next = at;
  }
  return next;
}
