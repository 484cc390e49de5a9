// The web window's bridge (the preload's twin for a browser tab): served as
// /bridge.js by the loopback bridge (app/core/web/bridge-server.ts) and loaded
// before the renderer, it is `window.ssoTray`, the app/shared API over fetch
// (calls) and Server-Sent Events (snapshots). `sso-tray serve --open`, the
// demo and the e2e tests serve the window this way.
import {
  API_METHODS,
  BRIDGE_NAME,
  type ApiError,
  type ApiMethod,
  type SsoTrayApi,
} from '../shared/api';
import type { Snapshot } from '../shared/model';
import { PLAIN_METHODS, SNAPSHOT_EVENTS_PATH, apiPath } from '../shared/bridge-protocol';

// This file runs in the browser, but it is type-checked with the node-side
// config, which has no DOM library: declare the two browser globals it uses.
declare const window: object;
declare class EventSource {
  constructor(url: string);
  addEventListener(type: 'snapshot', listener: (event: { data: string }) => void): void;
  close(): void;
}

const plain = new Set<ApiMethod>(PLAIN_METHODS);

async function call(method: ApiMethod, args: unknown[]): Promise<unknown> {
  // JSON has no `undefined`: drop trailing ones, as optional arguments.
  const trimmed = [...args];
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === undefined) trimmed.pop();
  let response: Response;
  let body: { value?: unknown; error?: ApiError };
  try {
    response = await fetch(apiPath(method), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ args: trimmed }),
    });
    body = (await response.json()) as typeof body;
  } catch {
    const error: ApiError = { code: 'bridge-unreachable', message: 'SSO Tray is not running.' };
    if (plain.has(method)) throw new Error(error.message);
    return { ok: false, error };
  }
  if (response.ok) return body.value;
  const error = body.error ?? { code: 'bridge', message: `The app answered ${response.status}.` };
  if (plain.has(method)) throw new Error(error.message);
  return { ok: false, error };
}

const listeners = new Set<(snapshot: Snapshot) => void>();
let events: EventSource | null = null;

function subscribe(listener: (snapshot: Snapshot) => void): () => void {
  listeners.add(listener);
  if (!events) {
    events = new EventSource(SNAPSHOT_EVENTS_PATH);
    events.addEventListener('snapshot', (event) => {
      const snapshot = JSON.parse(event.data) as Snapshot;
      for (const each of [...listeners]) each(snapshot);
    });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      events?.close();
      events = null;
    }
  };
}

const methods = Object.fromEntries(
  API_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
);
const bridge = Object.freeze({ ...methods, onSnapshot: subscribe }) as SsoTrayApi;
Object.defineProperty(window, BRIDGE_NAME, { value: bridge, writable: false, configurable: false });
