// What the window shows of the broker this process runs (BrokerSummary): built
// from the broker's status, without the container token's file, and worded
// from what the caller reported (Node cannot read a socket peer's pid or name,
// so the broker can only repeat what the client said; docs/broker-protocol.md).

import type { BrokerSummary } from '../../shared/api';
import type { Broker } from './broker';
import type { CallerInfo } from './broker-protocol';

/** Recent calls the window lists; the broker keeps a few more. */
export const RECENT_CALLS_SHOWN = 10;

/** The broker of this process: none started yet, running, refused at start, or stopped. */
export type BrokerState =
  | { readonly kind: 'not-started' }
  | { readonly kind: 'running'; readonly broker: Broker }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'stopped' };

/** "python3 (pid 4242)", "pid 4242", "aws-cli/2.9.19 (container endpoint)". */
export function callerText(caller: CallerInfo): string {
  if (caller.via === 'container-endpoint') {
    return `${caller.name ?? 'A program'} (container endpoint)`;
  }
  if (caller.name !== null && caller.pid !== null) return `${caller.name} (pid ${caller.pid})`;
  if (caller.pid !== null) return `pid ${caller.pid}`;
  return caller.name ?? 'A program that did not say its name';
}

export function brokerSummaryOf(state: BrokerState): BrokerSummary {
  switch (state.kind) {
    case 'not-started':
      return { running: false, detail: 'The credentials broker is not running in this app.' };
    case 'refused':
      return { running: false, detail: state.message };
    case 'stopped':
      return { running: false, detail: 'The credentials broker has stopped.' };
    case 'running': {
      const status = state.broker.status();
      return {
        running: true,
        detail: `Running (pid ${status.pid}).`,
        startedAt: status.startedAt,
        addressKind: state.broker.address.kind === 'pipe' ? 'pipe' : 'socket',
        address: status.address,
        containerUrl: status.containerEndpoint?.url ?? null,
        waiting: status.waiting.map((request) => ({
          profile: request.profile,
          caller: callerText(request.caller),
          since: request.since,
        })),
        recent: status.recent.slice(0, RECENT_CALLS_SHOWN).map((call) => ({
          profile: call.profile,
          caller: callerText(call.caller),
          at: call.at,
          outcome: call.outcome,
        })),
      };
    }
  }
}
