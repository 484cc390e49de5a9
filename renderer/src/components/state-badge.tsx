// A session's state as icon + word + colour, never colour alone.
import type { SessionState } from '../../../app/shared/model';
import { STATE_WORD } from '../session-words';
import { Icon, STATE_ICON } from './icons';

export function StateBadge({ state, compact = false }: { state: SessionState; compact?: boolean }) {
  return (
    <span className={`state state-${state}`} data-state={state}>
      <Icon name={STATE_ICON[state]} />
      {compact ? (
        <span className="visually-hidden">{STATE_WORD[state]}</span>
      ) : (
        <span className="state-word">{STATE_WORD[state]}</span>
      )}
    </span>
  );
}
