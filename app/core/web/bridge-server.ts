// The loopback HTTP bridge: serves the built renderer with /bridge.js in place
// of the preload, answers API calls (validated with the same zod schemas main
// uses) and streams snapshots as Server-Sent Events. Used by the e2e tests and
// the web demo; it depends on nothing test-only, so it can move into app/ (for
// `sso-tray serve --open`) as it is.
//
// Any local process and any web page can reach a loopback port, so every
// request must show, besides a Host naming us (DNS rebinding):
// - the per-run secret, as an HttpOnly SameSite=Strict cookie. The printed URL
//   carries the secret once; the first load trades it for the cookie and is
//   redirected to the same page without it;
// - no Origin but ours (a page on another loopback port is same-site, so it
//   would send the cookie along; its Origin gives it away), and no
//   Sec-Fetch-Site saying the request came from another site or origin.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { API_METHODS, type ApiMethod, type SsoTrayApi } from '../../shared/api';
import type { Snapshot } from '../../shared/model';
import { contentTypeOf, resolveStaticPath } from './static-files';
import {
  API_PREFIX,
  BRIDGE_SCRIPT_PATH,
  PLAIN_METHODS,
  SNAPSHOT_EVENTS_PATH,
} from '../../shared/bridge-protocol';

/** Which way a message went: the window's call, its result, or a pushed snapshot. */
export type BridgeDirection = 'call' | 'result' | 'event';
export type BridgeObserver = (
  direction: BridgeDirection,
  method: ApiMethod | 'onSnapshot',
  text: string,
) => void;

export interface BridgeServerOptions {
  readonly api: SsoTrayApi;
  /** The built renderer (`out/renderer`). */
  readonly rendererDir: string;
  /** The browser side (bridge-client.ts, bundled), served as /bridge.js. */
  readonly clientScript: string;
  /** Sees every message the window sends and receives (tests record them). */
  readonly observe?: BridgeObserver;
  /** 0 (default): an ephemeral port. */
  readonly port?: number;
}

export interface BridgeServer {
  /** The address to open once: `http://127.0.0.1:PORT/?key=SECRET`. */
  readonly url: string;
  /** `http://127.0.0.1:PORT`, for requests made after the first load. */
  readonly origin: string;
  readonly port: number;
  /** The Cookie header the window sends (for callers in this process that play it). */
  readonly cookie: string;
  close(): Promise<void>;
}

/** The query parameter of the printed URL that carries the secret. */
export const KEY_PARAMETER = 'key';

const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** The renderer's index.html with the bridge loaded before the app's module script. */
export function injectBridge(html: string): string {
  const at = html.search(/<script\b[^>]*type="module"/);
  if (at < 0) throw new Error('index.html has no module script: is the renderer built?');
  return `${html.slice(0, at)}<script src="${BRIDGE_SCRIPT_PATH}"></script>\n    ${html.slice(at)}`;
}

const isApiMethod = (name: string): name is ApiMethod =>
  (API_METHODS as readonly string[]).includes(name);

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  // The first URL carries the secret: never pass any URL on.
  'referrer-policy': 'no-referrer',
} as const;

function sendText(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': type, ...SECURITY_HEADERS, ...headers });
  res.end(body);
}

const refuse = (res: ServerResponse, status: number, text: string) =>
  sendText(res, status, 'text/plain; charset=utf-8', text);

/** Constant-time comparison, so the secret cannot be guessed byte by byte from timings. */
function sameSecret(given: string | null | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  // The schema library loads only for commands that serve the window.
  const { checkArguments } = await import('../../shared/api-schema');
  const { api } = options;
  const observe: BridgeObserver = options.observe ?? (() => undefined);
  const rendererDir = path.resolve(options.rendererDir);
  const indexHtml = injectBridge(await fs.readFile(path.join(rendererDir, 'index.html'), 'utf8'));
  const secret = randomBytes(32).toString('base64url');
  const sockets = new Set<Socket>();
  const streams = new Set<ServerResponse>();
  let origin = '';
  let cookieName = '';
  let allowedHosts = new Set<string>();

  const sendJson = (res: ServerResponse, method: ApiMethod, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    observe('result', method, text);
    sendText(res, status, 'application/json; charset=utf-8', text);
  };

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string) {
    if (!isApiMethod(name)) {
      return sendText(
        res,
        404,
        'application/json',
        '{"error":{"code":"unknown-method","message":"No such method."}}',
      );
    }
    const text = await readBody(req);
    observe('call', name, text ?? '');
    let args: unknown = undefined;
    try {
      args = text ? (JSON.parse(text) as { args?: unknown }).args : undefined;
    } catch {
      // Reported as invalid arguments below.
    }
    const check = checkArguments(name, args ?? null);
    if (!check.ok) {
      // As main's IPC handlers do: an ApiResult for result methods, a rejection for the others.
      const error = { code: 'invalid-argument', message: check.message };
      if (PLAIN_METHODS.includes(name)) return sendJson(res, name, 400, { error });
      return sendJson(res, name, 200, { value: { ok: false, error } });
    }
    try {
      const method = api[name] as (...values: unknown[]) => Promise<unknown>;
      const value = await method(...check.args);
      sendJson(res, name, 200, { value });
    } catch {
      // The API returns failures as results; a throw is a bug, and its text may not be safe to show.
      sendJson(res, name, 500, {
        error: { code: 'unexpected', message: `The app failed to answer ${name}.` },
      });
    }
  }

  async function handleEvents(req: IncomingMessage, res: ServerResponse) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      ...SECURITY_HEADERS,
      connection: 'keep-alive',
    });
    streams.add(res);
    const send = (snapshot: Snapshot) => {
      const text = JSON.stringify(snapshot);
      observe('event', 'onSnapshot', text);
      res.write(`event: snapshot\ndata: ${text}\n\n`);
    };
    const unsubscribe = api.onSnapshot(send);
    req.on('close', () => {
      unsubscribe();
      streams.delete(res);
    });
    send(await api.getSnapshot());
  }

  async function handleStatic(res: ServerResponse, pathname: string) {
    if (pathname === '/' || pathname === '/index.html') {
      return sendText(res, 200, 'text/html; charset=utf-8', indexHtml);
    }
    if (pathname === BRIDGE_SCRIPT_PATH) {
      return sendText(res, 200, 'text/javascript; charset=utf-8', options.clientScript);
    }
    const file = resolveStaticPath(rendererDir, pathname);
    const type = file === null ? null : contentTypeOf(file);
    if (file === null || type === null) return refuse(res, 404, 'Not found');
    try {
      sendText(res, 200, type, await fs.readFile(file));
    } catch {
      refuse(res, 404, 'Not found');
    }
  }

  /** The printed URL's one use: trade the secret for the cookie, then drop it from the address bar. */
  function exchangeKey(res: ServerResponse, key: string | null) {
    if (!sameSecret(key, secret)) {
      return refuse(res, 403, 'This address is out of date. Open the one SSO Tray printed.');
    }
    sendText(res, 303, 'text/plain; charset=utf-8', 'Opening SSO Tray…', {
      location: '/',
      'set-cookie': `${cookieName}=${secret}; Path=/; HttpOnly; SameSite=Strict`,
    });
  }

  /** Null when the request may go on, else why not. */
  function refusal(req: IncomingMessage): string | null {
    if (!sameSecret(cookieValue(req, cookieName), secret)) {
      return 'Open the address SSO Tray printed: this browser has not been let in.';
    }
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== `http://${req.headers.host}`) {
      return 'Requests are accepted from the SSO Tray window only.';
    }
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return 'Requests are accepted from the SSO Tray window only.';
    }
    return null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    // A refused request's body is read and dropped, so its sender gets the answer.
    const deny = (status: number, text: string) => {
      req.resume();
      refuse(res, status, text);
    };
    // Only our own name: a page elsewhere cannot reach the bridge by rebinding a DNS name.
    if (!allowedHosts.has(req.headers.host ?? '')) return deny(421, 'Wrong host');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', origin);
    } catch {
      return deny(400, 'Bad request');
    }
    const { pathname } = url;
    if (req.method === 'GET' && pathname === '/' && url.searchParams.has(KEY_PARAMETER)) {
      return exchangeKey(res, url.searchParams.get(KEY_PARAMETER));
    }
    const refused = refusal(req);
    if (refused !== null) return deny(403, refused);
    if (pathname === SNAPSHOT_EVENTS_PATH && req.method === 'GET') return handleEvents(req, res);
    if (pathname.startsWith(API_PREFIX)) {
      if (req.method !== 'POST') return deny(405, 'Use POST');
      return handleCall(req, res, pathname.slice(API_PREFIX.length));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(405, 'Method not allowed');
    return handleStatic(res, pathname);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'Bridge error');
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  // Cookies are shared across ports on one host: one name per bridge.
  cookieName = `sso-tray-bridge-${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  return {
    url: `${origin}/?${KEY_PARAMETER}=${secret}`,
    origin,
    port,
    cookie: `${cookieName}=${secret}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
