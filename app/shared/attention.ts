// Which sessions need the user, and the order every view lists them in: the
// window's list, its footer counts and `sso-tray status` agree.
import type { SessionState } from './model';

/** The states that need the user, in the order they are listed; valid sessions come after. */
export const ATTENTION_STATES = ['expired', 'expiring', 'invalid', 'signed-out'] as const;
export type AttentionState = (typeof ATTENTION_STATES)[number];

/** A session's place: its index in ATTENTION_STATES, valid ones last. */
export function attentionRank(state: SessionState): number {
  const index = (ATTENTION_STATES as readonly SessionState[]).indexOf(state);
  return index < 0 ? ATTENTION_STATES.length : index;
}

/** Sessions needing attention first, in ATTENTION_STATES order; config order within a state. */
export function problemsFirst<T extends { readonly state: SessionState }>(
  sessions: readonly T[],
): T[] {
  return sessions
    .map((session, position) => ({ session, position, rank: attentionRank(session.state) }))
    .sort((a, b) => a.rank - b.rank || a.position - b.position)
    .map((entry) => entry.session);
}
