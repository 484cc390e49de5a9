// Why the broker could not answer or start: a machine code plus one sentence
// for the user. A backend may throw any error with a kebab-case `code` and a
// safe `message` (the core's errors qualify); the broker passes those on and
// turns anything else into `internal`, so no stray message reaches a caller.

import { CoreError } from '../errors/core-error';
import type { ErrorCode } from '../errors/error-table';

export class BrokerError extends CoreError {
  constructor(code: string, message: string) {
    // Broker codes are in the error table; a backend's coded error passes through as it is.
    super(code as ErrorCode, message);
    this.name = 'BrokerError';
  }
}

const KEBAB_CODE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** An error whose code and message may go to a caller as they are. */
export function isCodedError(error: unknown): error is Error & { code: string } {
  if (!(error instanceof Error)) return false;
  const code: unknown = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && KEBAB_CODE.test(code);
}
