/**
 * A fake AWS IAM Identity Center on 127.0.0.1 (ephemeral port) speaking the real
 * rest-json wire protocol of SSO-OIDC and the SSO portal, for tests and scripts.
 * The real `@aws-sdk/client-sso-oidc` / `@aws-sdk/client-sso` clients, botocore
 * and the AWS CLI reach it through `fake.env` (AWS_ENDPOINT_URL_SSO_OIDC /
 * AWS_ENDPOINT_URL_SSO) or, for the AWS CLI 2.9.19, `AWS_DATA_PATH=fake.awsDataPath()`.
 *
 * Operations: RegisterClient, StartDeviceAuthorization, CreateToken (device_code,
 * authorization_code + PKCE S256, refresh_token), GET /authorize (approves and
 * redirects to the loopback redirect URI with code + state), GET /device?user_code=
 * (the user confirms a device code), GetRoleCredentials, ListAccounts,
 * ListAccountRoles (paginated), Logout. Errors carry `x-amzn-ErrorType` and the
 * OAuth `error` body (AuthorizationPending, SlowDown, ExpiredToken, AccessDenied,
 * InvalidGrant, InvalidClient, UnauthorizedClient; UnauthorizedException on the portal).
 *
 * Knobs (`fake.knobs`, mutable at any time; defaults in brackets, the real service's):
 * - pollsBeforeApproval [2]   AuthorizationPending replies every device code gives first,
 *                             even when the user confirmed it at once
 * - autoApprove [false]       approve device codes without a visit to /device
 *                             (`FAST_APPROVAL` turns both off for tests that opt in)
 * - slowDownReplies [0]       SlowDown replies to the next device polls
 * - deny [false]              device polls: AccessDenied; /authorize: error=access_denied
 * - deviceCodeTtlSeconds [600], deviceIntervalSeconds [1]
 * - accessTokenTtlSeconds [28800], registrationTtlSeconds [90 days]
 * - issueRefreshTokens [true] (only to clients registered with scopes, like the service)
 * - rotateRefreshTokens [true] a refresh invalidates the old refresh token
 * - refreshRevoked [false]    every refresh_token grant fails with InvalidGrantException
 * - failures {op: {status, count, errorType?}}  fail the next `count` requests
 *                             (status 5xx/4xx, or 'reset' to drop the connection)
 * - delays {op: ms}           wait (real time) before answering; a client that hangs up
 *                             meanwhile is recorded as `aborted` and gets no answer
 * - holdUntil {op: n}         answer nothing of `op` until n requests of it have arrived,
 *                             then in arrival order (rival clients in flight together)
 * - accounts [dev 111111111111: DeveloperAccess, ReadOnly; prod 222222222222: ReadOnly,
 *   AdministratorAccess], pageSize [10]
 * - roleCredentialsExpiresAt [start + 1 h, whole seconds]; credentials are deterministic
 *   per (account, role): see `roleCredentials()`.
 * Time: `options.clock` (e.g. the test's FakeClock) decides token and code expiry.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { rmSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import { createAwsDataPath } from './fake-aws-data-path';
import {
  authorize,
  createToken,
  registerClient,
  startDeviceAuthorization,
  verifyDevice,
} from './fake-oidc';
import { getRoleCredentials, listAccountRoles, listAccounts, logout } from './fake-portal';
import { fakeRoleCredentials, type FakeRoleCredentials } from './fake-role-credentials';
import {
  defaultKnobs,
  FakeState,
  type DeviceAuthorization,
  type FakeKnobs,
  type FakeOperation,
} from './fake-state';
import { parseJsonObject, readBody, sendOidcError, sendPortalError } from './fake-wire';

export type { FakeAccount, FakeFailure, FakeKnobs, FakeOperation } from './fake-state';
export { FAST_APPROVAL } from './fake-state';
export type { FakeRoleCredentials } from './fake-role-credentials';

export interface FakeIdentityCenterOptions {
  /** Initial knob values (merged over the defaults). */
  readonly knobs?: Partial<FakeKnobs>;
  /** The region the fake pretends to be in (token files, `issueToken`). Default us-east-1. */
  readonly region?: string;
  /** Time source for expiry decisions; default Date.now. */
  readonly clock?: { now(): number };
}

export interface RecordedRequest {
  readonly operation: FakeOperation | 'Unknown';
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON body (OIDC), or null. */
  readonly body: Readonly<Record<string, unknown>> | null;
  readonly at: number;
  /** The client closed the connection before the fake answered (it gave up waiting). */
  readonly aborted: boolean;
  /** Requests of the same operation still unanswered when this one arrived (client concurrency). */
  readonly othersInFlight: number;
}

/** A token minted directly, shaped like `NewToken` so `serializeCliToken(issued)` writes its file. */
export interface IssuedToken {
  readonly startUrl: string;
  readonly region: string;
  readonly accessToken: string;
  /** Epoch ms. */
  readonly expiresAt: number;
  readonly clientId: string | null;
  readonly clientSecret: string | null;
  readonly registrationExpiresAt: number | null;
  readonly refreshToken: string | null;
}

export interface IssueTokenOptions {
  readonly startUrl?: string;
  readonly region?: string;
  /** Lifetime from now; default the accessTokenTtlSeconds knob. Ignored with `expiresAt`. */
  readonly ttlSeconds?: number;
  /** Absolute expiry (epoch ms), may be in the past for an expired token. */
  readonly expiresAt?: number;
  /** Include a refresh token and a client registration (default true). */
  readonly refreshable?: boolean;
}

export interface BrowserVisit {
  readonly status: number;
  /** The last URL visited (after following redirects). */
  readonly url: string;
  readonly body: string;
}

export interface FakeIdentityCenter {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly region: string;
  /** Endpoint variables the JS SDK and botocore honour. */
  readonly env: { AWS_ENDPOINT_URL_SSO_OIDC: string; AWS_ENDPOINT_URL_SSO: string };
  readonly knobs: FakeKnobs;
  /** Every request, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  requestsFor(operation: FakeOperation): RecordedRequest[];
  /** Resolves once `count` requests of `operation` have arrived (counting earlier ones). */
  waitForRequests(operation: FakeOperation, count?: number): Promise<RecordedRequest[]>;
  /** Resolves once clients have abandoned `count` requests of `operation` before their answer. */
  waitForAborted(operation: FakeOperation, count?: number): Promise<RecordedRequest[]>;
  /** Mints a valid token without running a flow, for tests that need a signed-in cache file. */
  issueToken(options?: IssueTokenOptions): IssuedToken;
  /** The credentials GetRoleCredentials returns for this account and role. */
  roleCredentials(accountId: string, roleName: string): FakeRoleCredentials;
  /** Approves pending device codes (one user code, or all). Returns how many. */
  approveDevice(userCode?: string): number;
  denyDevice(userCode?: string): number;
  /** Outstanding device codes now get ExpiredTokenException. */
  expireDeviceCodes(): void;
  /** Device authorizations not yet exchanged for a token. */
  pendingDevices(): readonly Pick<DeviceAuthorization, 'userCode' | 'startUrl' | 'polls'>[];
  /** Ends every sign-in (as an admin revoking sessions): tokens and refresh tokens stop working. */
  revokeAllSessions(): void;
  /** Whether this access token is still accepted by the portal. */
  isTokenValid(accessToken: string): boolean;
  /** A minimal browser: GET `url`, following redirects (including to a loopback callback). */
  visit(url: string): Promise<BrowserVisit>;
  /** Directory for AWS_DATA_PATH with endpoint rule sets pointing here (AWS CLI 2.9.19). */
  awsDataPath(): string;
  close(): Promise<void>;
}

const ROUTES: Record<string, FakeOperation> = {
  'POST /client/register': 'RegisterClient',
  'POST /device_authorization': 'StartDeviceAuthorization',
  'POST /token': 'CreateToken',
  'GET /authorize': 'Authorize',
  'GET /device': 'VerifyDevice',
  'GET /federation/credentials': 'GetRoleCredentials',
  'GET /assignment/accounts': 'ListAccounts',
  'GET /assignment/roles': 'ListAccountRoles',
  'POST /logout': 'Logout',
};

const PORTAL_OPERATIONS = new Set<FakeOperation>([
  'GetRoleCredentials',
  'ListAccounts',
  'ListAccountRoles',
  'Logout',
]);

/** Waits for `until`, or less if the client hangs up first (nobody is left to answer). */
const holdAnswer = (until: Promise<unknown>, res: ServerResponse) =>
  new Promise<void>((resolve) => {
    void until.then(() => resolve());
    res.once('close', () => resolve());
  });

/** Waits `ms`, or less if the client hangs up first (nobody is left to answer). */
const delayAnswer = (ms: number, res: ServerResponse) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    res.once('close', done);
    function done() {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    }
  });

export async function startFakeIdentityCenter(
  options: FakeIdentityCenterOptions = {},
): Promise<FakeIdentityCenter> {
  const now = () => (options.clock ?? Date).now();
  const region = options.region ?? 'us-east-1';
  const knobs: FakeKnobs = { ...defaultKnobs(now()), ...options.knobs };
  const state = new FakeState(knobs, now);
  const requests: RecordedRequest[] = [];
  const waiters = new Set<() => void>();
  const sockets = new Set<Socket>();
  let dataPath: string | null = null;
  let baseUrl = '';
  let closing = false;
  const unanswered = new Set<RecordedRequest>();

  const wakeWaiters = () => {
    for (const wake of [...waiters]) wake();
  };
  const record = (entry: RecordedRequest) => {
    requests.push(entry);
    wakeWaiters();
  };
  const requestsFor = (operation: FakeOperation) =>
    requests.filter((r) => r.operation === operation);
  /** Resolves with the matching requests once there are at least `count` of them. */
  const waitFor = (matching: () => RecordedRequest[], count: number) => {
    if (matching().length >= count) return Promise.resolve(matching());
    return new Promise<RecordedRequest[]>((resolve) => {
      const wake = () => {
        if (matching().length < count) return;
        waiters.delete(wake);
        resolve(matching());
      };
      waiters.add(wake);
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const operation = ROUTES[`${req.method} ${url.pathname}`];
    const text = await readBody(req);
    const body = req.method === 'POST' && operation !== 'Logout' ? parseJsonObject(text) : null;
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers[key.toLowerCase()] = value;
      else if (Array.isArray(value)) headers[key.toLowerCase()] = value.join(', ');
    }
    const entry: { -readonly [K in keyof RecordedRequest]: RecordedRequest[K] } = {
      operation: operation ?? 'Unknown',
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
      at: now(),
      aborted: false,
      othersInFlight: [...unanswered].filter((r) => r.operation === operation).length,
    };
    unanswered.add(entry);
    let droppedByUs = false;
    res.once('close', () => {
      unanswered.delete(entry);
      if (res.writableFinished || droppedByUs || closing) return;
      entry.aborted = true;
      wakeWaiters();
    });
    record(entry);
    if (!operation) {
      return sendOidcError(res, 'InvalidRequestException', `no route ${url.pathname}`, 404);
    }
    const holdUntil = knobs.holdUntil[operation];
    if (holdUntil)
      await holdAnswer(
        waitFor(() => requestsFor(operation), holdUntil),
        res,
      );
    const delay = knobs.delays[operation];
    if (delay) await delayAnswer(delay, res);
    if (entry.aborted) return;
    const failure = knobs.failures[operation];
    if (failure && failure.count > 0) {
      failure.count--;
      if (failure.status === 'reset') {
        droppedByUs = true;
        req.socket.destroy();
        return;
      }
      const errorType =
        failure.errorType ??
        (failure.status === 429 ? 'TooManyRequestsException' : 'InternalServerException');
      const send = PORTAL_OPERATIONS.has(operation) ? sendPortalError : sendOidcError;
      return send(res, errorType, 'Injected failure', failure.status);
    }
    if (req.method === 'POST' && operation !== 'Logout' && body === null) {
      return sendOidcError(res, 'InvalidRequestException', 'body is not a JSON object');
    }
    const json = body ?? {};
    switch (operation) {
      case 'RegisterClient':
        return registerClient(state, json, res);
      case 'StartDeviceAuthorization':
        return startDeviceAuthorization(state, baseUrl, json, res);
      case 'CreateToken':
        return createToken(state, json, res, now());
      case 'Authorize':
        return authorize(state, url.searchParams, res);
      case 'VerifyDevice':
        return verifyDevice(state, url.searchParams, res);
      case 'GetRoleCredentials':
        return getRoleCredentials(state, url.searchParams, headers, res);
      case 'ListAccounts':
        return listAccounts(state, url.searchParams, headers, res);
      case 'ListAccountRoles':
        return listAccountRoles(state, url.searchParams, headers, res);
      case 'Logout':
        return logout(state, headers, res);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        sendOidcError(res, 'InternalServerException', `fake failed: ${String(error)}`, 500);
      } else {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  const forDevices = (userCode: string | undefined, apply: (d: DeviceAuthorization) => void) => {
    const devices = state.findDevice(userCode);
    devices.forEach(apply);
    return devices.length;
  };

  return {
    url: baseUrl,
    region,
    env: { AWS_ENDPOINT_URL_SSO_OIDC: baseUrl, AWS_ENDPOINT_URL_SSO: baseUrl },
    knobs,
    requests,
    requestsFor,
    waitForRequests: (operation, count = 1) => waitFor(() => requestsFor(operation), count),
    waitForAborted: (operation, count = 1) =>
      waitFor(() => requests.filter((r) => r.operation === operation && r.aborted), count),
    issueToken(issue = {}) {
      const startUrl = issue.startUrl ?? 'https://d-abc123.awsapps.com/start';
      const refreshable = issue.refreshable ?? true;
      const client = refreshable
        ? state.registerClient({
            clientName: 'fake-issued',
            scopes: ['sso:account:access'],
            grantTypes: ['authorization_code', 'refresh_token'],
            redirectUris: ['http://127.0.0.1/oauth/callback'],
            issuerUrl: startUrl,
          })
        : null;
      const token = state.mintToken(client, startUrl, {
        ttlSeconds: issue.ttlSeconds,
        expiresAt: issue.expiresAt,
        refresh: refreshable,
      });
      return {
        startUrl,
        region: issue.region ?? region,
        accessToken: token.accessToken,
        expiresAt: token.expiresAt,
        clientId: client?.clientId ?? null,
        clientSecret: client?.clientSecret ?? null,
        registrationExpiresAt: client?.expiresAt ?? null,
        refreshToken: token.refreshToken ?? null,
      };
    },
    roleCredentials: (accountId, roleName) =>
      fakeRoleCredentials(accountId, roleName, knobs.roleCredentialsExpiresAt),
    approveDevice: (userCode) => forDevices(userCode, (d) => (d.approved = true)),
    denyDevice: (userCode) => forDevices(userCode, (d) => (d.denied = true)),
    expireDeviceCodes: () => void forDevices(undefined, (d) => (d.forcedExpired = true)),
    pendingDevices: () =>
      state
        .findDevice()
        .map((d) => ({ userCode: d.userCode, startUrl: d.startUrl, polls: d.polls })),
    revokeAllSessions() {
      for (const record of state.accessTokens.values()) state.endSignIn(record.signInId);
    },
    isTokenValid: (accessToken) => state.validBearer(accessToken) !== null,
    async visit(start) {
      let url = start;
      for (let hop = 0; hop < 10; hop++) {
        const response = await fetch(url, { redirect: 'manual' });
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location) {
          await response.arrayBuffer();
          url = new URL(location, url).toString();
          continue;
        }
        return { status: response.status, url, body: await response.text() };
      }
      throw new Error(`too many redirects from ${start}`);
    },
    awsDataPath() {
      dataPath ??= createAwsDataPath(baseUrl);
      return dataPath;
    },
    async close() {
      closing = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      if (dataPath) rmSync(dataPath, { recursive: true, force: true });
    },
  };
}
