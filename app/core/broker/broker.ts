// The local credentials broker: one per user, started by the tray app and by
// `sso-tray serve`. It answers tools over a private socket (or named pipe)
// and, optionally, over the container-credentials endpoint on 127.0.0.1; it
// asks a BrokerBackend (the core) for every credentials request, once per
// request, and records what it does in a BrokerActivity for the window.
//
// Wiring: startBroker({ backend }) with a backend that does single-flight
// sign-ins per session (see broker-backend.ts); `activity.onEvent` feeds the
// tray, the window and serve's log; `close()` on quit answers every waiting
// caller `shutting-down` and removes the socket.

import { currentUid } from '../fs/folder-privacy';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { systemClock, type Clock } from '../clock';
import type { RoleCredentials } from '../credentials/role-credentials';
import { writeFileAtomic } from '../fs/atomic-write';
import { answerCredentials, type AnswerContext } from './answer-credentials';
import { BrokerActivity } from './broker-activity';
import type { BrokerBackend } from './broker-backend';
import { BrokerError } from './broker-error';
import { brokerAddresses, type BrokerAddress } from './broker-location';
import {
  PROTOCOL_VERSION,
  type BrokerAnswer,
  type BrokerRequest,
  type BrokerStatus,
  type CallerInfo,
  type PongInfo,
} from './broker-protocol';
import { BrokerAlreadyRunningError } from './claim-address';
import { startContainerEndpoint, type ContainerEndpoint } from './container-endpoint';
import { loadOrCreateContainerToken } from './container-token';
import { preparePrivateDir } from './private-dir';
import { DEFAULT_SOCKET_LIMITS, startSocketServer, type SocketLimits } from './socket-server';

/** Remembers the endpoint's port, so exported shells survive a restart of the broker. */
const CONTAINER_STATE_FILE = 'container-endpoint.json';

export interface ContainerOptions {
  /** How long an HTTP caller waits for a sign-in; the SDKs give up after 1 to 2 seconds. Default 0. */
  readonly waitSeconds?: number;
  /** Port to try first; default the last run's. */
  readonly port?: number;
  readonly maxConcurrent?: number;
}

export interface BrokerOptions {
  readonly backend: BrokerBackend;
  readonly clock?: Clock;
  /** Where to listen: the first is the main address, the others serve too; default: this process's rule. */
  readonly addresses?: readonly BrokerAddress[];
  /** The user's uid for the folder and file checks; default process.getuid(), null on Windows. */
  readonly uid?: number | null;
  readonly socketLimits?: Partial<SocketLimits>;
  /** The container endpoint; false leaves it off. Default on. */
  readonly container?: false | ContainerOptions;
  /** Backend errors that reached callers as `internal`, and addresses it could not take, for the log. */
  readonly onInternalError?: (error: unknown) => void;
}

export interface Broker {
  readonly address: BrokerAddress;
  readonly containerEndpoint: {
    readonly url: string;
    readonly port: number;
    readonly tokenFile: string;
  } | null;
  readonly activity: BrokerActivity;
  status(): BrokerStatus;
  /** Open socket connections, for tests and the window's diagnostics. */
  openConnections(): number;
  close(): Promise<void>;
}

/** Only the four fields go out, whatever else the backend's object carries. */
const pick = ({
  accessKeyId,
  secretAccessKey,
  sessionToken,
  expiration,
}: RoleCredentials): RoleCredentials => ({
  accessKeyId,
  secretAccessKey,
  sessionToken,
  expiration,
});

async function readLastPort(dir: string): Promise<number | undefined> {
  try {
    const port = (
      JSON.parse(await fs.readFile(path.join(dir, CONTAINER_STATE_FILE), 'utf8')) as {
        port?: unknown;
      }
    ).port;
    return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536
      ? port
      : undefined;
  } catch {
    return undefined;
  }
}

export async function startBroker(options: BrokerOptions): Promise<Broker> {
  const clock = options.clock ?? systemClock;
  const uid = options.uid !== undefined ? options.uid : currentUid();
  const [address, ...elsewhere] = options.addresses ?? brokerAddresses();
  if (!address) throw new BrokerError('no-address', 'No place to listen was given.');

  await preparePrivateDir(address.dir, uid, { ownParent: address.privateParent });
  const activity = new BrokerActivity(clock);
  const stopping = new AbortController();
  const context: AnswerContext = {
    backend: options.backend,
    activity,
    clock,
    stopping: stopping.signal,
  };
  const onInternalError = options.onInternalError ?? (() => undefined);
  const pong: PongInfo = {
    pid: process.pid,
    protocol: PROTOCOL_VERSION,
    startedAt: new Date(clock.now()).toISOString(),
  };
  let containerEndpoint: Broker['containerEndpoint'] = null;

  const status = (): BrokerStatus => ({
    ...pong,
    address: address.path,
    containerEndpoint: containerEndpoint && {
      url: containerEndpoint.url,
      tokenFile: containerEndpoint.tokenFile,
    },
    waiting: activity.waiting(),
    recent: activity.recent(),
  });

  async function handle(request: BrokerRequest, callerGone: AbortSignal): Promise<BrokerAnswer> {
    const { id } = request;
    switch (request.op) {
      case 'ping':
        return { v: 1, id, ok: true, pong };
      case 'status':
        return { v: 1, id, ok: true, status: status() };
      case 'credentials': {
        const caller: CallerInfo = {
          via: 'socket',
          pid: request.caller?.pid ?? null,
          name: request.caller?.name ?? null,
        };
        const outcome = await answerCredentials(
          context,
          { profile: request.profile, waitMs: request.waitSeconds * 1000, caller, callerGone },
          onInternalError,
        );
        return outcome.ok
          ? { v: 1, id, ok: true, credentials: pick(outcome.credentials) }
          : { v: 1, id, ok: false, error: outcome.error };
      }
    }
  }

  const limits = { ...DEFAULT_SOCKET_LIMITS, ...options.socketLimits };
  const socketServers = [await startSocketServer({ address, limits, handle })];
  const closeSockets = () => Promise.all(socketServers.map((server) => server.close()));
  // The other places too, so one broker serves (and blocks a second broker at)
  // every address a process of this user may look at, with or without XDG_RUNTIME_DIR.
  for (const other of elsewhere) {
    try {
      await preparePrivateDir(other.dir, uid, { ownParent: other.privateParent });
      socketServers.push(await startSocketServer({ address: other, limits, handle }));
    } catch (error) {
      if (error instanceof BrokerAlreadyRunningError) {
        await closeSockets();
        throw error;
      }
      // Another door that cannot open (an unsafe folder, say): the first one serves.
      onInternalError(error);
    }
  }

  let endpoint: ContainerEndpoint | null = null;
  if (options.container !== false) {
    const container = options.container ?? {};
    try {
      const { token, file } = await loadOrCreateContainerToken(address.dir, uid);
      const waitMs = (container.waitSeconds ?? 0) * 1000;
      endpoint = await startContainerEndpoint({
        token,
        preferredPort: container.port ?? (await readLastPort(address.dir)),
        ...(container.maxConcurrent ? { maxConcurrent: container.maxConcurrent } : {}),
        answer: async (profile, caller, callerGone) => {
          const outcome = await answerCredentials(
            context,
            { profile, waitMs, caller, callerGone },
            onInternalError,
          );
          return outcome.ok ? { ok: true, credentials: pick(outcome.credentials) } : outcome;
        },
      });
      await writeFileAtomic(
        path.join(address.dir, CONTAINER_STATE_FILE),
        `${JSON.stringify({ port: endpoint.port })}\n`,
      );
      containerEndpoint = { url: endpoint.baseUrl, port: endpoint.port, tokenFile: file };
    } catch (error) {
      await endpoint?.close();
      await closeSockets();
      throw error;
    }
  }

  return {
    address,
    get containerEndpoint() {
      return containerEndpoint;
    },
    activity,
    status,
    openConnections: () => socketServers.reduce((sum, server) => sum + server.openConnections(), 0),
    async close() {
      stopping.abort();
      await Promise.all([closeSockets(), endpoint?.close()]);
    },
  };
}
