// The broker's local transport (docs/broker-protocol.md): a Unix socket, mode
// 0600 in the private folder, or a named pipe on Windows (taken by
// claim-address.ts). Each connection carries one request line and gets one
// answer line; then the broker closes it.

import { promises as fs } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import type { BrokerAddress } from './broker-location';
import {
  encodeLine,
  errorAnswer,
  MAX_REQUEST_BYTES,
  parseRequest,
  type BrokerAnswer,
  type BrokerRequest,
} from './broker-protocol';
import { claimPipe, claimUnixAddress } from './claim-address';

export interface SocketLimits {
  /** Connections open at once (being answered, or answered and not yet closed); one more gets `busy`. */
  readonly maxConnections: number;
  /** A connection must deliver its request line within this. */
  readonly requestTimeoutMs: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = { maxConnections: 256, requestTimeoutMs: 5000 };

/** After its answer a connection gets this long to close before the broker drops it. */
const LINGER_MS = 2000;
/** On stop, in-flight answers get this long to go out. */
const STOP_GRACE_MS = 1000;

export type RequestHandler = (
  request: BrokerRequest,
  callerGone: AbortSignal,
) => Promise<BrokerAnswer>;

export interface SocketServer {
  /** Connections open now (being answered, refused as busy, or answered and not yet closed). */
  openConnections(): number;
  close(): Promise<void>;
}

export async function startSocketServer(options: {
  readonly address: BrokerAddress;
  readonly limits: SocketLimits;
  readonly handle: RequestHandler;
}): Promise<SocketServer> {
  const { address, limits, handle } = options;
  const open = new Set<Socket>();
  let serving = 0;
  let onIdle: (() => void) | null = null;

  const serve = (socket: Socket) => {
    serving++;
    let done = false;
    let handling = false;
    let requestRead = false;
    let size = 0;
    let chunks: Buffer[] = [];
    const gone = new AbortController();
    const finishServing = () => {
      if (done) return;
      done = true;
      serving--;
      if (serving === 0) onIdle?.();
    };
    const reply = (answer: BrokerAnswer) => {
      if (done) return;
      finishServing();
      if (socket.destroyed) return;
      // Keep reading (and discarding) until the caller closes, so a caller
      // still writing is not reset before it reads the answer.
      socket.setTimeout(0);
      socket.end(encodeLine(answer));
      setTimeout(() => socket.destroy(), LINGER_MS).unref();
    };
    socket.on('close', () => {
      if (done) return;
      // The caller left first: abandon its request; a running handler still replies (into nothing).
      gone.abort();
      if (!handling) finishServing();
    });
    socket.setTimeout(limits.requestTimeoutMs, () => {
      if (!requestRead) {
        requestRead = true;
        reply(errorAnswer(null, 'request-timeout', 'No complete request line arrived in time.'));
      }
    });
    socket.on('data', (chunk: Buffer) => {
      if (requestRead) return;
      const end = chunk.indexOf(0x0a);
      const lineBytes = size + (end === -1 ? chunk.length : end);
      if (lineBytes > MAX_REQUEST_BYTES) {
        requestRead = true;
        chunks = [];
        reply(
          errorAnswer(null, 'too-large', `A request may be at most ${MAX_REQUEST_BYTES} bytes.`),
        );
        return;
      }
      if (end === -1) {
        size += chunk.length;
        chunks.push(chunk);
        return;
      }
      requestRead = true;
      const line = Buffer.concat([...chunks, chunk.subarray(0, end)]).toString('utf8');
      chunks = [];
      const parsed = parseRequest(line);
      if (!parsed.ok) {
        reply(parsed.answer);
        return;
      }
      handling = true;
      handle(parsed.request, gone.signal).then(reply, () =>
        reply(
          errorAnswer(parsed.request.id, 'internal', 'The broker failed to answer; see its log.'),
        ),
      );
    });
  };

  const server = createServer((socket) => {
    // EPIPE, ECONNRESET: the caller left; 'close' follows and does the bookkeeping.
    socket.on('error', () => undefined);
    // Lingering connections count too, so callers that never hang up cannot pile up.
    const full = open.size >= limits.maxConnections;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    if (full) {
      // No lingering here: the answer is in the caller's queue once written.
      const busy = errorAnswer(null, 'busy', 'The broker is busy; try again.');
      socket.end(encodeLine(busy), () => socket.destroy());
      return;
    }
    serve(socket);
  });

  let inode: number | null = null;
  try {
    if (address.kind === 'unix') inode = await claimUnixAddress(server, address);
    else await claimPipe(server, address);
  } catch (error) {
    server.close();
    throw error;
  }

  return {
    openConnections: () => open.size,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (serving > 0) {
        await new Promise<void>((resolve) => {
          onIdle = resolve;
          setTimeout(resolve, STOP_GRACE_MS).unref();
        });
      }
      for (const socket of open) socket.destroy();
      await closed;
      if (inode !== null) {
        // Only our own file: a successor may already own the name.
        const now = await fs.lstat(address.path).catch(() => null);
        if (now?.ino === inode) await fs.rm(address.path, { force: true });
      }
    },
  };
}
