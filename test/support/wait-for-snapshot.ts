// Waits for the service to emit a snapshot that satisfies a predicate (event-driven, no polling).
import type { Snapshot } from '../../app/shared/model';

interface SnapshotSource {
  snapshot(): Snapshot;
  onSnapshot(listener: (snapshot: Snapshot) => void): () => void;
}

export function waitForSnapshot(
  source: SnapshotSource,
  predicate: (snapshot: Snapshot) => boolean,
  timeoutMs = 1_000,
  what = 'snapshot',
): Promise<Snapshot> {
  if (predicate(source.snapshot())) return Promise.resolve(source.snapshot());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const unsubscribe = source.onSnapshot((snapshot) => {
      if (!predicate(snapshot)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(snapshot);
    });
  });
}
