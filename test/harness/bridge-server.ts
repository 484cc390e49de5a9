// The loopback HTTP bridge: serves the built renderer with /bridge.js in place
// of the preload, answers API calls (validated with the same zod schemas main
// uses) and streams snapshots as Server-Sent Events. It binds 127.0.0.1 only,
// refuses other Host names (DNS rebinding) and cross-origin calls, and records
// every byte it sends to the window. Test and demo only; never shipped.
import { build } from 'esbuild';
import { promises as fs } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_METHODS, type ApiMethod, type SsoTrayApi } from '../../app/shared/api';
import { checkArguments } from '../../app/shared/api-schema';
import type { Snapshot } from '../../app/shared/model';
import {
  API_PREFIX,
  BRIDGE_SCRIPT_PATH,
  PLAIN_METHODS,
  SNAPSHOT_EVENTS_PATH,
} from './bridge-protocol';
import type { BridgeTraffic } from './traffic';

export interface BridgeServerOptions {
  readonly api: SsoTrayApi;
  /** The built renderer (`out/renderer`). */
  readonly rendererDir: string;
  readonly traffic: BridgeTraffic;
  /** 0 (default): an ephemeral port. */
  readonly port?: number;
}

export interface BridgeServer {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const MAX_BODY_BYTES = 32 * 1024 * 1024;

let bridgeScript: Promise<string> | null = null;

/** The browser side of the bridge, bundled once per process. */
export function bridgeClientScript(): Promise<string> {
  bridgeScript ??= build({
    entryPoints: [fileURLToPath(new URL('./bridge-client.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return bridgeScript;
}

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

function sendText(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const { api, traffic } = options;
  const rendererDir = path.resolve(options.rendererDir);
  const [indexHtml, script] = await Promise.all([
    fs.readFile(path.join(rendererDir, 'index.html'), 'utf8').then(injectBridge),
    bridgeClientScript(),
  ]);
  const sockets = new Set<Socket>();
  const streams = new Set<ServerResponse>();
  let origin = '';
  let allowedHosts = new Set<string>();

  const sendJson = (res: ServerResponse, method: ApiMethod, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    traffic.record('result', method, text);
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
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && !allowedHosts.has(requestOrigin.replace(/^http:\/\//, ''))) {
      return sendJson(res, name, 403, {
        error: { code: 'forbidden', message: 'Calls are accepted from the window only.' },
      });
    }
    const text = await readBody(req);
    traffic.record('call', name, text ?? '');
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
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    streams.add(res);
    const send = (snapshot: Snapshot) => {
      const text = JSON.stringify(snapshot);
      traffic.record('event', 'onSnapshot', text);
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
      return sendText(res, 200, CONTENT_TYPES['.html']!, indexHtml);
    }
    if (pathname === BRIDGE_SCRIPT_PATH) return sendText(res, 200, CONTENT_TYPES['.js']!, script);
    const file = path.resolve(rendererDir, `.${path.posix.normalize(pathname)}`);
    if (!file.startsWith(`${rendererDir}${path.sep}`))
      return sendText(res, 404, 'text/plain', 'Not found');
    try {
      const body = await fs.readFile(file);
      const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
      sendText(res, 200, type, body);
    } catch {
      sendText(res, 404, 'text/plain', 'Not found');
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    // Only our own origin: a page elsewhere cannot reach the bridge by rebinding a DNS name.
    if (!allowedHosts.has(req.headers.host ?? '')) {
      return sendText(res, 421, 'text/plain', 'Wrong host');
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', origin).pathname);
    } catch {
      return sendText(res, 400, 'text/plain', 'Bad request');
    }
    if (pathname === SNAPSHOT_EVENTS_PATH && req.method === 'GET') return handleEvents(req, res);
    if (pathname.startsWith(API_PREFIX)) {
      if (req.method !== 'POST') return sendText(res, 405, 'text/plain', 'Use POST');
      return handleCall(req, res, pathname.slice(API_PREFIX.length));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendText(res, 405, 'text/plain', 'Method not allowed');
    }
    return handleStatic(res, pathname);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'text/plain', 'Bridge error');
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
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  return {
    url: `${origin}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
