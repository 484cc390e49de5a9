// The tiny client: connect to the broker, send one request line, read one
// answer line (docs/broker-protocol.md). `sso-tray credential-process` runs
// it on every call of every tool, so it imports node built-ins and the two
// small broker modules only: no AWS SDK, no zod, no config readers.
//
// "No broker" (no socket file, or a file nobody listens on) is its own fast
// answer, code `no-broker`, so the caller can fall back to today's behaviour.

import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { brokerAddresses, type BrokerAddress } from './broker-location';
import {
  ANSWER_GRACE_SECONDS,
  DEFAULT_WAIT_SECONDS,
  encodeLine,
  MAX_ANSWER_BYTES,
  PROTOCOL_VERSION,
  RESULT_KEY,
  type BrokerOp,
  type BrokerRequest,
  type OpResults,
  type ReportedCaller,
  type WireError,
} from './broker-protocol';

export const DEFAULT_CONNECT_TIMEOUT_MS = 2000;
/** ping and status answer at once; this only bounds a broker that hangs. */
export const QUICK_ANSWER_TIMEOUT_MS = 5000;
/** The broker answers `timeout` itself at its deadline; the client waits a little longer. */
const ANSWER_SLACK_MS = 5000;

export type BrokerReply<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: WireError };

/** One exchange with one address. `no-broker`: nothing there, or a socket file nobody answers on. */
export type Exchange =
  | { readonly kind: 'answer'; readonly answer: Record<string, unknown> }
  | { readonly kind: 'no-broker'; readonly reason: 'absent' | 'refused' }
  | { readonly kind: 'failed'; readonly error: WireError };

export interface ExchangeDeadlines {
  readonly connectTimeoutMs: number;
  readonly answerTimeoutMs: number;
}

/**
 * A broker answers every request it takes, even when it stops (`shutting-down`),
 * so a connection that ends without an answer means it died (killed, crashed).
 * The tool's user reads this in the tool's error: say what happened and what to do.
 */
const BROKER_GONE =
  'The SSO Tray broker stopped before it answered; start it again (the SSO Tray app or `sso-tray serve`) and retry.';

const failed = (code: string, message: string): Exchange => ({
  kind: 'failed',
  error: { code, message },
});

export function exchange(
  address: BrokerAddress,
  request: BrokerRequest,
  deadlines: ExchangeDeadlines,
): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect(address.path);
    let connected = false;
    let settled = false;
    let received = Buffer.alloc(0);
    const finish = (result: Exchange) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    let timer = setTimeout(
      () =>
        finish(
          failed(
            'connect-timeout',
            `The broker at ${address.path} did not accept the connection in time.`,
          ),
        ),
      deadlines.connectTimeoutMs,
    );
    socket.once('connect', () => {
      connected = true;
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          finish(failed('answer-timeout', `The broker at ${address.path} did not answer in time.`)),
        deadlines.answerTimeoutMs,
      );
      socket.write(encodeLine(request));
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf(0x0a);
      if (end === -1) {
        if (received.length > MAX_ANSWER_BYTES)
          finish(failed('bad-answer', 'The broker sent an oversized answer.'));
        return;
      }
      let answer: unknown;
      try {
        answer = JSON.parse(received.subarray(0, end).toString('utf8'));
      } catch {
        finish(failed('bad-answer', 'The broker sent an answer that is not JSON.'));
        return;
      }
      if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
        finish(failed('bad-answer', 'The broker sent an answer that is not a JSON object.'));
        return;
      }
      finish({ kind: 'answer', answer: answer as Record<string, unknown> });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) {
        finish({ kind: 'no-broker', reason: 'absent' });
      } else if (!connected && error.code === 'ECONNREFUSED') {
        finish({ kind: 'no-broker', reason: 'refused' });
      } else if (!connected) {
        finish(
          failed(
            'unreachable',
            `Cannot reach the broker at ${address.path} (${error.code ?? error.message}).`,
          ),
        );
      } else {
        finish(failed('connection-lost', BROKER_GONE));
      }
    });
    socket.on('close', () => finish(failed('connection-lost', BROKER_GONE)));
  });
}

function readReply<Op extends BrokerOp>(
  op: Op,
  answer: Record<string, unknown>,
): BrokerReply<OpResults[Op]> {
  if (answer.v !== PROTOCOL_VERSION) {
    return {
      ok: false,
      error: {
        code: 'unsupported-version',
        message: `The broker answered with protocol version ${JSON.stringify(answer.v)}; this sso-tray speaks ${PROTOCOL_VERSION}. Update one of them.`,
      },
    };
  }
  const error = answer.error as Record<string, unknown> | undefined;
  if (answer.ok === false && typeof error?.code === 'string' && typeof error.message === 'string') {
    return { ok: false, error: { code: error.code, message: error.message } };
  }
  const value = answer[RESULT_KEY[op]];
  if (answer.ok === true && typeof value === 'object' && value !== null) {
    return { ok: true, value: value as OpResults[Op] };
  }
  return {
    ok: false,
    error: {
      code: 'bad-answer',
      message: 'The broker sent an answer this sso-tray does not understand.',
    },
  };
}

export interface ClientOptions {
  /** Where to look, in order; default: the rule in broker-location.ts for this process. */
  readonly addresses?: readonly BrokerAddress[];
  readonly connectTimeoutMs?: number;
}

/** Sends `request` to the first address a broker answers on. */
async function ask<Op extends BrokerOp>(
  request: Extract<BrokerRequest, { op: Op }>,
  answerTimeoutMs: number,
  options: ClientOptions,
): Promise<BrokerReply<OpResults[Op]>> {
  const addresses = options.addresses ?? brokerAddresses();
  const deadlines = {
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    answerTimeoutMs,
  };
  for (const address of addresses) {
    const result = await exchange(address, request, deadlines);
    if (result.kind === 'no-broker') continue;
    if (result.kind === 'failed') return { ok: false, error: result.error };
    return readReply(request.op, result.answer);
  }
  return {
    ok: false,
    error: {
      code: 'no-broker',
      message: `No SSO Tray broker is running (looked for ${addresses.map((a) => a.path).join(', ')}).`,
    },
  };
}

export function requestCredentials(
  profile: string,
  request: { readonly waitSeconds?: number; readonly caller?: ReportedCaller } = {},
  options: ClientOptions = {},
): Promise<BrokerReply<OpResults['credentials']>> {
  const waitSeconds = request.waitSeconds ?? DEFAULT_WAIT_SECONDS;
  const message: Extract<BrokerRequest, { op: 'credentials' }> = {
    v: 1,
    id: 1,
    op: 'credentials',
    profile,
    waitSeconds,
    ...(request.caller ? { caller: request.caller } : {}),
  };
  const answerTimeoutMs = (waitSeconds + ANSWER_GRACE_SECONDS) * 1000 + ANSWER_SLACK_MS;
  return ask(message, answerTimeoutMs, options);
}

export const pingBroker = (options: ClientOptions = {}) =>
  ask({ v: 1, id: 1, op: 'ping' }, QUICK_ANSWER_TIMEOUT_MS, options);

export const brokerStatus = (options: ClientOptions = {}) =>
  ask({ v: 1, id: 1, op: 'status' }, QUICK_ANSWER_TIMEOUT_MS, options);

/**
 * `pid` and, on Linux, its name from /proc/<pid>/comm: what a caller reports
 * about itself (or its parent, for credential_process, whose parent is the tool).
 */
export function describeProcess(pid: number): ReportedCaller {
  if (process.platform !== 'linux') return { pid };
  try {
    const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    return name ? { pid, name } : { pid };
  } catch {
    return { pid };
  }
}
