// Sign-in, renewal and sign-out failures: a machine code plus one sentence for
// the user. Messages are built here from codes and names, never copied from a
// response or an exception, so no token, secret or code can leak into them.

import { NoAnswerError } from '../aws/network';
import { CoreError } from '../errors/core-error';

export type AuthErrorCode =
  | 'cancelled'
  | 'timeout'
  | 'access-denied'
  | 'device-code-expired'
  | 'authorization-failed'
  | 'session-ended'
  | 'registration-rejected'
  | 'network'
  | 'no-answer'
  | 'service-error'
  | 'unknown-session'
  | 'session-incomplete'
  | 'write-failed'
  | 'browser-failed';

export class AuthError extends CoreError<AuthErrorCode> {
  constructor(
    code: AuthErrorCode,
    message: string,
    /** The AWS exception name behind it (e.g. `SlowDownException`), when there was one. */
    serviceError: string | null = null,
  ) {
    super(code, message, { serviceError });
    this.name = 'AuthError';
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

interface SdkErrorLike {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** The AWS error name of an SDK exception (e.g. `InvalidGrantException`), or null. */
export function serviceErrorName(error: unknown): string | null {
  const e = error as SdkErrorLike | null;
  return e && typeof e.name === 'string' && e.$metadata?.httpStatusCode !== undefined
    ? e.name
    : null;
}

export function isNetworkError(error: unknown): boolean {
  const e = error as SdkErrorLike | null;
  if (!e) return false;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  return (e.name === 'TimeoutError' || e.name === 'RequestTimeout') && !e.$metadata?.httpStatusCode;
}

/**
 * Turns anything a flow step threw into an AuthError. `what` names the step for
 * the message ("sign in to my-sso"). An abort carries its own AuthError reason.
 */
export function toAuthError(error: unknown, what: string, signal?: AbortSignal): AuthError {
  if (error instanceof AuthError) return error;
  if (error instanceof NoAnswerError) return new AuthError('no-answer', error.message);
  if (signal?.aborted) {
    return signal.reason instanceof AuthError
      ? signal.reason
      : new AuthError('cancelled', `Cancelled: ${what}.`);
  }
  const name = serviceErrorName(error);
  switch (name) {
    case 'AccessDeniedException':
      return new AuthError('access-denied', `Access was denied when trying to ${what}.`, name);
    case 'ExpiredTokenException':
      return new AuthError(
        'device-code-expired',
        `The sign-in code expired before it was confirmed; ${what} again.`,
        name,
      );
    case 'InvalidGrantException':
      return new AuthError(
        'session-ended',
        `IAM Identity Center refused the grant (InvalidGrantException): ${what} in the browser again.`,
        name,
      );
    case 'InvalidClientException':
    case 'UnauthorizedClientException':
      return new AuthError(
        'registration-rejected',
        `IAM Identity Center rejected the client registration (${name}) when trying to ${what}.`,
        name,
      );
  }
  if (name !== null) {
    return new AuthError(
      'service-error',
      `IAM Identity Center answered ${name.replace(/[^\w.-]/g, '')} when trying to ${what}.`,
      name,
    );
  }
  if (isNetworkError(error)) {
    const code = (error as SdkErrorLike).code;
    const detail = typeof code === 'string' ? ` (${code})` : '';
    return new AuthError(
      'network',
      `Could not reach IAM Identity Center${detail} to ${what}. Check the network and try again.`,
    );
  }
  return new AuthError('service-error', `Unexpected failure when trying to ${what}.`);
}
