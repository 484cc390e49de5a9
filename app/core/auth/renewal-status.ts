// The one truth about silent renewal, per session: automatic, off (the user's
// setting), failing (retrying, with the reason), or not possible (with the
// reason). Pure: the snapshot, the tray, the notices and `sso-tray status` all
// read its answer from the snapshot; none recomputes it.

import type { Renewal, SessionKind } from '../../shared/model';
import type { TokenStatus } from '../sessions/session-state';

/** What the renewal scheduler knows about the current token of a session. */
export type RenewalTrouble =
  /** Identity Center refused it (or it cannot be renewed): only a browser sign-in helps. */
  | { readonly kind: 'refused'; readonly message: string }
  /** Attempts failed (network, service); they are retried. */
  | { readonly kind: 'failing'; readonly message: string; readonly retryAt: number };

export interface RenewalInputs {
  readonly kind: SessionKind;
  readonly status: TokenStatus;
  readonly now: number;
  /** The user's setting. */
  readonly enabled: boolean;
  readonly trouble: RenewalTrouble | null;
}

const notPossible = (reason: string): Renewal => ({ mode: 'not-possible', reason });

export function renewalOf({ kind, status, now, enabled, trouble }: RenewalInputs): Renewal {
  if (kind === 'legacy') {
    return notPossible(
      'Legacy profiles (sso_start_url in the profile) cannot renew silently; an [sso-session] with sso_registration_scopes can.',
    );
  }
  if (status.kind === 'absent') return notPossible('Not signed in.');
  if (status.kind === 'unreadable') return notPossible('The cached sign-in cannot be read.');
  if (trouble?.kind === 'refused') return notPossible(trouble.message);
  const { token } = status;
  if (token.refreshToken === null) {
    return notPossible(
      'This sign-in has no refresh token: add sso_registration_scopes = sso:account:access to the [sso-session] and sign in again.',
    );
  }
  if (token.clientId === null || token.clientSecret === null) {
    return notPossible('The cached sign-in lacks the client registration a renewal needs.');
  }
  if (token.registrationExpiresAt === null || token.registrationExpiresAt <= now) {
    return notPossible('The client registration has expired; sign in again to renew.');
  }
  if (!enabled) return { mode: 'off', reason: 'Silent renewal is turned off in Preferences.' };
  if (trouble?.kind === 'failing') {
    return {
      mode: 'failing',
      reason: trouble.message,
      retryAt: new Date(trouble.retryAt).toISOString(),
    };
  }
  return { mode: 'automatic', reason: null };
}
