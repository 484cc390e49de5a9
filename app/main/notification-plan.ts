// The notification planner: pure. Two sources, as the core publishes them:
// - time: warnings before expiry (at each lead time, and at expiry) for sessions
//   that will not renew by themselves (the snapshot's renewal truth), planned
//   from the snapshot so main sets exactly one timer for the next one;
// - events: outcomes (signed in, sign-in failed, a session that needs a browser
//   sign-in), one notice per event. Nothing is reconstructed by diffing snapshots.
// Each warning fires once per token (dedupe on kind + session + expiresAt); none
// while the session is signing in; none for muted sessions; none for deadlines
// from before the app started watching. Several warnings due at once (after
// sleep or a clock jump) collapse: one per session, then one for all sessions.

import type { Settings } from '../shared/api';
import type { CoreEvent } from '../shared/events';
import type { SessionView, Snapshot } from '../shared/model';
import { formatTimeLeft, renewsSilently } from './tray-text';

const MINUTE = 60_000;

export type NoticeKind =
  | 'tools-waiting'
  | 'expires-soon'
  | 'expired'
  | 'needs-sign-in'
  | 'sign-in-failed'
  | 'signed-in'
  | 'summary';

export type NoticeAction =
  { readonly kind: 'sign-in'; readonly session: string } | { readonly kind: 'open-window' };

export interface Notice {
  readonly kind: NoticeKind;
  /** The session it is about; null for a summary of several. */
  readonly session: string | null;
  readonly title: string;
  readonly body: string;
  /** What a click (or the "Sign in" button) does. */
  readonly action: NoticeAction;
  /** Offer a "Sign in" button where the OS supports notification actions. */
  readonly signInButton: boolean;
}

/** What the planner remembers between runs: the warnings already told. Start from EMPTY_MEMORY. */
export interface NotifierMemory {
  readonly delivered: ReadonlySet<string>;
}

export const EMPTY_MEMORY: NotifierMemory = { delivered: new Set() };

export interface PlanInput {
  readonly snapshot: Snapshot;
  readonly settings: Settings;
  readonly now: number;
  /** Deadlines before this instant are not reported: the app was not watching then. */
  readonly since: number;
  readonly memory: NotifierMemory;
}

export interface NotificationPlan {
  readonly due: readonly Notice[];
  /** When the next notice falls due (epoch ms), or null: set one timer for it. */
  readonly nextDueAt: number | null;
  readonly memory: NotifierMemory;
}

interface Candidate {
  readonly notice: Notice;
  readonly key: string;
  /** Lower wins when one session has several notices due at once. */
  readonly rank: number;
}

const RANK: Record<'expired' | 'expires-soon', number> = { expired: 0, 'expires-soon': 1 };

const dedupeKey = (kind: string, session: string, stamp: string | null) =>
  JSON.stringify([kind, session, stamp]);

function profilesText(session: SessionView): string {
  const { profiles } = session;
  if (profiles.length === 0) return '';
  const shown = profiles.slice(0, 3).join(', ');
  return profiles.length > 3 ? ` (${shown} and ${profiles.length - 3} more)` : ` (${shown})`;
}

function expiryNotices(
  session: SessionView,
  settings: Settings,
  now: number,
  since: number,
  evenIfRenewing = false,
): { due: Candidate[]; future: number[] } {
  const due: Candidate[] = [];
  const future: number[] = [];
  if (!session.expiresAt || (renewsSilently(session) && !evenIfRenewing)) return { due, future };
  const expiresAt = Date.parse(session.expiresAt);
  if (Number.isNaN(expiresAt)) return { due, future };
  const name = session.label;
  const signIn = { kind: 'sign-in', session: session.name } as const;

  if (expiresAt <= now) {
    if (expiresAt >= since) {
      due.push({
        key: dedupeKey('expired', session.name, session.expiresAt),
        rank: RANK.expired,
        notice: {
          kind: 'expired',
          session: session.name,
          title: `${name} has expired`,
          body: `Tools using this session${profilesText(session)} can no longer get credentials. Click to sign in again.`,
          action: signIn,
          signInButton: true,
        },
      });
    }
    return { due, future };
  }

  future.push(expiresAt);
  for (const lead of settings.notificationLeadMinutes) {
    const at = expiresAt - lead * MINUTE;
    if (at > now) {
      future.push(at);
      continue;
    }
    if (at < since) continue;
    due.push({
      key: dedupeKey(`expires-soon-${lead}`, session.name, session.expiresAt),
      rank: RANK['expires-soon'],
      notice: {
        kind: 'expires-soon',
        session: session.name,
        // The time left is computed now, so a late notice (after sleep) tells the truth.
        title: `${name} expires in ${formatTimeLeft(expiresAt - now)}`,
        body: `Sign in again before it ends${profilesText(session)}. Click to sign in.`,
        action: signIn,
        signInButton: true,
      },
    });
  }
  return { due, future };
}

function summaryNotice(notices: readonly Notice[]): Notice {
  return {
    kind: 'summary',
    session: null,
    title: `${notices.length} sessions need attention`,
    body: notices.map((n) => n.title).join('; '),
    action: { kind: 'open-window' },
    signInButton: false,
  };
}

export function planNotifications(input: PlanInput): NotificationPlan {
  const { snapshot, settings, now, since, memory } = input;
  const delivered = new Set(memory.delivered);
  const warnings: Notice[] = [];
  const future: number[] = [];

  for (const session of snapshot.sessions) {
    if (settings.mutedSessions.includes(session.name) || session.signIn) continue;
    const expiry = expiryNotices(session, settings, now, since);
    future.push(...expiry.future);
    const fresh = expiry.due.filter((c) => !delivered.has(c.key));
    // Everything considered now counts as told, including what the collapse drops.
    for (const c of expiry.due) delivered.add(c.key);
    if (fresh.length) warnings.push([...fresh].sort((a, b) => a.rank - b.rank)[0]!.notice);
  }

  const upcoming = future.filter((t) => t > now);
  return {
    due: warnings.length > 1 ? [summaryNotice(warnings)] : warnings,
    nextDueAt: upcoming.length ? Math.min(...upcoming) : null,
    memory: { delivered: pruneDelivered(delivered, snapshot) },
  };
}

/** The notice an event deserves, or null (renewals, cancels, muted sessions). */
export function noticeForEvent(
  event: CoreEvent,
  snapshot: Snapshot,
  settings: Settings,
  now: number,
): Notice | null {
  if (settings.mutedSessions.includes(event.session)) return null;
  const session = snapshot.sessions.find((s) => s.name === event.session);
  const name = session?.label ?? event.session;
  const signIn = { kind: 'sign-in', session: event.session } as const;
  switch (event.kind) {
    case 'signed-in':
      return {
        kind: 'signed-in',
        session: event.session,
        title: `Signed in to ${name}`,
        body: `Every tool using this session${session ? profilesText(session) : ''} can use it for ${formatTimeLeft(event.expiresAt - now)}.`,
        action: { kind: 'open-window' },
        signInButton: false,
      };
    case 'sign-in-failed':
      // A browser that did not open is not an outcome: the sign-in goes on.
      if (event.code === 'browser-failed') return null;
      return {
        kind: 'sign-in-failed',
        session: event.session,
        title: `Sign-in to ${name} failed`,
        body: `${event.message} Click to try again.`,
        action: signIn,
        signInButton: true,
      };
    case 'needs-sign-in':
      return {
        kind: 'needs-sign-in',
        session: event.session,
        title: `${name} needs you to sign in`,
        body: `It could not be renewed silently: ${event.message} Click to sign in.`,
        action: signIn,
        signInButton: true,
      };
    default:
      // Renewals are silent (a failing one shows in the warnings); cancels were the user's.
      return null;
  }
}

/**
 * After an outcome notice that already asks the user to sign in, the warnings
 * of that session due now would only repeat it: count them as told.
 */
export function markWarningsTold(
  memory: NotifierMemory,
  event: CoreEvent,
  input: Pick<PlanInput, 'snapshot' | 'settings' | 'now' | 'since'>,
): NotifierMemory {
  if (event.kind !== 'needs-sign-in' && event.kind !== 'sign-in-failed') return memory;
  const session = input.snapshot.sessions.find((s) => s.name === event.session);
  if (!session) return memory;
  const { due } = expiryNotices(session, input.settings, input.now, input.since, true);
  return { delivered: new Set([...memory.delivered, ...due.map((c) => c.key)]) };
}

/** Tools that asked for credentials (through the broker) and wait for this session's sign-in. */
export function toolsWaitingNotice(session: SessionView): Notice {
  const callers = [...new Set(session.waiting.map((w) => w.caller).filter((c) => c !== null))];
  const count = session.waiting.length;
  const who =
    count === 1
      ? `${session.waiting[0]!.caller ?? 'A tool'} is`
      : `${count} tools${callers.length > 0 ? ` (${callers.slice(0, 3).join(', ')})` : ''} are`;
  return {
    kind: 'tools-waiting',
    session: session.name,
    title: `${who} waiting for you to sign in to ${session.label}`,
    body: 'Click to sign in; every waiting tool gets its credentials then.',
    action: { kind: 'sign-in', session: session.name },
    signInButton: true,
  };
}

/** Forgets warnings about tokens that are gone, so memory stays small. */
function pruneDelivered(delivered: ReadonlySet<string>, snapshot: Snapshot): Set<string> {
  const live = new Set(snapshot.sessions.map((s) => JSON.stringify([s.name, s.expiresAt])));
  const kept = new Set<string>();
  for (const key of delivered) {
    const [, session, stamp] = JSON.parse(key) as [string, string, string | null];
    if (live.has(JSON.stringify([session, stamp]))) kept.add(key);
  }
  return kept;
}
