// The current status message: replaced by the next one, cleared after its
// lifetime (messages.ts), or dismissed by the user.
import { useCallback, useEffect, useState } from 'react';
import { messageLifetimeMs, type StatusMessage } from '../app/messages';

export interface StatusMessageState {
  readonly message: StatusMessage | null;
  report(message: StatusMessage): void;
  dismiss(): void;
}

export function useStatusMessage(): StatusMessageState {
  const [message, setMessage] = useState<StatusMessage | null>(null);
  useEffect(() => {
    const lifetime = message ? messageLifetimeMs(message) : null;
    if (lifetime === null) return;
    const timer = window.setTimeout(() => setMessage(null), lifetime);
    return () => window.clearTimeout(timer);
  }, [message]);
  const dismiss = useCallback(() => setMessage(null), []);
  return { message, report: setMessage, dismiss };
}
