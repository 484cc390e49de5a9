// The latest snapshot from the app: one getSnapshot, then every pushed one.
// Versions only grow, so a late reply never replaces a newer push.
import { useEffect, useState } from 'react';
import type { SsoTrayApi } from '../../../app/shared/api';
import type { Snapshot } from '../../../app/shared/model';
import { UNANSWERED } from '../answers';
import { markSnapshotReceived } from '../perf-marks';

export type SnapshotState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly snapshot: Snapshot }
  | { readonly kind: 'failed'; readonly message: string };

export function useSnapshot(api: SsoTrayApi): SnapshotState {
  const [state, setState] = useState<SnapshotState>({ kind: 'loading' });
  useEffect(() => {
    let closed = false;
    const accept = (snapshot: Snapshot) => {
      if (closed) return;
      markSnapshotReceived();
      setState((current) =>
        current.kind === 'ready' && current.snapshot.version > snapshot.version
          ? current
          : { kind: 'ready', snapshot },
      );
    };
    const unsubscribe = api.onSnapshot(accept);
    api.getSnapshot().then(accept, (error: unknown) => {
      if (closed) return;
      setState((current) =>
        current.kind === 'ready'
          ? current
          : {
              kind: 'failed',
              message: error instanceof Error ? error.message : UNANSWERED.message,
            },
      );
    });
    return () => {
      closed = true;
      unsubscribe();
    };
  }, [api]);
  return state;
}
