// Everything that crossed the loopback bridge, as the exact text sent, so tests
// can prove no secret ever reached the window.
import type { ApiMethod } from '../../app/shared/api';

export type TrafficDirection =
  /** Arguments the window sent. */
  | 'call'
  /** What the window received back. */
  | 'result'
  /** A snapshot pushed to the window. */
  | 'event';

export interface TrafficEntry {
  readonly direction: TrafficDirection;
  readonly method: ApiMethod | 'onSnapshot';
  readonly text: string;
  readonly at: number;
}

export class BridgeTraffic {
  readonly entries: TrafficEntry[] = [];

  record(direction: TrafficDirection, method: TrafficEntry['method'], text: string): void {
    this.entries.push({ direction, method, text, at: Date.now() });
  }

  /** Everything the window received (results and pushed snapshots). */
  toWindow(): string {
    return this.entries
      .filter((e) => e.direction !== 'call')
      .map((e) => e.text)
      .join('\n');
  }

  /** The calls the window made to `method`, with their parsed arguments. */
  callsTo(method: ApiMethod): unknown[][] {
    return this.entries
      .filter((e) => e.direction === 'call' && e.method === method)
      .map((e) => (JSON.parse(e.text) as { args: unknown[] }).args);
  }

  /** The secrets among `candidates` that appear anywhere in what crossed the bridge. */
  leaked(candidates: Iterable<string>): string[] {
    const all = this.entries.map((e) => e.text).join('\n');
    return [...new Set(candidates)].filter((secret) => secret.length >= 8 && all.includes(secret));
  }
}
