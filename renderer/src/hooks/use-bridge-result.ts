// Loads one result from the bridge for a key: again whenever the key changes
// or on reload(), never showing a late answer for an older key. The one way
// views load data (export previews, diagnoses, discoveries).
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { ApiResult } from '../../../app/shared/api';
import { answered } from '../answers';

export interface BridgeResult<T> {
  /** The answer for the current key, or null while it loads (or with no key). */
  readonly result: ApiResult<T> | null;
  readonly loading: boolean;
  reload(): void;
}

/** `key` names what `load` asks for; null loads nothing. */
export function useBridgeResult<T>(
  key: string | null,
  load: () => Promise<ApiResult<T>>,
): BridgeResult<T> {
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<{ key: string; result: ApiResult<T> } | null>(null);
  const current = key === null ? null : `${attempt}\n${key}`;
  // The latest `load` is called, without making every render a new request.
  const run = useEffectEvent(load);

  useEffect(() => {
    if (current === null) return;
    let live = true;
    void answered(run()).then((result) => {
      if (live) setAnswer({ key: current, result });
    });
    return () => {
      live = false;
    };
  }, [current]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const fresh = answer !== null && answer.key === current;
  return { result: fresh ? answer.result : null, loading: current !== null && !fresh, reload };
}
