// Keys that work anywhere in the window, as a pure decision: `/` searches,
// `?` lists the shortcuts, Escape leaves a view for the list. An open dialog
// handles its own keys (Escape closes it); a text field keeps its letters.

export type GlobalIntent = 'focus-search' | 'shortcuts' | 'back';

export interface KeyFacts {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** Focus is in a text field, a select or an editable element. */
  readonly typing: boolean;
  readonly dialogOpen: boolean;
  /** The list (true) or another view. */
  readonly onList: boolean;
}

export function globalKeyIntent(facts: KeyFacts): GlobalIntent | null {
  if (facts.dialogOpen || facts.ctrlKey || facts.metaKey || facts.altKey) return null;
  if (facts.key === 'Escape') return facts.onList ? null : 'back';
  if (facts.typing) return null;
  if (facts.key === '/') return 'focus-search';
  if (facts.key === '?') return 'shortcuts';
  return null;
}

/** The shortcuts, as the `?` dialog lists them. */
export const SHORTCUTS: readonly { readonly keys: readonly string[]; readonly does: string }[] = [
  { keys: ['/'], does: 'Search profiles' },
  { keys: ['↓', '↑'], does: 'Move between rows' },
  { keys: ['→', '←'], does: 'Into a row’s buttons and back; open or fold a session' },
  { keys: ['Enter'], does: 'The row’s action: copy the export, or sign in' },
  { keys: ['Home', 'End'], does: 'First or last row' },
  { keys: ['Esc'], does: 'Close a dialog or view; from the list, back to the search' },
  { keys: ['?'], does: 'Show these shortcuts' },
];
