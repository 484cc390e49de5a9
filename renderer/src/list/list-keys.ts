// Keyboard inside the list, as a pure decision: the list is one Tab stop;
// arrows move between rows (up/down) and into a row's buttons (right/left);
// Enter runs the row's main action; Escape steps out. Roving tabindex: only
// the row or button where focus is can be reached with Tab.
import { isFocusable, type ListRow } from './rows';

/** Where focus is in the list: a row, and one of its buttons or the row itself. */
export interface ListFocus {
  readonly row: number;
  /** Index among the row's buttons, or null for the row itself. */
  readonly control: number | null;
}

export type ListIntent =
  | { readonly kind: 'focus'; readonly to: ListFocus }
  | { readonly kind: 'fold'; readonly session: string }
  | { readonly kind: 'primary'; readonly row: ListRow }
  /** Out of the list, back to the search box. */
  | { readonly kind: 'leave' }
  /** A key the list owns that does nothing here (the edge of a row): swallow it. */
  | { readonly kind: 'stay' };

export const PAGE_ROWS = 8;

/** The nearest focusable row from `index` in direction `step`, or -1. */
export function nearestFocusable(rows: readonly ListRow[], index: number, step: 1 | -1): number {
  for (let i = index; i >= 0 && i < rows.length; i += step) if (isFocusable(rows[i])) return i;
  return -1;
}

const toRow = (row: number): ListIntent =>
  row < 0 ? { kind: 'stay' } : { kind: 'focus', to: { row, control: null } };

export function listKeyIntent(
  key: string,
  rows: readonly ListRow[],
  at: ListFocus,
  /** How many buttons the focused row has (enabled ones). */
  controls: number,
): ListIntent | null {
  const row = rows[at.row];
  if (!row) return null;
  const onRow = at.control === null;
  switch (key) {
    case 'ArrowDown':
      return toRow(nearestFocusable(rows, at.row + 1, 1));
    case 'ArrowUp':
      return toRow(nearestFocusable(rows, at.row - 1, -1));
    case 'PageDown':
      return toRow(nearestFocusable(rows, Math.min(rows.length - 1, at.row + PAGE_ROWS), -1));
    case 'PageUp':
      return toRow(nearestFocusable(rows, Math.max(0, at.row - PAGE_ROWS), 1));
    case 'Home':
      return toRow(nearestFocusable(rows, 0, 1));
    case 'End':
      return toRow(nearestFocusable(rows, rows.length - 1, -1));
    case 'ArrowRight':
      if (onRow && row.kind === 'session' && row.collapsed) {
        return { kind: 'fold', session: row.session.name };
      }
      if (onRow)
        return controls > 0 ? { kind: 'focus', to: { row: at.row, control: 0 } } : { kind: 'stay' };
      return at.control! + 1 < controls
        ? { kind: 'focus', to: { row: at.row, control: at.control! + 1 } }
        : { kind: 'stay' };
    case 'ArrowLeft':
      if (!onRow) {
        return {
          kind: 'focus',
          to: { row: at.row, control: at.control! > 0 ? at.control! - 1 : null },
        };
      }
      if (row.kind === 'session' && !row.collapsed) {
        return { kind: 'fold', session: row.session.name };
      }
      if (row.kind === 'profile' && !row.pinned && row.session) {
        // Like a tree: left from a profile goes up to its session.
        const name = row.session.name;
        const parent = rows.findIndex((r) => r.kind === 'session' && r.session.name === name);
        return toRow(parent);
      }
      return { kind: 'stay' };
    case 'Enter':
      return onRow ? { kind: 'primary', row } : null;
    case 'Escape':
      return onRow ? { kind: 'leave' } : { kind: 'focus', to: { row: at.row, control: null } };
    default:
      return null;
  }
}
