// The list's rows: sessions that need the user first, favourites next, the
// footer's state filter, ranks held while the user works, and heights that
// leave room for a notice's full text.
import { describe, expect, it } from 'vitest';
import {
  attentionCounts,
  buildRows,
  buildSearchIndex,
  noticeLines,
  rankSessions,
  rowHeight,
  ROW_HEIGHTS,
  sameRanks,
  type ListRow,
} from '../../../renderer/src/list/rows';
import { problem, profile, session, snapshotOf } from './snapshot-builders';

const sample = snapshotOf(
  [
    session('acme', 'valid'),
    session('ops', 'expiring'),
    session('contractor', 'expired'),
    session('research', 'invalid'),
    session('legacy', 'signed-out'),
    session('beta', 'valid'),
  ],
  [
    profile('acme-dev', 'acme'),
    profile('ops-audit', 'ops'),
    profile('contractor-dev', 'contractor'),
    profile('research-lab', 'research'),
    profile('legacy-billing', 'legacy'),
    profile('beta-dev', 'beta'),
    profile('static-keys', null),
  ],
);
const index = buildSearchIndex(sample);
const keys = (rows: ListRow[]) => rows.map((r) => r.key);
const build = (options: Partial<Parameters<typeof buildRows>[1]> = {}) =>
  buildRows(index, { query: '', favourites: [], collapsed: new Set(), ...options });

describe('buildRows', () => {
  it('puts sessions that need the user first: expired, expiring, invalid, signed out; then valid', () => {
    expect(keys(build()).filter((k) => k.startsWith('session:'))).toEqual([
      'session:contractor',
      'session:ops',
      'session:research',
      'session:legacy',
      'session:acme',
      'session:beta',
    ]);
    expect(keys(build()).at(-1)).toBe('profile:static-keys');
  });

  it('lists favourites after the problems and before the valid sessions', () => {
    const rows = keys(build({ favourites: ['beta-dev'] }));
    expect(rows.indexOf('group:favourites')).toBe(rows.indexOf('profile:legacy-billing') + 1);
    expect(rows.indexOf('favourite:beta-dev')).toBeLessThan(rows.indexOf('session:acme'));
    // A valid world keeps favourites at the very top.
    const calm = buildSearchIndex(
      snapshotOf([session('acme', 'valid')], [profile('acme-dev', 'acme')]),
    );
    expect(
      keys(buildRows(calm, { query: '', favourites: ['acme-dev'], collapsed: new Set() }))[0],
    ).toBe('group:favourites');
  });

  it('filters to the sessions in one state, with their profiles, and nothing else', () => {
    expect(keys(build({ filter: 'expired', favourites: ['beta-dev'] }))).toEqual([
      'session:contractor',
      'profile:contractor-dev',
    ]);
    expect(keys(build({ filter: 'signed-out', query: 'nothing-like-it' }))).toEqual([]);
  });

  it('keeps held ranks: a session that turned valid stays where the user saw it', () => {
    const held = rankSessions(sample.sessions, null);
    const signedIn = snapshotOf(
      sample.sessions.map((s) => (s.name === 'contractor' ? { ...s, state: 'valid' as const } : s)),
      sample.profiles,
    );
    const kept = rankSessions(signedIn.sessions, held);
    expect(sameRanks(kept, held)).toBe(true);
    const rows = buildRows(buildSearchIndex(signedIn), {
      query: '',
      favourites: [],
      collapsed: new Set(),
      ranks: kept,
    });
    expect(rows[0]!.key).toBe('session:contractor');
    // Asked afresh, it moves among the valid ones.
    const fresh = rankSessions(signedIn.sessions, null);
    expect(sameRanks(fresh, held)).toBe(false);
    const resorted = buildRows(buildSearchIndex(signedIn), {
      query: '',
      favourites: [],
      collapsed: new Set(),
      ranks: fresh,
    });
    expect(resorted[0]!.key).toBe('session:ops');
  });

  it('searches session names, labels, hosts and profile fields; words narrow together', () => {
    expect(keys(build({ query: 'research' }))).toEqual([
      'session:research',
      'profile:research-lab',
    ]);
    expect(keys(build({ query: 'beta dev' }))).toEqual(['session:beta', 'profile:beta-dev']);
    expect(keys(build({ query: 'no-such' }))).toEqual([]);
  });
});

describe('attentionCounts', () => {
  it('counts each state that needs the user, in list order, leaving out zeros', () => {
    expect(attentionCounts(sample.sessions)).toEqual([
      { state: 'expired', count: 1 },
      { state: 'expiring', count: 1 },
      { state: 'invalid', count: 1 },
      { state: 'signed-out', count: 1 },
    ]);
    expect(attentionCounts([session('a', 'valid')])).toEqual([]);
  });
});

describe('row heights', () => {
  const long =
    'The cached token for research cannot be used: not valid JSON (truncated or corrupted). Sign in again to replace it.';

  it('gives a notice as many lines as its text needs at the width, within bounds', () => {
    expect(noticeLines('short', 'session', 420)).toBe(1);
    expect(noticeLines(long, 'session', 420)).toBeGreaterThanOrEqual(3);
    expect(noticeLines(long, 'session', 1200)).toBe(1);
    expect(noticeLines(long.repeat(20), 'session', 420)).toBe(6);
  });

  it('grows a session row with a long problem, not one without', () => {
    const withProblem = session('research', 'invalid', {
      problems: [problem('token-unreadable', long)],
    });
    const row = (s: typeof withProblem): ListRow => ({
      kind: 'session',
      key: `session:${s.name}`,
      session: s,
      shown: 0,
      total: 0,
      collapsed: false,
    });
    expect(rowHeight(row(session('acme', 'valid')), 420)).toBe(ROW_HEIGHTS.session);
    expect(rowHeight(row(withProblem), 420)).toBeGreaterThan(ROW_HEIGHTS.session);
    expect(rowHeight(row(withProblem), 420)).toBeGreaterThan(rowHeight(row(withProblem), 900));
  });
});
