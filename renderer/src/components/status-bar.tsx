// One line at the bottom for the result of the last action. Fixed height, so
// messages never push the list around; announced politely to screen readers.
import { createContext, use } from 'react';
import type { ApiError } from '../../../app/shared/api';
import type { Snapshot } from '../../../app/shared/model';

export interface StatusMessage {
  readonly tone: 'info' | 'success' | 'error';
  readonly text: string;
  readonly action?: { readonly label: string; readonly run: () => void };
}

export interface Reporter {
  report(message: StatusMessage): void;
  reportError(error: ApiError): void;
}

export const ReporterContext = createContext<Reporter | null>(null);

export function useReporter(): Reporter {
  const reporter = use(ReporterContext);
  if (!reporter) throw new Error('ReporterContext is missing');
  return reporter;
}

/** What the status line says when nothing happened yet: counts and what needs attention. */
export function summarize(snapshot: Snapshot | null): string {
  if (!snapshot) return '';
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const attention = (['expired', 'expiring', 'invalid'] as const)
    .map((state) => [state, snapshot.sessions.filter((s) => s.state === state).length] as const)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${state === 'expiring' ? 'expiring soon' : state}`);
  return [
    count(snapshot.sessions.length, 'session'),
    count(snapshot.profiles.length, 'profile'),
    ...attention,
  ].join(' · ');
}

export function StatusBar({ message, idle }: { message: StatusMessage | null; idle: string }) {
  return (
    <footer className="status-bar">
      <div
        role="status"
        aria-live="polite"
        data-testid="status-message"
        className={`status-text tone-${message?.tone ?? 'info'}`}
        title={message?.text ?? idle}
      >
        {message?.text ?? ''}
      </div>
      {message ? null : <div className="status-idle truncate">{idle}</div>}
      {message?.action ? (
        <button type="button" className="button primary" onClick={message.action.run}>
          {message.action.label}
        </button>
      ) : null}
    </footer>
  );
}
