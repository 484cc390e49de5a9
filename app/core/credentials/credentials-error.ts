// Why role credentials (or a console link) could not be had: a machine code,
// one sentence for the user, and the action that fixes it. Messages are built
// from names only, never from a response, so no token or key can leak.

import type { ApiError } from '../../shared/api';
import { CoreError } from '../errors/core-error';

export type CredentialsErrorCode =
  | 'unknown-profile'
  | 'not-sso-profile'
  | 'profile-incomplete'
  /** No token file for the session: sign in. */
  | 'not-signed-in'
  /** The token expired, or the portal says it was revoked (UnauthorizedException): sign in. */
  | 'session-expired'
  /** The signed-in user has no access to this account and role. */
  | 'access-denied'
  | 'network'
  /** A deadline passed: the service named in the message did not answer. */
  | 'no-answer'
  | 'service-error'
  /** A value the user passed (a destination URL, say) cannot be used. */
  | 'invalid-argument'
  /** A role chain the AWS CLI refuses too: missing source profile, loop, source without credentials. */
  | 'chain-invalid'
  /** A credential source sso-tray does not implement (credential_source, web identity, ...). */
  | 'not-supported'
  /** The role needs an MFA code and there is no way to ask the user for one. */
  | 'mfa-unavailable'
  /** The user was asked for the MFA code and cancelled (Ctrl-C, Cancel, closed the prompt). */
  | 'mfa-cancelled';

export class CredentialsError extends CoreError<CredentialsErrorCode> {
  constructor(
    code: CredentialsErrorCode,
    message: string,
    /** Set when signing in to this session fixes it. */
    signInSession: string | null = null,
  ) {
    super(code, message, { signInSession });
    this.name = 'CredentialsError';
  }

  toApiError(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.signInSession === null
        ? {}
        : { action: { kind: 'sign-in' as const, session: this.signInSession } }),
    };
  }
}
