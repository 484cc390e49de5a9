// The result of the user's last action, shown in the status line (and, for a
// copy, in a toast with the masked text). Messages that need nothing from the
// user clear by themselves; errors and offers of an action stay until replaced
// or dismissed.

export type MessageTone = 'info' | 'success' | 'error';

export interface StatusMessage {
  readonly tone: MessageTone;
  readonly text: string;
  /** What the user can do about it, e.g. sign in. */
  readonly action?: { readonly label: string; readonly run: () => void };
  /** A copy's masked preview, never the secret itself. */
  readonly preview?: string;
  /** One more line under a preview, e.g. when the clipboard clears. */
  readonly note?: string;
}

export const MESSAGE_LIFETIME_MS = 6000;

/** How long a message stays; null until the user dismisses or replaces it. */
export function messageLifetimeMs(message: StatusMessage): number | null {
  if (message.tone === 'error' || message.action) return null;
  return MESSAGE_LIFETIME_MS;
}

/**
 * What the status line shows next, and when: the message goes after its
 * lifetime; a message that stays (it offers an action) loses its preview
 * toast then, so the toast never covers the window for long.
 */
export function nextMessage(
  message: StatusMessage,
): { readonly afterMs: number; readonly next: StatusMessage | null } | null {
  const lifetime = messageLifetimeMs(message);
  if (lifetime !== null) return { afterMs: lifetime, next: null };
  if (message.preview === undefined) return null;
  const { preview: _preview, note: _note, ...rest } = message;
  return { afterMs: MESSAGE_LIFETIME_MS, next: rest };
}
