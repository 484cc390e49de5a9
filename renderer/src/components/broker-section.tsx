// The credentials broker this app runs, in the Diagnostics view: whether it
// runs (or why not), where tools reach it, the requests it is answering and
// the last callers. Names and pids are what each caller said about itself.
import { useId } from 'react';
import type {
  BrokerRecentCall,
  BrokerSummary,
  BrokerWaitingRequest,
  SsoTrayApi,
} from '../../../app/shared/api';
import type { Snapshot } from '../../../app/shared/model';
import { useBroker } from '../hooks/use-broker';
import { Icon } from './icons';
import { TimeText } from './time-text';

const ADDRESS_LABEL = { socket: 'Socket', pipe: 'Named pipe' } as const;

function WaitingList({ waiting }: { waiting: readonly BrokerWaitingRequest[] }) {
  const id = useId();
  return (
    <>
      <h4 id={id}>Waiting now ({waiting.length})</h4>
      <ul className="broker-calls" aria-labelledby={id}>
        {waiting.map((request, index) => (
          <li key={`${request.since}:${index}`} data-caller={request.caller}>
            <span className="broker-caller">{request.caller}</span>{' '}
            <span className="hint">
              {request.profile} · <TimeText kind="ago" iso={request.since} prefix="asked " />
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

function Outcome({ outcome }: { outcome: string }) {
  return outcome === 'ok' ? (
    <span className="severity severity-ok">
      <Icon name="check" />
      Answered
    </span>
  ) : (
    <span className="severity severity-error">
      <Icon name="alert" />
      {outcome}
    </span>
  );
}

function RecentList({
  recent,
  anyWaiting,
}: {
  recent: readonly BrokerRecentCall[];
  anyWaiting: boolean;
}) {
  const id = useId();
  return (
    <>
      <h4 id={id}>Recent callers</h4>
      {recent.length === 0 ? (
        <p className="hint">{anyWaiting ? 'None answered yet.' : 'No tool has asked yet.'}</p>
      ) : (
        <ul className="broker-calls" aria-labelledby={id}>
          {recent.map((call, index) => (
            <li key={`${call.at}:${index}`} data-caller={call.caller} data-outcome={call.outcome}>
              <span className="broker-caller">{call.caller}</span>{' '}
              <span className="hint">
                {call.profile} · <Outcome outcome={call.outcome} /> ·{' '}
                <TimeText kind="ago" iso={call.at} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Running({ summary }: { summary: Extract<BrokerSummary, { running: true }> }) {
  return (
    <>
      <p className="broker-state" data-running="true">
        <Icon name="check" />
        <span>
          {summary.detail} <TimeText kind="ago" iso={summary.startedAt} prefix="Started " />
        </span>
      </p>
      <dl className="facts">
        <div className="fact">
          <dt>{ADDRESS_LABEL[summary.addressKind]}</dt>
          <dd className="path" data-testid="broker-address">
            {summary.address}
          </dd>
        </div>
        <div className="fact">
          <dt>Container endpoint</dt>
          <dd className="path" data-testid="broker-container-url">
            {summary.containerUrl ?? 'Off'}
          </dd>
        </div>
      </dl>
      {summary.waiting.length > 0 ? <WaitingList waiting={summary.waiting} /> : null}
      <RecentList recent={summary.recent} anyWaiting={summary.waiting.length > 0} />
      <p className="hint">
        Names and pids are what each tool reported about itself: the app cannot check who is on the
        other end of the socket. Container-endpoint callers are named by their User-Agent.
      </p>
    </>
  );
}

export function BrokerSection({
  api,
  snapshot,
}: {
  api: Pick<SsoTrayApi, 'getBroker'>;
  snapshot: Snapshot | null;
}) {
  const titleId = useId();
  const load = useBroker(api, snapshot);
  return (
    <section className="broker" aria-labelledby={titleId} data-testid="broker">
      <h3 id={titleId}>Credentials broker</h3>
      {load.kind === 'loading' ? (
        <p className="hint">Asking the broker…</p>
      ) : load.kind === 'failed' ? (
        <p className="notice" role="note">
          {load.message}
        </p>
      ) : load.summary.running ? (
        <Running summary={load.summary} />
      ) : (
        <p className="notice broker-state" data-running="false" role="note">
          <Icon name="circle" />
          <span>{load.summary.detail}</span>
        </p>
      )}
    </section>
  );
}
