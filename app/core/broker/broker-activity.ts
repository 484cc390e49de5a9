// What the broker is doing, for the window, the tray and `sso-tray serve`'s
// log: the requests being answered now and the last few answered, each with
// its profile and caller. No credentials ever go in here.

import type { Clock } from '../clock';
import type { CallerInfo, RecentCall, WaitingRequest } from './broker-protocol';

export const RECENT_CALLS_KEPT = 20;

export type ActivityEvent =
  | { readonly kind: 'started'; readonly request: WaitingRequest }
  | { readonly kind: 'finished'; readonly request: WaitingRequest; readonly call: RecentCall };

export interface ActivityTicket {
  /** `ok`, or the error code the caller got. Only the first call counts. */
  finish(outcome: string): void;
}

export class BrokerActivity {
  private nextId = 1;
  private readonly inFlight = new Map<number, WaitingRequest>();
  private recentCalls: RecentCall[] = [];
  private readonly listeners = new Set<(event: ActivityEvent) => void>();

  constructor(private readonly clock: Clock) {}

  /** Subscribes; returns the function that unsubscribes. */
  onEvent(listener: (event: ActivityEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  begin(profile: string, caller: CallerInfo): ActivityTicket {
    const request: WaitingRequest = {
      id: this.nextId++,
      profile,
      caller,
      since: new Date(this.clock.now()).toISOString(),
    };
    this.inFlight.set(request.id, request);
    this.emit({ kind: 'started', request });
    let finished = false;
    return {
      finish: (outcome) => {
        if (finished) return;
        finished = true;
        this.inFlight.delete(request.id);
        const call: RecentCall = {
          profile,
          caller,
          at: new Date(this.clock.now()).toISOString(),
          outcome,
        };
        this.recentCalls = [call, ...this.recentCalls].slice(0, RECENT_CALLS_KEPT);
        this.emit({ kind: 'finished', request, call });
      },
    };
  }

  /** Requests being answered now, oldest first. */
  waiting(): readonly WaitingRequest[] {
    return [...this.inFlight.values()];
  }

  /** The last answered requests, newest first. */
  recent(): readonly RecentCall[] {
    return this.recentCalls;
  }

  private emit(event: ActivityEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A view's bug must not break answering tools.
      }
    }
  }
}
