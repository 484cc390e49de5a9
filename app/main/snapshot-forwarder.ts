// Main-to-renderer snapshots: held back until the renderer says it listens
// (READY_CHANNEL), so nothing is sent into a page that is still loading. Only
// the newest snapshot matters (each one is the whole state), so the queue
// holds one.

import type { Snapshot } from '../shared/model';
import { SNAPSHOT_CHANNEL } from '../shared/api';

export interface SnapshotTarget {
  send(channel: string, snapshot: Snapshot): void;
  isDestroyed(): boolean;
}

export class SnapshotForwarder {
  private latest: Snapshot | null = null;
  private target: SnapshotTarget | null = null;
  private ready = false;

  /** A (re)loading page: hold snapshots until it reports ready. */
  attach(target: SnapshotTarget): void {
    this.target = target;
    this.ready = false;
  }

  detach(): void {
    this.target = null;
    this.ready = false;
  }

  /** The page navigated or reloaded: its listener is gone until it reports ready again. */
  pause(): void {
    this.ready = false;
  }

  markReady(): void {
    this.ready = true;
    this.flush();
  }

  push(snapshot: Snapshot): void {
    this.latest = snapshot;
    this.flush();
  }

  private flush(): void {
    const target = this.target;
    if (!this.ready || !target || !this.latest) return;
    if (target.isDestroyed()) {
      this.detach();
      return;
    }
    target.send(SNAPSHOT_CHANNEL, this.latest);
  }
}
