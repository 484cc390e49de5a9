// ApiResult helpers shared by the API groups: every failure becomes an
// ApiError with the core error's code and sentence (never a stack trace), and
// a "Sign in" action when signing in fixes it.
import type { ApiError, ApiResult } from '../../shared/api';
import { CoreError } from '../errors/core-error';

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
export const fail = (error: ApiError): ApiResult<never> => ({ ok: false, error });

export function toApiError(error: unknown): ApiError {
  if (error instanceof CoreError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.signInSession === null
        ? {}
        : { action: { kind: 'sign-in' as const, session: error.signInSession } }),
    };
  }
  const code = (error as { code?: unknown })?.code;
  return {
    code: typeof code === 'string' ? code : 'unexpected',
    message: error instanceof Error ? error.message : 'Something went wrong.',
  };
}

/** Runs one API call: its value, or its failure as an ApiError. */
export async function attempt<T>(run: () => Promise<T>): Promise<ApiResult<T>> {
  try {
    return ok(await run());
  } catch (error) {
    return fail(toApiError(error));
  }
}
