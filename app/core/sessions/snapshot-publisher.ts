// Publishes the snapshot: rebuilds it when an input changed (a file, a sign-in,
// a renewal, a setting) or when the clock crosses a state boundary (one
// background timer for the next boundary, no polling), and emits it only when
// something a user would see changed.

import type { ProfileView, Snapshot } from '../../shared/model';
import type { Clock, TimerHandle } from '../clock';
import type { ConfigModel } from '../config/config-model';
import { Emitter } from '../events/emitter';
import {
  buildProfileViews,
  buildSnapshot,
  deepFreeze,
  nextBoundary,
  type SnapshotSources,
} from './snapshot-builder';

export class SnapshotPublisher {
  private current: Snapshot;
  private comparable = '';
  private readonly snapshots = new Emitter<Snapshot>();
  private boundaryTimer: TimerHandle | null = null;
  private closed = false;

  readonly onSnapshot = this.snapshots.event;

  constructor(
    private readonly clock: Clock,
    private readonly sources: () => SnapshotSources,
  ) {
    this.current = buildSnapshot(sources(), 0, clock.now());
  }

  snapshot(): Snapshot {
    return this.current;
  }

  /** Rebuilds the snapshot, emits it if anything visible changed, and re-arms the boundary timer. */
  publish(): void {
    if (this.closed) return;
    const sources = this.sources();
    const now = this.clock.now();
    const next = buildSnapshot(sources, this.current.version + 1, now);
    const comparable = JSON.stringify([next.sessions, next.problems]);
    if (comparable !== this.comparable || next.profiles !== this.current.profiles) {
      this.comparable = comparable;
      this.current = next;
      this.snapshots.fire(next);
    }
    this.armBoundaryTimer(sources, now);
  }

  close(): void {
    this.closed = true;
    this.boundaryTimer?.cancel();
    this.boundaryTimer = null;
    this.snapshots.dispose();
  }

  private armBoundaryTimer(sources: SnapshotSources, now: number): void {
    this.boundaryTimer?.cancel();
    this.boundaryTimer = null;
    const next = nextBoundary(sources, now);
    if (next === null) return;
    this.boundaryTimer = this.clock.setTimer(
      next - now,
      () => {
        this.boundaryTimer = null;
        this.publish();
      },
      { background: true },
    );
  }
}

/**
 * Profile views, rebuilt only when the config or the account names changed, and
 * kept as the same array when their content is the same, so views (and the
 * publisher) can compare them by identity.
 */
export class ProfileViewsCache {
  private model: ConfigModel | null = null;
  private namesVersion = -1;
  private views: readonly ProfileView[] = deepFreeze([]);
  private json: string | null = null;

  get(model: ConfigModel, accountName: (id: string) => string | null, namesVersion: number) {
    if (model === this.model && namesVersion === this.namesVersion) return this.views;
    this.model = model;
    this.namesVersion = namesVersion;
    const views = buildProfileViews(model, accountName);
    const unchanged =
      views.length === this.views.length &&
      (views.length === 0 || JSON.stringify(views) === (this.json ??= JSON.stringify(this.views)));
    if (!unchanged) {
      this.json = null;
      this.views = deepFreeze(views);
    }
    return this.views;
  }
}
