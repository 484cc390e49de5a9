// Pure: turns a snapshot, the search text, a state filter, favourites and
// collapsed sessions into the flat list of rows the virtual list renders.
// Sessions that need the user come first. No React here, so it is cheap to
// test and to run on every keystroke over thousands of profiles.
import type { ProfileView, SessionState, SessionView, Snapshot } from '../../../app/shared/model';
import {
  ATTENTION_STATES,
  hostOf,
  profileNotice,
  sessionNotice,
  type AttentionState,
} from '../session-words';

export type ListRow =
  | {
      readonly kind: 'group';
      readonly key: string;
      readonly label: string;
      readonly count: number;
    }
  | {
      readonly kind: 'session';
      readonly key: string;
      readonly session: SessionView;
      /** Profiles of this session shown below it (after filtering). */
      readonly shown: number;
      readonly total: number;
      readonly collapsed: boolean;
    }
  | {
      readonly kind: 'profile';
      readonly key: string;
      readonly profile: ProfileView;
      /** The profile's session, or null for profiles outside SSO. */
      readonly session: SessionView | null;
      readonly favourite: boolean;
      /** Listed in the Favourites group (it also appears under its session). */
      readonly pinned: boolean;
      readonly accountName: string | null;
    };

// ---- heights ---------------------------------------------------------------------

export const ROW_HEIGHTS: Readonly<Record<ListRow['kind'], number>> = {
  group: 28,
  session: 80,
  profile: 52,
};

/** One wrapped line of a row's notice (its CSS line-height). */
export const NOTICE_LINE_PX = 17;
// Wide enough for any UI font at 13px, so an estimate errs towards a spare line.
const NOTICE_CHAR_PX = 7.6;
const MAX_NOTICE_LINES = 6;
// Space on a notice line that is not text: indent, icon, padding, the state border.
const NOTICE_INSET_PX = { session: 68, profile: 70 } as const;
const DEFAULT_WIDTH = 420;

/** Lines a notice needs at a list width: the whole text wraps, nothing hides in a tooltip. */
export function noticeLines(text: string, kind: 'session' | 'profile', width: number): number {
  const usable = Math.max(120, (width || DEFAULT_WIDTH) - NOTICE_INSET_PX[kind]);
  const perLine = Math.max(10, Math.floor(usable / NOTICE_CHAR_PX));
  return Math.min(MAX_NOTICE_LINES, Math.max(1, Math.ceil(text.length / perLine)));
}

/** A row's height at a list width: fixed per kind, plus the lines its notice wraps to. */
export function rowHeight(row: ListRow, width: number): number {
  const base = ROW_HEIGHTS[row.kind];
  const notice =
    row.kind === 'session'
      ? row.session.signIn
        ? null
        : sessionNotice(row.session)
      : row.kind === 'profile'
        ? profileNotice(row.profile)
        : null;
  if (!notice || row.kind === 'group') return base;
  return base + (noticeLines(notice.text, row.kind, width) - 1) * NOTICE_LINE_PX;
}

// ---- order -------------------------------------------------------------------------

/** Sessions that need attention first, in the order of ATTENTION_STATES; valid ones last. */
export function stateRank(state: SessionState): number {
  const index = (ATTENTION_STATES as readonly SessionState[]).indexOf(state);
  return index < 0 ? ATTENTION_STATES.length : index;
}

/**
 * Each session's place in the list. Ranks already held are kept, so a row does
 * not jump away while the user works with it (a sign-in turns it valid); the
 * window asks for fresh ranks when it is shown again or the search changes.
 */
export function rankSessions(
  sessions: readonly SessionView[],
  held: ReadonlyMap<string, number> | null,
): ReadonlyMap<string, number> {
  return new Map(sessions.map((s) => [s.name, held?.get(s.name) ?? stateRank(s.state)]));
}

export function sameRanks(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [name, rank] of a) if (b.get(name) !== rank) return false;
  return true;
}

// ---- search ------------------------------------------------------------------------

/** Precomputed per snapshot (and account names) so filtering only compares strings. */
export interface SearchIndex {
  readonly snapshot: Snapshot;
  readonly sessions: readonly SessionView[];
  readonly sessionByName: ReadonlyMap<string, SessionView>;
  readonly profilesBySession: ReadonlyMap<string, readonly ProfileView[]>;
  readonly profileByName: ReadonlyMap<string, ProfileView>;
  readonly outsideSso: readonly ProfileView[];
  readonly profileText: ReadonlyMap<ProfileView, string>;
  readonly sessionText: ReadonlyMap<SessionView, string>;
  readonly accountNames: ReadonlyMap<string, string>;
}

export function buildSearchIndex(
  snapshot: Snapshot,
  accountNames: ReadonlyMap<string, string> = new Map(),
): SearchIndex {
  const sessionByName = new Map(snapshot.sessions.map((s) => [s.name, s]));
  const profilesBySession = new Map<string, ProfileView[]>();
  const outsideSso: ProfileView[] = [];
  const profileText = new Map<ProfileView, string>();
  const profileByName = new Map<string, ProfileView>();
  for (const profile of snapshot.profiles) {
    profileByName.set(profile.name, profile);
    const list = profile.session !== null ? profilesBySession.get(profile.session) : undefined;
    if (list) list.push(profile);
    else if (profile.session !== null && sessionByName.has(profile.session)) {
      profilesBySession.set(profile.session, [profile]);
    } else outsideSso.push(profile);
    const accountName =
      profile.accountName ?? (profile.accountId ? (accountNames.get(profile.accountId) ?? '') : '');
    profileText.set(
      profile,
      [profile.name, profile.accountId, accountName, profile.roleName, profile.region]
        .filter(Boolean)
        .join('\n')
        .toLowerCase(),
    );
  }
  const sessionText = new Map<SessionView, string>();
  for (const session of snapshot.sessions) {
    sessionText.set(
      session,
      [session.name, session.label, hostOf(session.startUrl), session.region]
        .filter(Boolean)
        .join('\n')
        .toLowerCase(),
    );
  }
  return {
    snapshot,
    sessions: snapshot.sessions,
    sessionByName,
    profilesBySession,
    profileByName,
    outsideSso,
    profileText,
    sessionText,
    accountNames,
  };
}

export function queryTokens(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

const matchesAll = (text: string | undefined, tokens: readonly string[]): boolean =>
  text !== undefined && tokens.every((t) => text.includes(t));

// ---- rows --------------------------------------------------------------------------

export interface RowOptions {
  readonly query: string;
  readonly favourites: readonly string[];
  readonly collapsed: ReadonlySet<string>;
  /** Only sessions in this state (the footer's counts). */
  readonly filter?: AttentionState | null;
  /** Each session's place (rankSessions); default its state's rank now. */
  readonly ranks?: ReadonlyMap<string, number>;
}

export function buildRows(index: SearchIndex, options: RowOptions): ListRow[] {
  const tokens = queryTokens(options.query);
  const searching = tokens.length > 0;
  const filter = options.filter ?? null;
  const favouriteSet = new Set(options.favourites);
  const rows: ListRow[] = [];
  const accountNameOf = (p: ProfileView) =>
    p.accountName ?? (p.accountId ? (index.accountNames.get(p.accountId) ?? null) : null);
  const profileMatches = (p: ProfileView) => matchesAll(index.profileText.get(p), tokens);
  const sessionOf = (p: ProfileView) =>
    p.session !== null ? (index.sessionByName.get(p.session) ?? null) : null;
  const rankOf = (s: SessionView) => options.ranks?.get(s.name) ?? stateRank(s.state);
  const attention = ATTENTION_STATES.length;

  const pushSession = (session: SessionView) => {
    const all = index.profilesBySession.get(session.name) ?? [];
    const sessionMatches = !searching || matchesAll(index.sessionText.get(session), tokens);
    const shown = sessionMatches ? all : all.filter(profileMatches);
    if (searching && !sessionMatches && shown.length === 0) return;
    // While searching every match is visible, whatever was collapsed.
    const collapsed = !searching && options.collapsed.has(session.name);
    rows.push({
      kind: 'session',
      key: `session:${session.name}`,
      session,
      shown: shown.length,
      total: all.length,
      collapsed,
    });
    if (collapsed) return;
    for (const profile of shown) {
      rows.push({
        kind: 'profile',
        key: `profile:${profile.name}`,
        profile,
        session,
        favourite: favouriteSet.has(profile.name),
        pinned: false,
        accountName: accountNameOf(profile),
      });
    }
  };

  // Stable: config order within a rank.
  const ordered = index.sessions
    .map((session, position) => ({ session, position, rank: rankOf(session) }))
    .sort((a, b) => a.rank - b.rank || a.position - b.position);

  if (filter !== null) {
    for (const { session } of ordered) if (session.state === filter) pushSession(session);
    return rows;
  }

  for (const { session, rank } of ordered) if (rank < attention) pushSession(session);

  const favourites = options.favourites
    .map((name) => index.profileByName.get(name))
    .filter((p): p is ProfileView => p !== undefined && (!searching || profileMatches(p)));
  if (favourites.length > 0) {
    rows.push({
      kind: 'group',
      key: 'group:favourites',
      label: 'Favourites',
      count: favourites.length,
    });
    for (const profile of favourites) {
      rows.push({
        kind: 'profile',
        key: `favourite:${profile.name}`,
        profile,
        session: sessionOf(profile),
        favourite: true,
        pinned: true,
        accountName: accountNameOf(profile),
      });
    }
  }

  for (const { session, rank } of ordered) if (rank >= attention) pushSession(session);

  const others = searching ? index.outsideSso.filter(profileMatches) : index.outsideSso;
  if (others.length > 0) {
    rows.push({ kind: 'group', key: 'group:other', label: 'Other profiles', count: others.length });
    for (const profile of others) {
      rows.push({
        kind: 'profile',
        key: `profile:${profile.name}`,
        profile,
        session: sessionOf(profile),
        favourite: favouriteSet.has(profile.name),
        pinned: false,
        accountName: accountNameOf(profile),
      });
    }
  }
  return rows;
}

/** How many sessions are in each state that needs the user (the footer's buttons). */
export function attentionCounts(
  sessions: readonly SessionView[],
): readonly { readonly state: AttentionState; readonly count: number }[] {
  return ATTENTION_STATES.map((state) => ({
    state,
    count: sessions.filter((s) => s.state === state).length,
  })).filter((c) => c.count > 0);
}

/** A DOM id for a row key: unique, without whitespace (profile names may hold any character). */
export const rowDomId = (key: string): string => `row-${encodeURIComponent(key)}`;

/** Whether a row can hold focus (group headings cannot). */
export const isFocusable = (row: ListRow | undefined): boolean =>
  row !== undefined && row.kind !== 'group';
