// The broker on a real Unix socket in a temp folder, with a scripted backend:
// the protocol's answers, what bad input and abuse cost (backend calls, open
// files), abandoned callers, the deadline, and one broker per socket.
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBroker, type Broker, type BrokerOptions } from '../../../app/core/broker/broker';
import type { ActivityEvent } from '../../../app/core/broker/broker-activity';
import {
  brokerStatus,
  exchange,
  pingBroker,
  requestCredentials,
} from '../../../app/core/broker/broker-client';
import type { BrokerAddress } from '../../../app/core/broker/broker-location';
import { MAX_REQUEST_BYTES } from '../../../app/core/broker/broker-protocol';
import { FakeClock } from '../../support/fake-clock';
import { credentialsFor, ScriptedBackend } from '../../support/scripted-broker-backend';
import {
  answerOf,
  openFileCount,
  rawConnection,
  rawExchange,
  startChildBroker,
  waitFor,
  type ChildBroker,
} from './broker-support';

let root: string;
let address: BrokerAddress;
let backend: ScriptedBackend;
let brokers: Broker[];
let children: ChildBroker[];

const addressIn = (dir: string): BrokerAddress => ({
  kind: 'unix',
  path: path.join(dir, 'broker.sock'),
  dir,
  privateParent: false,
});

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'sso-tray-broker-'));
  address = addressIn(path.join(root, 'run'));
  backend = new ScriptedBackend({
    dev: { kind: 'credentials' },
    slow: { kind: 'wait' },
    expired: { kind: 'error', code: 'needs-sign-in', message: 'Sign in to my-sso in SSO Tray.' },
    buggy: { kind: 'crash', message: 'portal said: token aoa-SECRET-123 rejected' },
  });
  brokers = [];
  children = [];
});

afterEach(async () => {
  await Promise.all(brokers.map((b) => b.close()));
  await Promise.all(children.map((c) => c.stop()));
  rmSync(root, { recursive: true, force: true });
});

async function start(options: Partial<BrokerOptions> = {}): Promise<Broker> {
  const broker = await startBroker({ backend, addresses: [address], container: false, ...options });
  brokers.push(broker);
  return broker;
}

const client = () => ({ addresses: [address] });

describe('answers', () => {
  it('ping, status and credentials, with one backend call per request and the caller as reported', async () => {
    const broker = await start();
    expect(await pingBroker(client())).toMatchObject({
      ok: true,
      value: { pid: process.pid, protocol: 1 },
    });

    const reply = await requestCredentials(
      'dev',
      { waitSeconds: 7, caller: { pid: 4242, name: 'terraform' } },
      client(),
    );
    expect(reply).toEqual({ ok: true, value: credentialsFor('dev') });
    expect(backend.calls).toHaveLength(1);
    expect(backend.calls[0]!.request).toMatchObject({
      waitMs: 7000,
      caller: { via: 'socket', pid: 4242, name: 'terraform' },
    });

    const status = await brokerStatus(client());
    expect(status).toMatchObject({
      ok: true,
      value: {
        pid: process.pid,
        address: address.path,
        containerEndpoint: null,
        waiting: [],
        recent: [{ profile: 'dev', caller: { pid: 4242, name: 'terraform' }, outcome: 'ok' }],
      },
    });
    expect(JSON.stringify(status)).not.toContain(credentialsFor('dev').secretAccessKey);
    expect(broker.status().recent).toHaveLength(1);
  });

  it('passes a coded backend error on as it is', async () => {
    await start();
    expect(await requestCredentials('expired', {}, client())).toEqual({
      ok: false,
      error: { code: 'needs-sign-in', message: 'Sign in to my-sso in SSO Tray.' },
    });
    expect(await requestCredentials('nobody', {}, client())).toMatchObject({
      ok: false,
      error: { code: 'unknown-profile' },
    });
  });

  it('turns an uncoded backend error into `internal` without its message, which goes to the log only', async () => {
    const logged: unknown[] = [];
    await start({ onInternalError: (error) => logged.push(error) });
    const reply = await requestCredentials('buggy', {}, client());
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(reply)).not.toContain('SECRET');
    expect(logged).toHaveLength(1);
  });
});

describe('bad input', () => {
  it.each([
    ['malformed JSON', '{"v":1,"op":\n', 'bad-json'],
    [
      'a wrong version',
      '{"v":2,"id":"x","op":"credentials","profile":"dev"}\n',
      'unsupported-version',
    ],
    ['an unknown op', '{"v":1,"id":1,"op":"shutdown"}\n', 'unknown-op'],
    ['a missing profile', '{"v":1,"id":1,"op":"credentials"}\n', 'bad-request'],
    ['binary noise', Buffer.from([0xff, 0xfe, 0x00, 0x0a]), 'bad-json'],
  ])(
    '%s gets an error answer, no backend call, and the broker keeps serving',
    async (_label, bytes, code) => {
      await start();
      const answer = answerOf(await rawExchange(address.path, bytes));
      expect(answer).toMatchObject({ v: 1, ok: false, error: { code } });
      expect(backend.calls).toHaveLength(0);
      expect(await requestCredentials('dev', {}, client())).toMatchObject({ ok: true });
    },
  );

  it('refuses an oversized request once it passes the cap, and keeps serving', async () => {
    await start();
    const huge = `{"v":1,"op":"credentials","profile":"${'x'.repeat(MAX_REQUEST_BYTES)}"}\n`;
    const answer = answerOf(await rawExchange(address.path, huge));
    expect(answer).toMatchObject({ ok: false, error: { code: 'too-large' } });
    // Without a newline at all: the cap, not the end of the line, stops the buffering.
    const endless = answerOf(await rawExchange(address.path, 'x'.repeat(4 * MAX_REQUEST_BYTES)));
    expect(endless).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(backend.calls).toHaveLength(0);
    expect(await pingBroker(client())).toMatchObject({ ok: true });
  });

  it('answers request-timeout to a caller that connects and sends nothing', async () => {
    await start({ socketLimits: { requestTimeoutMs: 100 } });
    const answer = answerOf(await rawExchange(address.path, ''));
    expect(answer).toMatchObject({ ok: false, error: { code: 'request-timeout' } });
  });
});

describe('callers that leave, deadlines, stopping', () => {
  it('a caller that disconnects while waiting aborts its backend call, and its connection goes away', async () => {
    const broker = await start();
    const raw = rawConnection(address.path, '{"v":1,"id":1,"op":"credentials","profile":"slow"}\n');
    await backend.until((b) => b.waitingCount() === 1);
    expect(broker.status().waiting).toMatchObject([{ profile: 'slow', caller: { via: 'socket' } }]);
    const finished = new Promise<ActivityEvent>((resolve) =>
      broker.activity.onEvent((event) => event.kind === 'finished' && resolve(event)),
    );
    raw.socket.destroy();
    expect(await finished).toMatchObject({ call: { profile: 'slow', outcome: 'cancelled' } });
    expect(backend.calls[0]!.abortedWith).toBe('cancelled');
    expect(backend.waitingCount()).toBe(0);
    expect(broker.status().waiting).toEqual([]);
    await waitFor(() => broker.openConnections() === 0, 'the connection to close');
    expect(backend.calls).toHaveLength(1);
  });

  it('answers `timeout` at waitSeconds + 30 s and aborts the backend call', async () => {
    const clock = new FakeClock();
    await start({ clock });
    const reply = requestCredentials('slow', { waitSeconds: 5 }, client());
    await backend.until((b) => b.waitingCount() === 1);
    clock.advance(34_999);
    expect(backend.calls[0]!.abortedWith).toBeNull();
    clock.advance(1);
    expect(await reply).toEqual({
      ok: false,
      error: { code: 'timeout', message: 'No credentials for profile slow within 35 seconds.' },
    });
    expect(backend.calls[0]!.abortedWith).toBe('timeout');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('a released wait answers every waiting caller', async () => {
    await start();
    const replies = [1, 2, 3].map(() => requestCredentials('slow', {}, client()));
    await backend.until((b) => b.waitingCount() === 3);
    backend.release('slow');
    for (const reply of await Promise.all(replies)) {
      expect(reply).toEqual({ ok: true, value: credentialsFor('slow') });
    }
  });

  it('stopping answers waiting callers `shutting-down` and removes its socket file', async () => {
    const broker = await start();
    const reply = requestCredentials('slow', {}, client());
    await backend.until((b) => b.waitingCount() === 1);
    await broker.close();
    brokers = [];
    expect(await reply).toMatchObject({ ok: false, error: { code: 'shutting-down' } });
    expect(backend.calls[0]!.abortedWith).toBe('shutting-down');
    expect(() => lstatSync(address.path)).toThrow(/ENOENT/);
    expect(await pingBroker(client())).toMatchObject({ ok: false, error: { code: 'no-broker' } });
  });
});

describe('abuse', () => {
  it('1,000 rapid requests: exactly one backend call each, and no socket or file left open', async () => {
    const broker = await start();
    expect(await requestCredentials('dev', {}, client())).toMatchObject({ ok: true });
    await waitFor(() => broker.openConnections() === 0, 'the first connection to close');
    const before = openFileCount();
    const outcomes = new Map<string, number>();
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    for (let batch = 0; batch < 20; batch++) {
      const round = Array.from({ length: 50 }, async (_, i) => {
        // Every tenth caller is broken: it must cost no backend call.
        if (i % 10 === 9) {
          count(
            String(
              (answerOf(await rawExchange(address.path, 'nonsense\n')).error as { code: string })
                .code,
            ),
          );
          return;
        }
        const reply = await requestCredentials('dev', { caller: { pid: 1000 + i } }, client());
        count(reply.ok ? 'ok' : reply.error.code);
      });
      await Promise.all(round);
    }
    expect(Object.fromEntries(outcomes)).toEqual({ ok: 900, 'bad-json': 100 });
    expect(backend.calls).toHaveLength(1 + 900);
    await waitFor(() => broker.openConnections() === 0, 'every connection to close');
    await waitFor(() => openFileCount() <= before, 'the open files to return to the baseline');
    expect(openFileCount()).toBe(before);
    expect(broker.status().recent).toHaveLength(20);
  });

  it('callers beyond the connection limit get `busy` at once; the backend sees only the accepted ones', async () => {
    const broker = await start({ socketLimits: { maxConnections: 4 } });
    const waiting = [1, 2, 3, 4].map(() => requestCredentials('slow', {}, client()));
    await backend.until((b) => b.waitingCount() === 4);
    const extra = await Promise.all([1, 2, 3].map(() => requestCredentials('dev', {}, client())));
    for (const reply of extra) expect(reply).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(backend.calls).toHaveLength(4);
    backend.release('slow');
    for (const reply of await Promise.all(waiting)) expect(reply).toMatchObject({ ok: true });
    await waitFor(() => broker.openConnections() === 0, 'every connection to close');
    expect(await requestCredentials('dev', {}, client())).toMatchObject({ ok: true });
  });
});

describe('the socket and its folder', () => {
  it('the folder is 0700 and the socket 0600', async () => {
    await start();
    expect(statSync(address.dir).mode & 0o777).toBe(0o700);
    const socket = lstatSync(address.path);
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o777).toBe(0o600);
  });

  it('a stale socket file left by a killed broker is replaced', async () => {
    const dead = await startChildBroker(address.path);
    dead.child.kill('SIGKILL');
    await new Promise((resolve) => dead.child.once('exit', resolve));
    expect(lstatSync(address.path).isSocket()).toBe(true);
    expect(await pingBroker(client())).toMatchObject({ ok: false, error: { code: 'no-broker' } });

    await start();
    expect(await pingBroker(client())).toMatchObject({ ok: true, value: { pid: process.pid } });
    expect(lstatSync(address.path).mode & 0o777).toBe(0o600);
  });

  it('a second broker is refused with the pid and place of the first, which keeps serving', async () => {
    const first = await startChildBroker(address.path);
    children.push(first);
    await expect(start()).rejects.toMatchObject({
      code: 'already-running',
      message: `An SSO Tray broker already runs for this user (pid ${first.pid}), on ${address.path}.`,
    });
    expect(await pingBroker(client())).toMatchObject({ ok: true, value: { pid: first.pid } });
    expect(await requestCredentials('dev', {}, client())).toMatchObject({ ok: true });
  });

  it.each([
    ['on a fresh folder', false],
    ['over a stale socket file', true],
  ])('of eight brokers started at once %s, exactly one runs', async (_label, stale) => {
    if (stale) {
      const dead = await startChildBroker(address.path);
      dead.child.kill('SIGKILL');
      await new Promise((resolve) => dead.child.once('exit', resolve));
    } else {
      mkdirSync(address.dir, { mode: 0o700 });
    }
    const starts = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        startBroker({ backend, addresses: [address], container: false }),
      ),
    );
    const running = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    brokers.push(...running);
    expect(running).toHaveLength(1);
    for (const start of starts) {
      if (start.status === 'rejected')
        expect(start.reason).toMatchObject({ code: 'already-running' });
    }
    expect(await requestCredentials('dev', {}, client())).toMatchObject({ ok: true });
    expect(readdirSync(address.dir).sort()).toEqual(['broker.sock']);
  });

  it('takes over a stale socket even when a killed broker left its takeover lock behind', async () => {
    const dead = await startChildBroker(address.path);
    dead.child.kill('SIGKILL');
    await new Promise((resolve) => dead.child.once('exit', resolve));
    const lock = path.join(address.dir, 'takeover.lock');
    mkdirSync(lock);
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(lock, longAgo, longAgo);
    await start();
    expect(await pingBroker(client())).toMatchObject({ ok: true, value: { pid: process.pid } });
    expect(readdirSync(address.dir).sort()).toEqual(['broker.sock']);
  });

  it('listens on every address, so a second broker is refused at any of them', async () => {
    const other = addressIn(path.join(root, 'home-run'));
    await start({ addresses: [address, other] });
    expect(await pingBroker({ addresses: [other] })).toMatchObject({
      ok: true,
      value: { pid: process.pid },
    });
    await expect(
      startBroker({ backend, addresses: [other], container: false }),
    ).rejects.toMatchObject({
      code: 'already-running',
    });
    // A client that looks at a dead place first goes on to the next.
    const nowhere = addressIn(path.join(root, 'nowhere'));
    expect(await pingBroker({ addresses: [nowhere, other] })).toMatchObject({ ok: true });
  });

  it('refuses to replace a file that is not a socket', async () => {
    await start();
    await brokers.pop()!.close();
    writeFileSync(address.path, 'not a socket');
    await expect(start()).rejects.toMatchObject({ code: 'address-in-use' });
  });
});

describe('the client', () => {
  it('reports `no-broker` when there is no socket file', async () => {
    expect(await requestCredentials('dev', {}, client())).toEqual({
      ok: false,
      error: {
        code: 'no-broker',
        message: `No SSO Tray broker is running (looked for ${address.path}).`,
      },
    });
  });

  it('gives up on a listener that never answers, with its own code', async () => {
    mkdirSync(address.dir, { recursive: true });
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(address.path, resolve));
    try {
      const result = await exchange(
        address,
        { v: 1, id: 1, op: 'ping' },
        { connectTimeoutMs: 1000, answerTimeoutMs: 200 },
      );
      expect(result).toMatchObject({ kind: 'failed', error: { code: 'answer-timeout' } });
    } finally {
      silent.close();
    }
  });
});
