// The PKCE redirect target: an HTTP listener on 127.0.0.1 only (the AWS CLI
// binds every interface; we do not), ephemeral port, path /oauth/callback. It
// waits for the one callback that carries our `state`, answers the browser with
// a short page, and closes. Anything else on the port (a wrong or missing
// state, from a local process or a web page scanning loopback ports) gets a 400
// and changes nothing, so it cannot cancel the sign-in. It gives up after a
// timeout or when the sign-in is cancelled.

import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Clock } from '../clock';
import { AuthError } from './auth-error';

export const CALLBACK_PATH = '/oauth/callback';
export const DEFAULT_LOOPBACK_TIMEOUT_MS = 10 * 60_000;

export interface LoopbackListener {
  /** `http://127.0.0.1:<port>/oauth/callback` */
  readonly redirectUri: string;
  /** The authorization code, or an AuthError (denied, failed, timeout, cancelled). */
  readonly code: Promise<string>;
  close(): Promise<void>;
}

export interface LoopbackOptions {
  readonly expectedState: string;
  readonly clock: Clock;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Names the session in the page the browser shows. */
  readonly sessionLabel: string;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

function reply(res: ServerResponse, status: number, title: string, text: string): void {
  const html =
    '<!doctype html><html><head><meta charset="utf-8"><title>SSO Tray</title>' +
    '<style>body{font-family:system-ui,sans-serif;margin:4em auto;max-width:32em;text-align:center}</style>' +
    `</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    // The page needs nothing: no scripts, no frames, no referrer carrying the code.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  res.end(html);
}

export async function startLoopbackListener(options: LoopbackOptions): Promise<LoopbackListener> {
  const { signal, clock, sessionLabel } = options;
  const sockets = new Set<Socket>();
  let settle!: { resolve: (code: string) => void; reject: (error: AuthError) => void };
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  // Nobody may be awaiting yet when it fails early; the caller awaits later.
  code.catch(() => undefined);
  let done = false;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH || done) {
      reply(res, 404, 'Not found', 'This address only accepts the sign-in callback.');
      return;
    }
    const error = url.searchParams.get('error');
    const state = url.searchParams.get('state');
    const authCode = url.searchParams.get('code');
    if (state !== options.expectedState) {
      // Not our browser's answer: refuse it and keep waiting for the right one.
      reply(
        res,
        400,
        'Response refused',
        'This response does not belong to the sign-in SSO Tray is waiting for. Finish the sign-in in the page SSO Tray opened.',
      );
      return;
    }
    done = true;
    if (error !== null) {
      const denied = error === 'access_denied';
      reply(
        res,
        200,
        denied ? 'Access denied' : 'Sign-in failed',
        `SSO Tray was not signed in to ${sessionLabel}. You can close this tab.`,
      );
      finish(
        denied
          ? new AuthError('access-denied', `Access was denied in the browser for ${sessionLabel}.`)
          : new AuthError(
              'authorization-failed',
              // Anyone can call the loopback port: keep only a short OAuth-style code.
              `IAM Identity Center reported "${error.replace(/[^\w.-]/g, '').slice(0, 64)}" for ${sessionLabel}.`,
            ),
      );
    } else if (!authCode) {
      reply(res, 400, 'Sign-in failed', 'The response carried no authorization code.');
      finish(
        new AuthError(
          'authorization-failed',
          `The browser returned no authorization code for ${sessionLabel}.`,
        ),
      );
    } else {
      reply(
        res,
        200,
        'Signed in',
        `SSO Tray is signed in to ${sessionLabel}. You can close this tab.`,
      );
      finish(authCode);
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const timer = clock.setTimer(options.timeoutMs ?? DEFAULT_LOOPBACK_TIMEOUT_MS, () =>
    finish(
      new AuthError('timeout', `Timed out waiting for the browser sign-in of ${sessionLabel}.`),
    ),
  );
  const onAbort = () =>
    finish(
      signal?.reason instanceof AuthError
        ? signal.reason
        : new AuthError('cancelled', `The sign-in of ${sessionLabel} was cancelled.`),
    );
  signal?.addEventListener('abort', onAbort, { once: true });

  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      timer.cancel();
      signal?.removeEventListener('abort', onAbort);
      server.close(() => resolve());
      // Let the reply reach the browser, then drop idle keep-alive sockets.
      setImmediate(() => sockets.forEach((s) => s.end()));
    });
    return closed;
  };

  function finish(result: string | AuthError): void {
    done = true;
    if (typeof result === 'string') settle.resolve(result);
    else settle.reject(result);
    void close();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  if (signal?.aborted) onAbort();
  const { port } = server.address() as AddressInfo;
  return { redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`, code, close };
}
