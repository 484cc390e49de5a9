// Pure decisions about a session's state at a given time, and when it next
// changes. `expiring` means: inside the warning lead and not going to renew by
// itself, whatever the reason (renewal off, failing, not possible).

import type { RenewalMode, SessionState } from '../../shared/model';
import type { CachedToken } from '../token-cache/token-file';

export const DEFAULT_WARNING_LEAD_MS = 15 * 60_000;

export type TokenStatus =
  | { readonly kind: 'absent' }
  | { readonly kind: 'unreadable'; readonly reason: string }
  | { readonly kind: 'token'; readonly token: CachedToken; readonly writtenAt: number | null };

export function sessionState(
  status: TokenStatus,
  now: number,
  warningLeadMs: number,
  renewal: RenewalMode,
): SessionState {
  if (status.kind === 'absent') return 'signed-out';
  if (status.kind === 'unreadable') return 'invalid';
  const { expiresAt } = status.token;
  if (expiresAt <= now) return 'expired';
  if (renewal !== 'automatic' && expiresAt - now <= warningLeadMs) return 'expiring';
  return 'valid';
}

/**
 * The next instant after `now` at which sessionState() can give another
 * answer for this token: entering the warning window (unless it renews by
 * itself then), expiry, or the client registration lapsing (which ends
 * automatic renewal). `renewalAt(t)` is the renewal mode at time t.
 */
export function nextStateChange(
  status: TokenStatus,
  now: number,
  warningLeadMs: number,
  renewalAt: (time: number) => RenewalMode,
): number | null {
  if (status.kind !== 'token') return null;
  const { token } = status;
  const warningAt = token.expiresAt - warningLeadMs;
  const candidates = [token.expiresAt];
  if (renewalAt(warningAt) !== 'automatic') candidates.push(warningAt);
  if (token.registrationExpiresAt !== null) candidates.push(token.registrationExpiresAt);
  const future = candidates.filter((t) => t > now);
  return future.length ? Math.min(...future) : null;
}
