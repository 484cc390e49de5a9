// ApiResult helpers shared by the API groups.
import type { ApiError, ApiResult } from '../../shared/api';

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
export const fail = (error: ApiError): ApiResult<never> => ({ ok: false, error });

/** Turns an unexpected exception into a safe message (no stack, no secrets). */
export function unexpected(error: unknown): ApiResult<never> {
  const code = (error as { code?: unknown })?.code;
  return fail({
    code: typeof code === 'string' ? code : 'unexpected',
    message: error instanceof Error ? error.message : 'Something went wrong.',
  });
}

/** Placeholder result for a method whose module has not landed yet. */
export const notAvailable = (what: string) =>
  Promise.resolve(
    fail({ code: 'not-available', message: `${what} is not available in this build.` }),
  );
