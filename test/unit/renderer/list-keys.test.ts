// The list's keyboard: rows up and down, a row's buttons right and left,
// folding like a tree, Enter for the row's action, Escape out.
import { describe, expect, it } from 'vitest';
import { buildRows, buildSearchIndex, type ListRow } from '../../../renderer/src/list/rows';
import { listKeyIntent, nearestFocusable } from '../../../renderer/src/list/list-keys';
import { profile, session, snapshotOf } from './snapshot-builders';

const snapshot = snapshotOf(
  [session('acme', 'valid'), session('ops', 'valid')],
  [profile('acme-dev', 'acme'), profile('acme-prod', 'acme'), profile('ops-audit', 'ops')],
);
const rows = (options: { favourites?: string[]; collapsed?: string[] } = {}): ListRow[] =>
  buildRows(buildSearchIndex(snapshot), {
    query: '',
    favourites: options.favourites ?? [],
    collapsed: new Set(options.collapsed ?? []),
  });
const keyOf = (list: ListRow[], index: number) => list[index]?.key;

describe('listKeyIntent', () => {
  it('moves between rows with the arrows, Home and End, skipping headings', () => {
    const list = rows({ favourites: ['ops-audit'] });
    expect(list.map((r) => r.key)).toEqual([
      'group:favourites',
      'favourite:ops-audit',
      'session:acme',
      'profile:acme-dev',
      'profile:acme-prod',
      'session:ops',
      'profile:ops-audit',
    ]);
    expect(listKeyIntent('Home', list, { row: 4, control: null }, 4)).toEqual({
      kind: 'focus',
      to: { row: 1, control: null },
    });
    expect(listKeyIntent('ArrowUp', list, { row: 1, control: null }, 4)).toEqual({ kind: 'stay' });
    const end = listKeyIntent('End', list, { row: 1, control: null }, 4);
    expect(end?.kind === 'focus' && keyOf(list, end.to.row)).toBe('profile:ops-audit');
    // From a button, up and down still move between rows (to the row itself).
    expect(listKeyIntent('ArrowDown', list, { row: 3, control: 2 }, 4)).toEqual({
      kind: 'focus',
      to: { row: 4, control: null },
    });
  });

  it('goes into a row’s buttons and back with right and left', () => {
    const list = rows();
    const dev = list.findIndex((r) => r.key === 'profile:acme-dev');
    expect(listKeyIntent('ArrowRight', list, { row: dev, control: null }, 4)).toEqual({
      kind: 'focus',
      to: { row: dev, control: 0 },
    });
    expect(listKeyIntent('ArrowRight', list, { row: dev, control: 2 }, 4)).toEqual({
      kind: 'focus',
      to: { row: dev, control: 3 },
    });
    expect(listKeyIntent('ArrowRight', list, { row: dev, control: 3 }, 4)).toEqual({
      kind: 'stay',
    });
    expect(listKeyIntent('ArrowLeft', list, { row: dev, control: 0 }, 4)).toEqual({
      kind: 'focus',
      to: { row: dev, control: null },
    });
    expect(listKeyIntent('Escape', list, { row: dev, control: 1 }, 4)).toEqual({
      kind: 'focus',
      to: { row: dev, control: null },
    });
  });

  it('folds a session like a tree node; left on a profile goes to its session', () => {
    const open = rows();
    expect(listKeyIntent('ArrowLeft', open, { row: 0, control: null }, 3)).toEqual({
      kind: 'fold',
      session: 'acme',
    });
    expect(listKeyIntent('ArrowLeft', open, { row: 2, control: null }, 4)).toEqual({
      kind: 'focus',
      to: { row: 0, control: null },
    });
    const folded = rows({ collapsed: ['acme'] });
    expect(listKeyIntent('ArrowRight', folded, { row: 0, control: null }, 3)).toEqual({
      kind: 'fold',
      session: 'acme',
    });
    // Unfolded, right goes into the session's buttons.
    expect(listKeyIntent('ArrowRight', open, { row: 0, control: null }, 3)).toEqual({
      kind: 'focus',
      to: { row: 0, control: 0 },
    });
  });

  it('Enter on a row is its action; on a button it is the button’s; Escape on a row leaves', () => {
    const list = rows();
    expect(listKeyIntent('Enter', list, { row: 1, control: null }, 4)).toEqual({
      kind: 'primary',
      row: list[1],
    });
    expect(listKeyIntent('Enter', list, { row: 1, control: 0 }, 4)).toBeNull();
    expect(listKeyIntent('Escape', list, { row: 1, control: null }, 4)).toEqual({ kind: 'leave' });
    expect(listKeyIntent('a', list, { row: 1, control: null }, 4)).toBeNull();
  });

  it('nearestFocusable finds nothing in a list of headings only', () => {
    const headings: ListRow[] = [{ kind: 'group', key: 'g', label: 'G', count: 0 }];
    expect(nearestFocusable(headings, 0, 1)).toBe(-1);
  });
});
