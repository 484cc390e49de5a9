// A session's state as icon + word + colour, never colour alone.
import type { SessionState } from '../../../app/shared/model';
import { Icon, STATE_ICON } from './icons';

export const STATE_WORD: Readonly<Record<SessionState, string>> = {
  valid: 'Valid',
  expiring: 'Expiring soon',
  expired: 'Expired',
  'signed-out': 'Signed out',
  invalid: 'Invalid',
};

export function StateBadge({ state, compact = false }: { state: SessionState; compact?: boolean }) {
  return (
    <span className={`state state-${state}`} data-state={state} title={STATE_WORD[state]}>
      <Icon name={STATE_ICON[state]} />
      {compact ? (
        <span className="visually-hidden">{STATE_WORD[state]}</span>
      ) : (
        <span className="state-word">{STATE_WORD[state]}</span>
      )}
    </span>
  );
}
