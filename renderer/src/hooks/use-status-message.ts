// The current status message: replaced by the next one, cleared (or its
// toast folded away) after its lifetime (messages.ts), or dismissed by the user.
import { useCallback, useEffect, useState } from 'react';
import { nextMessage, type StatusMessage } from '../app/messages';

export interface StatusMessageState {
  readonly message: StatusMessage | null;
  report(message: StatusMessage): void;
  dismiss(): void;
}

export function useStatusMessage(): StatusMessageState {
  const [message, setMessage] = useState<StatusMessage | null>(null);
  useEffect(() => {
    const step = message ? nextMessage(message) : null;
    if (step === null) return;
    const timer = window.setTimeout(() => setMessage(step.next), step.afterMs);
    return () => window.clearTimeout(timer);
  }, [message]);
  const dismiss = useCallback(() => setMessage(null), []);
  return { message, report: setMessage, dismiss };
}
