// The loopback bridge on its own: the per-run secret (printed URL, cookie),
// what it serves, how it validates, what it refuses, and that snapshots
// stream. Real core and fake behind it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeCliToken } from '../../../app/core/token-cache/token-file';
import type { Snapshot } from '../../../app/shared/model';
import { startHarness, type Harness } from '../../harness/harness';

interface Reply {
  status: number;
  body: string;
  headers: IncomingHttpHeaders;
}

/** A raw request; it carries the window's cookie unless `window: false`. */
function send(
  harness: Harness,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
    window?: boolean;
  },
): Promise<Reply> {
  const url = new URL(harness.origin);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: url.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: {
          host: url.host,
          ...(options.window === false ? {} : harness.windowHeaders),
          ...options.headers,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const call = (
  harness: Harness,
  method: string,
  args: unknown,
  headers: Record<string, string> = {},
  window = true,
) =>
  send(harness, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ args }),
    window,
  });

describe('loopback bridge', () => {
  let harness: Harness;
  let root: string;
  let rendererDir: string;

  beforeAll(async () => {
    // A stand-in page is enough here; the e2e tests serve the real renderer.
    root = mkdtempSync(path.join(tmpdir(), 'sso-tray-bridge-'));
    rendererDir = path.join(root, 'renderer');
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    // Next to the served folder: must never be reachable.
    writeFileSync(path.join(root, 'secret.txt'), 'outside');
    writeFileSync(
      path.join(rendererDir, 'index.html'),
      '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>',
    );
    writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};\n');
    harness = await startHarness({ rendererDir });
  });

  afterAll(async () => {
    await harness.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('prints an address carrying a secret, trades it once for an HttpOnly SameSite=Strict cookie', async () => {
    const printed = new URL(harness.url);
    expect(printed.origin).toBe(harness.origin);
    const key = printed.searchParams.get('key')!;
    expect(key).toMatch(/^[\w-]{43}$/);
    const opened = await send(harness, {
      path: `${printed.pathname}${printed.search}`,
      window: false,
    });
    expect(opened.status).toBe(303);
    expect(opened.headers.location).toBe('/');
    expect(opened.headers['referrer-policy']).toBe('no-referrer');
    const [cookie] = opened.headers['set-cookie'] ?? [];
    expect(cookie).toBe(
      `sso-tray-bridge-${printed.port}=${key}; Path=/; HttpOnly; SameSite=Strict`,
    );
    expect(harness.windowHeaders.cookie).toBe(cookie!.split(';')[0]);
    // A wrong key is no way in.
    const guessed = await send(harness, { path: `/?key=${'A'.repeat(43)}`, window: false });
    expect(guessed.status).toBe(403);
    expect(guessed.headers['set-cookie']).toBeUndefined();
  });

  it('answers nothing without the cookie: page, script, calls or snapshots', async () => {
    const before = harness.traffic.entries.length;
    const wrongCookie = {
      cookie: `sso-tray-bridge-${new URL(harness.origin).port}=${'A'.repeat(43)}`,
    };
    for (const headers of [{}, wrongCookie]) {
      for (const [method, path] of [
        ['GET', '/'],
        ['GET', '/bridge.js'],
        ['GET', '/assets/app.js'],
        ['GET', '/api/snapshots'],
        ['POST', '/api/getSnapshot'],
        ['POST', '/api/copyText'],
      ] as const) {
        const reply = await send(harness, {
          method,
          path,
          headers,
          body: method === 'POST' ? '{"args":[]}' : undefined,
          window: false,
        });
        expect(reply.status, `${method} ${path}`).toBe(403);
        expect(reply.body, `${method} ${path}`).toContain('Open the address SSO Tray printed');
      }
    }
    expect(harness.traffic.entries.length).toBe(before);
  });

  it('refuses another origin and cross-site fetches even with the cookie, the snapshot stream included', async () => {
    const before = harness.traffic.entries.length;
    // A page on another loopback port is same-site: its browser sends the cookie, and its Origin.
    const strangers: Record<string, string>[] = [
      { origin: 'http://127.0.0.1:1' },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of strangers) {
      expect((await send(harness, { path: '/api/snapshots', headers })).status).toBe(403);
      expect((await call(harness, 'getSnapshot', [], headers)).status).toBe(403);
    }
    expect(harness.traffic.entries.length).toBe(before);
    // The window's own requests pass: same origin, or a navigation typed by the user.
    expect((await call(harness, 'getAppInfo', [], { origin: harness.origin })).status).toBe(200);
    expect((await send(harness, { path: '/', headers: { 'sec-fetch-site': 'none' } })).status).toBe(
      200,
    );
  });

  it('listens on 127.0.0.1 and serves the page with the bridge before the app', async () => {
    expect(new URL(harness.url).hostname).toBe('127.0.0.1');
    const page = await send(harness, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body.indexOf('<script src="/bridge.js"></script>')).toBeGreaterThan(0);
    expect(page.body.indexOf('/bridge.js')).toBeLessThan(page.body.indexOf('type="module"'));
    const script = await send(harness, { path: '/bridge.js' });
    expect(script.body).toContain('ssoTray');
    expect((await send(harness, { path: '/assets/app.js' })).body).toBe('export {};\n');
  });

  it('answers a call and records both directions', async () => {
    const reply = await call(harness, 'getSnapshot', []);
    expect(reply.status).toBe(200);
    const snapshot = (JSON.parse(reply.body) as { value: Snapshot }).value;
    expect(snapshot.sessions.map((s) => s.name)).toContain('acme');
    const recorded = harness.traffic.entries.filter((e) => e.method === 'getSnapshot');
    expect(recorded.map((e) => e.direction)).toEqual(['call', 'result']);
    expect(recorded[1]!.text).toBe(reply.body);
  });

  it('validates arguments with the shared schemas before the core sees them', async () => {
    const before = harness.fake.requests.length;
    const reply = await call(harness, 'signIn', [42]);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({
      value: {
        ok: false,
        error: {
          code: 'invalid-argument',
          message: expect.stringContaining('Invalid arguments for signIn'),
        },
      },
    });
    expect(harness.fake.requests.length).toBe(before);
    // Methods without a result type reject instead.
    expect((await call(harness, 'getSnapshot', [1])).status).toBe(400);
    const garbage = await send(harness, {
      method: 'POST',
      path: '/api/copyText',
      body: '{not json',
    });
    expect(JSON.parse(garbage.body).value.error.code).toBe('invalid-argument');
    expect(harness.clipboard.writes).toEqual([]);
  });

  it('refuses unknown methods, other verbs, other hosts and other origins', async () => {
    expect((await call(harness, 'deleteEverything', [])).status).toBe(404);
    expect((await send(harness, { path: '/api/signIn' })).status).toBe(405);
    // DNS rebinding: a page on another name that resolves to 127.0.0.1.
    expect(
      (
        await send(harness, {
          path: '/',
          headers: { host: `evil.example:${new URL(harness.url).port}` },
        })
      ).status,
    ).toBe(421);
    const foreign = await call(harness, 'copyText', ['hello'], { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    // A URL-encoded method name is no method.
    expect((await call(harness, 'get%53napshot', [])).status).toBe(404);
    expect(harness.clipboard.writes).toEqual([]);
  });

  it('serves nothing outside the renderer folder', async () => {
    for (const sneaky of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets%2f..%2f..%2fsecret.txt',
    ]) {
      const reply = await send(harness, { path: sneaky });
      expect(reply.status, sneaky).toBe(404);
      expect(reply.body).not.toContain('outside');
    }
  });

  it('streams the current snapshot, then each new one', async () => {
    const controller = new AbortController();
    const response = await fetch(`${harness.origin}/api/snapshots`, {
      headers: harness.windowHeaders,
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    const nextSnapshot = async (): Promise<Snapshot> => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          expect(event.startsWith('event: snapshot\ndata: ')).toBe(true);
          return JSON.parse(event.slice('event: snapshot\ndata: '.length)) as Snapshot;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += value;
      }
    };
    const first = await nextSnapshot();
    expect(first.sessions.find((s) => s.kind === 'legacy')?.state).toBe('signed-out');

    const legacy = 'https://d-legacy0001.awsapps.com/start';
    harness.home.writeToken(
      legacy,
      serializeCliToken(harness.fake.issueToken({ startUrl: legacy, refreshable: false })),
    );
    let next = await nextSnapshot();
    while (next.sessions.find((s) => s.name === legacy)?.state !== 'valid')
      next = await nextSnapshot();
    expect(next.version).toBeGreaterThan(first.version);
    controller.abort();
    expect(harness.traffic.entries.some((e) => e.direction === 'event')).toBe(true);
  });
});
