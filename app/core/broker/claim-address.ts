// Taking the broker's address so that only one broker per user ever owns it.
//
// POSIX: listen on a temporary name in the private folder, make it 0600, then
// hard-link it to broker.sock. link(2) fails when the name exists, so two
// brokers never both own it. An existing file gets a `ping`: an answer means a
// broker runs (refuse to start, naming its pid); a refused connection means a
// stale file from a broker that died. Removing it and linking ours is
// check-then-act, so it happens under a lock folder (mkdir is atomic): two
// brokers starting together over a stale file cannot both win.
//
// Windows: a named pipe vanishes with its process, so nothing is stale; a
// taken name gets the same `ping`.

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { Server } from 'node:net';
import path from 'node:path';
import { errnoCode } from '../fs/errno';
import { exchange } from './broker-client';
import { BrokerError } from './broker-error';
import type { BrokerAddress } from './broker-location';
import type { BrokerRequest } from './broker-protocol';

/** sun_path is 108 bytes on Linux, 104 on macOS; stay under both, with its NUL. */
const MAX_SOCKET_PATH_BYTES = 103;
const TAKEOVER_LOCK = 'takeover.lock';
/** A takeover lasts one probe (3 s at most); a lock this old was left by a killed broker. */
const STALE_LOCK_MS = 30_000;
const LOCK_WAIT_MS = 10_000;
const LOCK_RETRY_MS = 20;

export class BrokerAlreadyRunningError extends BrokerError {
  constructor(
    readonly pid: number | null,
    readonly address: string,
  ) {
    super(
      'already-running',
      `An SSO Tray broker already runs for this user (${pid === null ? 'pid unknown' : `pid ${pid}`}), on ${address}.`,
    );
    this.name = 'BrokerAlreadyRunningError';
  }
}

const PING: BrokerRequest = { v: 1, id: 'probe', op: 'ping' };

/**
 * Who holds `address`: `free` (nothing, or a stale socket file), `running`
 * (a broker answered), or throws when something else listens there.
 */
export async function probeAddress(
  address: BrokerAddress,
): Promise<{ readonly kind: 'free' } | { readonly kind: 'running'; readonly pid: number | null }> {
  const result = await exchange(address, PING, { connectTimeoutMs: 1000, answerTimeoutMs: 2000 });
  if (result.kind === 'no-broker') return { kind: 'free' };
  if (result.kind === 'answer') {
    const pong = result.answer.pong as { pid?: unknown } | undefined;
    return { kind: 'running', pid: typeof pong?.pid === 'number' ? pong.pid : null };
  }
  throw new BrokerError(
    'broker-unresponsive',
    `A process listens on ${address.path} but does not answer as a broker does; stop it (or remove the file) and start again.`,
  );
}

function listen(server: Server, where: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(where, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

async function withTakeoverLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, TAKEOVER_LOCK);
  const giveUpAt = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await fs.mkdir(lock, { mode: 0o700 });
      break;
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST') throw error;
    }
    const stat = await fs.stat(lock).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > STALE_LOCK_MS) {
      await fs.rm(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > giveUpAt) {
      throw new BrokerError(
        'address-in-use',
        `Another broker has been starting in ${dir} for a while; try again, or remove ${lock}.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
  }
  try {
    return await work();
  } finally {
    await fs.rm(lock, { recursive: true, force: true });
  }
}

/** Under the lock: link `temp` to the address, replacing a socket file nobody answers on. */
async function replaceStale(temp: string, address: BrokerAddress): Promise<void> {
  const existing = await fs.lstat(address.path).catch(() => null);
  if (existing !== null) {
    if (!existing.isSocket()) {
      throw new BrokerError(
        'address-in-use',
        `${address.path} exists and is not a socket; remove it and start again.`,
      );
    }
    const holder = await probeAddress(address);
    if (holder.kind === 'running') throw new BrokerAlreadyRunningError(holder.pid, address.path);
    await fs.rm(address.path, { force: true });
  }
  // EEXIST here: a broker that needed no takeover linked meanwhile; the caller probes it.
  await fs.link(temp, address.path);
}

/** Listens on a Unix socket at `address`; returns the socket file's inode. */
export async function claimUnixAddress(server: Server, address: BrokerAddress): Promise<number> {
  if (Buffer.byteLength(address.path) > MAX_SOCKET_PATH_BYTES) {
    throw new BrokerError(
      'path-too-long',
      `The socket path ${address.path} is longer than the ${MAX_SOCKET_PATH_BYTES} bytes a Unix socket allows; set XDG_RUNTIME_DIR or SSO_TRAY_BROKER_SOCKET to a shorter place.`,
    );
  }
  const temp = path.join(address.dir, `.claim-${randomBytes(4).toString('hex')}.sock`);
  await listen(server, temp);
  try {
    // Private before it gets its public name (the folder is private too).
    await fs.chmod(temp, 0o600);
    const { ino } = await fs.lstat(temp);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await fs.link(temp, address.path);
        return ino;
      } catch (error) {
        if (errnoCode(error) !== 'EEXIST') throw error;
      }
      try {
        await withTakeoverLock(address.dir, () => replaceStale(temp, address));
        return ino;
      } catch (error) {
        if (errnoCode(error) !== 'EEXIST') throw error;
      }
    }
    throw new BrokerError(
      'address-in-use',
      `Could not take ${address.path}: another broker keeps starting there.`,
    );
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/** Listens on a named pipe (Windows). */
export async function claimPipe(server: Server, address: BrokerAddress): Promise<void> {
  try {
    await listen(server, address.path);
  } catch (error) {
    if (errnoCode(error) !== 'EADDRINUSE') throw error;
    const holder = await probeAddress(address);
    throw holder.kind === 'running'
      ? new BrokerAlreadyRunningError(holder.pid, address.path)
      : new BrokerError('address-in-use', `The pipe ${address.path} is in use by another program.`);
  }
}
