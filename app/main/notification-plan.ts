// The notification planner: pure. From the snapshot, the settings, the time and
// what it remembers, it decides which notices are due now and when the next one
// is, so main sets exactly one timer.
//
// - Before expiry at each lead time and at expiry, for sessions that will not
//   renew silently (not refreshable, renewal off, or renewal already failing).
// - When silent renewal failed in a way only a browser sign-in fixes.
// - When a sign-in finishes or fails.
// Each notice fires once per token (dedupe on kind + session + expiresAt); none
// while the session is signing in; none for muted sessions; none for deadlines
// from before the app started watching. Several notices due at once (after
// sleep or a clock jump) collapse: one per session, then one for all sessions.

import type { NeedsSignInReason } from '../core/auth/renewal-scheduler';
import type { Settings } from '../shared/api';
import type { SessionView, Snapshot } from '../shared/model';
import { formatTimeLeft, renewsSilently, sessionDisplayName } from './tray-text';

const MINUTE = 60_000;

/** How long after a sign-in ends we still wait for its outcome to show in a snapshot. */
export const SIGN_IN_OUTCOME_GRACE_MS = 30_000;

/**
 * lastError codes meaning a silent renewal cannot succeed any more (the
 * Identity Center session ended, the client registration lapsed, the start URL
 * changed): the renewal scheduler's reasons, tied to its type so a new reason
 * cannot be missed. Other codes (`renewal-failed`: network trouble) are retried
 * by the core; they still stop the session from counting as "renews silently",
 * so the lead-time warnings apply to it.
 */
const NEEDS_SIGN_IN_REASONS: Record<NeedsSignInReason, true> = {
  'session-ended': true,
  'registration-expired': true,
  'start-url-changed': true,
};
export const SIGN_IN_REQUIRED_CODES: ReadonlySet<string> = new Set(
  Object.keys(NEEDS_SIGN_IN_REASONS),
);

/**
 * lastError codes that do not end a sign-in: a cancel, or a browser that did
 * not open (the flow goes on; the user can open the page by hand).
 */
const NOT_AN_OUTCOME_CODES: ReadonlySet<string> = new Set(['cancelled', 'browser-failed']);

export type NoticeKind =
  'expires-soon' | 'expired' | 'needs-sign-in' | 'sign-in-failed' | 'signed-in' | 'summary';

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

interface TrackedSignIn {
  readonly startedAt: number;
  /** The session's expiresAt when the sign-in started: a new value means it worked. */
  readonly expiresAtBefore: string | null;
  readonly endedAt: number | null;
}

/** What the planner remembers between runs. Treat as opaque; start from EMPTY_MEMORY. */
export interface NotifierMemory {
  readonly delivered: ReadonlySet<string>;
  readonly signIns: ReadonlyMap<string, TrackedSignIn>;
}

export const EMPTY_MEMORY: NotifierMemory = { delivered: new Set(), signIns: new Map() };

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

const RANK: Record<Exclude<NoticeKind, 'summary'>, number> = {
  'sign-in-failed': 0,
  'needs-sign-in': 1,
  expired: 2,
  'expires-soon': 3,
  'signed-in': 4,
};

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
): { due: Candidate[]; future: number[] } {
  const due: Candidate[] = [];
  const future: number[] = [];
  if (!session.expiresAt || renewsSilently(session, settings)) return { due, future };
  const expiresAt = Date.parse(session.expiresAt);
  if (Number.isNaN(expiresAt)) return { due, future };
  const name = sessionDisplayName(session);
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

function renewalNotice(session: SessionView): Candidate | null {
  const error = session.lastError;
  if (!error || !SIGN_IN_REQUIRED_CODES.has(error.code)) return null;
  return {
    key: dedupeKey('needs-sign-in', session.name, session.expiresAt),
    rank: RANK['needs-sign-in'],
    notice: {
      kind: 'needs-sign-in',
      session: session.name,
      title: `${sessionDisplayName(session)} needs you to sign in`,
      body: `It could not be renewed silently: ${error.message} Click to sign in.`,
      action: { kind: 'sign-in', session: session.name },
      signInButton: true,
    },
  };
}

/** Follows running sign-ins across snapshots and reports how each one ended. */
function signInOutcome(
  session: SessionView,
  tracked: TrackedSignIn | undefined,
  now: number,
): { next: TrackedSignIn | undefined; outcome: Candidate | null } {
  if (session.signIn) {
    const startedAt = Date.parse(session.signIn.startedAt);
    if (tracked && tracked.startedAt === startedAt && tracked.endedAt === null) {
      return { next: tracked, outcome: null };
    }
    return {
      next: {
        startedAt: Number.isNaN(startedAt) ? now : startedAt,
        expiresAtBefore: session.expiresAt,
        endedAt: null,
      },
      outcome: null,
    };
  }
  if (!tracked) return { next: undefined, outcome: null };

  const name = sessionDisplayName(session);
  const error = session.lastError;
  if (error && Date.parse(error.at) >= tracked.startedAt) {
    if (NOT_AN_OUTCOME_CODES.has(error.code)) return { next: undefined, outcome: null };
    return {
      next: undefined,
      outcome: {
        key: dedupeKey('sign-in-failed', session.name, error.at),
        rank: RANK['sign-in-failed'],
        notice: {
          kind: 'sign-in-failed',
          session: session.name,
          title: `Sign-in to ${name} failed`,
          body: `${error.message} Click to try again.`,
          action: { kind: 'sign-in', session: session.name },
          signInButton: true,
        },
      },
    };
  }
  const usable = session.state === 'valid' || session.state === 'expiring';
  if (usable && session.expiresAt && session.expiresAt !== tracked.expiresAtBefore) {
    const left = Date.parse(session.expiresAt) - now;
    return {
      next: undefined,
      outcome: {
        key: dedupeKey('signed-in', session.name, session.expiresAt),
        rank: RANK['signed-in'],
        notice: {
          kind: 'signed-in',
          session: session.name,
          title: `Signed in to ${name}`,
          body: `Every tool using this session${profilesText(session)} can use it for ${formatTimeLeft(left)}.`,
          action: { kind: 'open-window' },
          signInButton: false,
        },
      },
    };
  }
  // Ended without a visible outcome yet (the token file may land a moment later), or cancelled.
  const endedAt = tracked.endedAt ?? now;
  if (now - endedAt > SIGN_IN_OUTCOME_GRACE_MS) return { next: undefined, outcome: null };
  return { next: { ...tracked, endedAt }, outcome: null };
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
  const signIns = new Map<string, TrackedSignIn>();
  const perSession = new Map<string, Candidate[]>();
  const future: number[] = [];

  for (const session of snapshot.sessions) {
    const { next, outcome } = signInOutcome(session, memory.signIns.get(session.name), now);
    if (next) signIns.set(session.name, next);
    if (settings.mutedSessions.includes(session.name) || session.signIn) continue;

    const candidates: Candidate[] = [];
    if (outcome) candidates.push(outcome);
    const renewal = renewalNotice(session);
    if (renewal) candidates.push(renewal);
    const expiry = expiryNotices(session, settings, now, since);
    candidates.push(...expiry.due);
    future.push(...expiry.future);

    const fresh = candidates.filter((c) => !delivered.has(c.key));
    // Everything considered now counts as told, including what the collapse drops.
    for (const c of candidates) delivered.add(c.key);
    if (outcome?.notice.kind === 'sign-in-failed' && renewal) delivered.add(renewal.key);
    if (fresh.length) perSession.set(session.name, fresh);
  }

  const outcomes: Notice[] = [];
  const warnings: Notice[] = [];
  for (const candidates of perSession.values()) {
    const best = [...candidates].sort((a, b) => a.rank - b.rank)[0]!.notice;
    (best.kind === 'signed-in' || best.kind === 'sign-in-failed' ? outcomes : warnings).push(best);
  }
  const due = [...outcomes, ...(warnings.length > 1 ? [summaryNotice(warnings)] : warnings)];

  const upcoming = future.filter((t) => t > now);
  return {
    due,
    nextDueAt: upcoming.length ? Math.min(...upcoming) : null,
    memory: { delivered: pruneDelivered(delivered, snapshot), signIns },
  };
}

/** Forgets notices about tokens and errors that are gone, so memory stays small. */
function pruneDelivered(delivered: ReadonlySet<string>, snapshot: Snapshot): Set<string> {
  const live = new Set<string>();
  for (const s of snapshot.sessions) {
    live.add(JSON.stringify([s.name, s.expiresAt]));
    if (s.lastError) live.add(JSON.stringify([s.name, s.lastError.at]));
  }
  const kept = new Set<string>();
  for (const key of delivered) {
    const [, session, stamp] = JSON.parse(key) as [string, string, string | null];
    if (live.has(JSON.stringify([session, stamp]))) kept.add(key);
  }
  return kept;
}
