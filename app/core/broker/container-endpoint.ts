// The container-credentials endpoint: what ECS and EKS serve to the AWS SDKs
// (AWS_CONTAINER_CREDENTIALS_FULL_URI plus a token), here on 127.0.0.1 only,
// one path per profile: GET /v1/credentials/<url-encoded profile>.
// https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html
//
// Checks, in this order: the Host header names 127.0.0.1:<port> or
// localhost:<port> (a page on a rebound DNS name gets 403), no browser Origin,
// GET only, the token in Authorization exactly as the SDKs send it (no
// "Bearer "): 401 without one, 403 with a wrong one. Errors are JSON
// `{ "code", "message" }` (plus `Code`, `Message`), never a secret.
//
// The SDKs wait 1 to 2 seconds per attempt, so this endpoint cannot hold a
// caller through a browser sign-in: the broker answers at once (needs-sign-in)
// while the sign-in runs, and the SDK's next call gets the credentials.

import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RoleCredentials } from '../credentials/role-credentials';
import { errnoCode } from '../fs/errno';
import type { CredentialsOutcome } from './answer-credentials';
import type { CallerInfo } from './broker-protocol';

export const CONTAINER_PATH_PREFIX = '/v1/credentials/';
const LOOPBACK = '127.0.0.1';

/** encodeURIComponent plus ! ' ( ) *, so the URL holds nothing a shell would need quoted but %. */
const encodeProfile = (profile: string) =>
  encodeURIComponent(profile).replace(
    /[!'()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );

export const containerCredentialsUrl = (baseUrl: string, profile: string): string =>
  `${baseUrl}${CONTAINER_PATH_PREFIX}${encodeProfile(profile)}`;

export interface ContainerEndpointOptions {
  readonly token: string;
  /** Answers one request for `profile`; `callerGone` aborts when the HTTP client hangs up. */
  readonly answer: (
    profile: string,
    caller: CallerInfo,
    callerGone: AbortSignal,
  ) => Promise<CredentialsOutcome>;
  /** Tried first (say, the port of the last run, so exported shells keep working); then any free port. */
  readonly preferredPort?: number;
  /** Requests answered at once; more get 503 `busy`. */
  readonly maxConcurrent?: number;
}

export interface ContainerEndpoint {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The SDKs surface the body of a 4xx; actionable errors stay 4xx, passing trouble is 503. */
function httpStatusFor(code: string): number {
  switch (code) {
    case 'unknown-profile':
      return 404;
    case 'internal':
      return 500;
    case 'busy':
    case 'shutting-down':
    case 'timeout':
    case 'cancelled':
    case 'network':
      return 503;
    default:
      return 400;
  }
}

/** The ECS answer. Expiration as ECS writes it: ISO-8601 UTC, whole seconds. */
function ecsCredentials(
  credentials: RoleCredentials & { sessionToken: string; expiration: number },
) {
  return {
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    Token: credentials.sessionToken,
    Expiration: new Date(credentials.expiration).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/** The profile named by `/v1/credentials/<url-encoded profile>`, or null. */
function profileOfPath(url: string): string | null {
  const target = url.split('?')[0] ?? '';
  if (!target.startsWith(CONTAINER_PATH_PREFIX)) return null;
  const encoded = target.slice(CONTAINER_PATH_PREFIX.length);
  if (encoded.includes('/')) return null;
  try {
    return decodeURIComponent(encoded) || null;
  } catch {
    return null;
  }
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** The HTTP client's product token (`aws-cli/2.9.19`, `Botocore/1.43.11`), as it reports it. */
function userAgentName(request: IncomingMessage): string | null {
  const first = (request.headers['user-agent'] ?? '').split(' ')[0] ?? '';
  return first.replace(/[^\x21-\x7e]/g, '').slice(0, 64) || null;
}

function send(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

export async function startContainerEndpoint(
  options: ContainerEndpointOptions,
): Promise<ContainerEndpoint> {
  const expected = digest(options.token);
  const maxConcurrent = options.maxConcurrent ?? 64;
  let active = 0;
  let port = 0;

  // The JS SDK shows `Code` and `Message` of a 4xx body (ECS's spelling); the rest read either.
  const refuse = (res: ServerResponse, status: number, code: string, message: string) =>
    send(res, status, { code, message, Code: code, Message: message });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').toLowerCase();
    if (host !== `${LOOPBACK}:${port}` && host !== `localhost:${port}`) {
      return refuse(
        res,
        403,
        'forbidden-host',
        `This endpoint answers only requests addressed to ${LOOPBACK}:${port} or localhost:${port}.`,
      );
    }
    if (req.headers.origin !== undefined) {
      return refuse(res, 403, 'forbidden-origin', 'Web pages may not call this endpoint.');
    }
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET');
      return refuse(res, 405, 'method-not-allowed', 'This endpoint answers GET only.');
    }
    const authorization = req.headers.authorization;
    if (!authorization) {
      return refuse(
        res,
        401,
        'missing-token',
        'Send the endpoint token (AWS_CONTAINER_AUTHORIZATION_TOKEN or _FILE) in the Authorization header.',
      );
    }
    if (!timingSafeEqual(digest(authorization), expected)) {
      return refuse(
        res,
        403,
        'wrong-token',
        "The Authorization header does not carry this endpoint's token; export the snippet again.",
      );
    }
    const profile = profileOfPath(req.url ?? '');
    if (profile === null) {
      return refuse(
        res,
        404,
        'not-found',
        `Ask for ${CONTAINER_PATH_PREFIX}<url-encoded profile name>.`,
      );
    }
    if (active >= maxConcurrent) return refuse(res, 503, 'busy', 'The broker is busy; try again.');
    active++;
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    try {
      const caller: CallerInfo = { via: 'container-endpoint', pid: null, name: userAgentName(req) };
      const outcome = await options.answer(profile, caller, gone.signal);
      if (res.destroyed) return;
      if (!outcome.ok) {
        return refuse(
          res,
          httpStatusFor(outcome.error.code),
          outcome.error.code,
          outcome.error.message,
        );
      }
      const { sessionToken, expiration } = outcome.credentials;
      if (sessionToken === null || expiration === null) {
        return refuse(
          res,
          502,
          'incomplete-credentials',
          `The portal gave credentials for ${profile} without a session token or expiry, which this protocol needs.`,
        );
      }
      send(res, 200, ecsCredentials({ ...outcome.credentials, sessionToken, expiration }));
    } finally {
      active--;
    }
  }

  const server = createServer({ requestTimeout: 10_000, headersTimeout: 5000 }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent)
        refuse(res, 500, 'internal', 'The endpoint failed to answer; see the broker log.');
      else res.destroy();
    });
  });
  // The SDKs open one connection per fetch; idle ones are not worth keeping.
  server.keepAliveTimeout = 1000;

  const listenOn = (wanted: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(wanted, LOOPBACK, () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await listenOn(options.preferredPort ?? 0);
  } catch (error) {
    if (errnoCode(error) !== 'EADDRINUSE' || !options.preferredPort) throw error;
    await listenOn(0);
  }
  port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://${LOOPBACK}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
