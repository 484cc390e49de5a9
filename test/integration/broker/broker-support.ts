// Helpers for the broker tests: a raw connection (to send what no client
// would), a child-process broker, fd counting and condition waits.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import path from 'node:path';

export interface RawConnection {
  readonly socket: Socket;
  /** Everything the broker wrote before the connection closed. */
  readonly received: Promise<string>;
}

/** Sends `bytes` as they are, with a handle to hang up early. */
export function rawConnection(socketPath: string, bytes: string | Buffer): RawConnection {
  const socket = connect(socketPath);
  const received = new Promise<string>((resolve, reject) => {
    let text = '';
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    // EPIPE when the broker stops reading an oversized request: the answer still arrives.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    socket.on('close', () => resolve(text));
  });
  return { socket, received };
}

export const rawExchange = (socketPath: string, bytes: string | Buffer): Promise<string> =>
  rawConnection(socketPath, bytes).received;

/** The one JSON answer line of a raw exchange. */
export function answerOf(text: string): Record<string, unknown> {
  const lines = text.split('\n').filter(Boolean);
  if (lines.length !== 1) throw new Error(`expected one answer line, got ${JSON.stringify(text)}`);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

export const openFileCount = () => readdirSync('/proc/self/fd').length;

/** Resolves when `condition` holds; checks every 10 ms, gives up after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const RUN_BROKER = path.resolve(__dirname, 'children/run-broker.ts');

export interface ChildBroker {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Closes stdin (the child stops cleanly) and waits for its exit. */
  stop(): Promise<void>;
}

/** Starts a broker in its own process; resolves with it once it listens, or rejects with its stderr. */
export function startChildBroker(socketPath: string): Promise<ChildBroker> {
  const child = spawn(process.execPath, ['--import', 'tsx', RUN_BROKER, socketPath], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.stdout!.on('data', (d) => {
      stdout += d;
      const ready = /^ready (\d+)$/m.exec(stdout);
      if (ready) {
        resolve({
          child,
          pid: Number(ready[1]),
          stop: async () => {
            child.stdin!.end();
            await exited;
          },
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`child broker exited (${code}): ${stderr}`)));
  });
}
