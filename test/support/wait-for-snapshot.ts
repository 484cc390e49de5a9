// Waits for the service to emit a snapshot that satisfies a predicate (event-driven, no polling).
// No deadline of its own: the test's timeout bounds the wait, so a loaded machine is not a failure.
import type { Snapshot } from '../../app/shared/model';

interface SnapshotSource {
  snapshot(): Snapshot;
  onSnapshot(listener: (snapshot: Snapshot) => void): () => void;
}

export function waitForSnapshot(
  source: SnapshotSource,
  predicate: (snapshot: Snapshot) => boolean,
): Promise<Snapshot> {
  if (predicate(source.snapshot())) return Promise.resolve(source.snapshot());
  return new Promise((resolve) => {
    const unsubscribe = source.onSnapshot((snapshot) => {
      if (!predicate(snapshot)) return;
      unsubscribe();
      resolve(snapshot);
    });
  });
}
