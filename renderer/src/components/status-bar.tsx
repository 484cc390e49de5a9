// The bottom of the window: the result of the last action (announced politely
// to screen readers, with a toast showing what a copy put on the clipboard,
// masked), or, when there is none, the sessions that need attention as buttons
// that filter the list to them.
import type { StatusMessage } from '../app/messages';
import { STATE_COUNT_WORD, type AttentionState } from '../session-words';
import { Icon } from './icons';

export interface StateCount {
  readonly state: AttentionState;
  readonly count: number;
}

interface StatusBarProps {
  readonly message: StatusMessage | null;
  readonly onDismiss: () => void;
  readonly counts: readonly StateCount[];
  readonly totals: { readonly sessions: number; readonly profiles: number } | null;
  readonly filter: AttentionState | null;
  readonly onFilter: (state: AttentionState | null) => void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function Counts({
  counts,
  totals,
  filter,
  onFilter,
}: Omit<StatusBarProps, 'message' | 'onDismiss'>) {
  if (!totals) return null;
  if (counts.length === 0) {
    return (
      <div className="status-idle">
        {plural(totals.sessions, 'session')} · {plural(totals.profiles, 'profile')}
      </div>
    );
  }
  return (
    <div className="state-counts" role="group" aria-label="Show only sessions that are">
      {counts.map(({ state, count }) => (
        <button
          key={state}
          type="button"
          className={`count-button state-${state}`}
          data-state={state}
          aria-pressed={filter === state}
          onClick={() => onFilter(filter === state ? null : state)}
        >
          {count} {STATE_COUNT_WORD[state]}
        </button>
      ))}
    </div>
  );
}

export function StatusBar(props: StatusBarProps) {
  const { message, onDismiss } = props;
  return (
    <footer className="status-bar">
      {message?.preview !== undefined ? (
        <div className={`toast tone-${message.tone}`} data-testid="copy-toast">
          <pre
            className="code-block toast-preview"
            tabIndex={0}
            aria-label="What was copied, masked"
          >
            {message.preview}
          </pre>
          {message.note ? <p className="toast-note">{message.note}</p> : null}
        </div>
      ) : null}
      <div className="status-line">
        <div
          role="status"
          aria-live="polite"
          data-testid="status-message"
          className={`status-text tone-${message?.tone ?? 'info'}`}
        >
          {message?.tone === 'success' ? <Icon name="check" /> : null}
          {message?.text ?? ''}
        </div>
        {message ? null : <Counts {...props} />}
        {message?.action ? (
          <button type="button" className="button primary" onClick={message.action.run}>
            {message.action.label}
          </button>
        ) : null}
        {message ? (
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss the message"
            title="Dismiss"
            onClick={onDismiss}
          >
            <Icon name="cross" />
          </button>
        ) : null}
      </div>
    </footer>
  );
}
