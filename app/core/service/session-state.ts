// Pure decisions about a session's state at a given time, and when it next changes.

import type { SessionKind, SessionState } from '../../shared/model';
import { isRefreshable, type CachedToken } from '../cache/token-file';

export const DEFAULT_WARNING_LEAD_MS = 15 * 60_000;

export type TokenStatus =
  | { readonly kind: 'absent' }
  | { readonly kind: 'unreadable'; readonly reason: string }
  | { readonly kind: 'token'; readonly token: CachedToken; readonly writtenAt: number | null };

export interface StateAtTime {
  readonly state: SessionState;
  readonly refreshable: boolean;
  readonly expiresAt: number | null;
}

/** Only sso-session tokens can be renewed silently (legacy profiles have no refresh). */
export function canRenew(kind: SessionKind, token: CachedToken, now: number): boolean {
  return kind === 'sso-session' && isRefreshable(token, now);
}

/**
 * `renewalRefused`: Identity Center already refused to renew this very token
 * (its session ended), so however renewable the file looks, it is not.
 */
export function stateAt(
  kind: SessionKind,
  status: TokenStatus,
  now: number,
  warningLeadMs: number,
  renewalRefused = false,
): StateAtTime {
  if (status.kind === 'absent') return { state: 'signed-out', refreshable: false, expiresAt: null };
  if (status.kind === 'unreadable')
    return { state: 'invalid', refreshable: false, expiresAt: null };
  const { token } = status;
  const refreshable = !renewalRefused && canRenew(kind, token, now);
  let state: SessionState = 'valid';
  if (token.expiresAt <= now) state = 'expired';
  else if (!refreshable && token.expiresAt - now <= warningLeadMs) state = 'expiring';
  return { state, refreshable, expiresAt: token.expiresAt };
}

/**
 * The next instant after `now` at which stateAt() can give another answer for
 * this token: entering the warning window (only for a token that will not be
 * renewable then), expiry, or the registration lapsing.
 */
export function nextStateChange(
  kind: SessionKind,
  status: TokenStatus,
  now: number,
  warningLeadMs: number,
  renewalRefused = false,
): number | null {
  if (status.kind !== 'token') return null;
  const { token } = status;
  const warningAt = token.expiresAt - warningLeadMs;
  const candidates = [token.expiresAt];
  // A token still renewable when the warning window opens stays `valid` there.
  if (renewalRefused || !canRenew(kind, token, warningAt)) candidates.push(warningAt);
  if (kind === 'sso-session' && token.registrationExpiresAt !== null) {
    candidates.push(token.registrationExpiresAt);
  }
  const future = candidates.filter((t) => t > now);
  return future.length ? Math.min(...future) : null;
}
