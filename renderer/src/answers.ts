// The one text for a bridge call that never answered, and the wrapper that
// turns a rejected call into an ordinary error result.
import type { ApiError, ApiResult } from '../../app/shared/api';

export const UNANSWERED: ApiError = {
  code: 'unanswered',
  message: 'SSO Tray did not answer. Try again, or restart it from the tray.',
};

export function answered<T>(call: Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  return call.catch(() => ({ ok: false as const, error: UNANSWERED }));
}
