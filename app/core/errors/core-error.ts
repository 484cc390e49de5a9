// The one base type of every failure the core reports: a machine code, one
// sentence a user may read (built from names, never copied from a response, so
// no token or key can leak into it), and the session whose sign-in fixes it.
// The table in error-table.ts maps every code to what it means for people and
// for exit statuses.

import type { ErrorCode } from './error-table';

export interface CoreErrorOptions {
  /** Signing in to this session fixes it. */
  readonly signInSession?: string | null;
  /** The AWS exception name behind it (e.g. `SlowDownException`), when there was one. */
  readonly serviceError?: string | null;
}

export class CoreError<C extends ErrorCode = ErrorCode> extends Error {
  readonly signInSession: string | null;
  readonly serviceError: string | null;

  constructor(
    readonly code: C,
    message: string,
    options: CoreErrorOptions = {},
  ) {
    super(message);
    this.name = 'CoreError';
    this.signInSession = options.signInSession ?? null;
    this.serviceError = options.serviceError ?? null;
  }
}

export const isCoreError = (error: unknown): error is CoreError => error instanceof CoreError;
