// Pure: turns a snapshot, the search text, favourites and collapsed sessions
// into the flat list of rows the virtual list renders. No React here, so it is
// cheap to test and to run on every keystroke over thousands of profiles.
import type { ProfileView, SessionView, Snapshot } from '../../../app/shared/model';

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

export const ROW_HEIGHTS: Readonly<Record<ListRow['kind'], number>> = {
  group: 28,
  session: 80,
  profile: 52,
};

export const rowHeight = (row: ListRow): number => ROW_HEIGHTS[row.kind];

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

export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
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
      [session.name, hostOf(session.startUrl), session.region]
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

export interface RowOptions {
  readonly query: string;
  readonly favourites: readonly string[];
  readonly collapsed: ReadonlySet<string>;
}

export function buildRows(index: SearchIndex, options: RowOptions): ListRow[] {
  const tokens = queryTokens(options.query);
  const searching = tokens.length > 0;
  const favouriteSet = new Set(options.favourites);
  const rows: ListRow[] = [];
  const accountNameOf = (p: ProfileView) =>
    p.accountName ?? (p.accountId ? (index.accountNames.get(p.accountId) ?? null) : null);
  const profileMatches = (p: ProfileView) => matchesAll(index.profileText.get(p), tokens);
  const sessionOf = (p: ProfileView) =>
    p.session !== null ? (index.sessionByName.get(p.session) ?? null) : null;

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

  for (const session of index.sessions) {
    const all = index.profilesBySession.get(session.name) ?? [];
    const sessionMatches = !searching || matchesAll(index.sessionText.get(session), tokens);
    const shown = sessionMatches ? all : all.filter(profileMatches);
    if (searching && !sessionMatches && shown.length === 0) continue;
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
    if (collapsed) continue;
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
  }

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

/** A DOM id for a row key: unique, without whitespace (profile names may hold any character). */
export const rowDomId = (key: string): string => `row-${encodeURIComponent(key)}`;
