/**
 * A fake AWS STS on 127.0.0.1 (ephemeral port) speaking the real query
 * protocol: form-encoded `POST /` with `Action=AssumeRole&Version=2011-06-15`,
 * XML answers and `<ErrorResponse>` errors. The real `@aws-sdk/client-sts` and
 * botocore reach it through `fake.env` (AWS_ENDPOINT_URL_STS).
 *
 * Every request must carry a SigV4 signature made with credentials the fake
 * knows: role credentials of the fake IAM Identity Center passed as
 * `identityCenter`, IAM user keys registered with `addStaticKeys`, or
 * credentials it issued itself (so chains of any depth work). Otherwise the
 * real errors: MissingAuthenticationToken, InvalidClientTokenId (unknown key,
 * missing or wrong session token), ExpiredToken, SignatureDoesNotMatch.
 *
 * Operations: AssumeRole (validation, trust rules, MFA, session limits) and
 * GetCallerIdentity. Roles must be registered in `knobs.roles`; see README.md.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parseAuthorization, signatureMatches } from './fake-sigv4';
import {
  FakeStsCredentialStore,
  issuedCredentials,
  type FakeStsCaller,
  type IdentityCenterTrust,
  type IssuedStsCredentials,
} from './fake-sts-credentials';
import {
  assumeRole,
  getCallerIdentity,
  type FakeStsKnobs,
  type FakeStsOperation,
  type StsAnswer,
} from './fake-sts-operations';
import { sendStsError, sendStsResult, type StsErrorCode } from './fake-sts-wire';
import { readBody } from './fake-wire';

export type { FakeStsCaller, IssuedStsCredentials } from './fake-sts-credentials';
export type { FakeStsKnobs, FakeStsOperation, FakeStsRole } from './fake-sts-operations';

export interface FakeStsOptions {
  readonly knobs?: Partial<FakeStsKnobs>;
  /** Trust the role credentials this fake IAM Identity Center hands out. */
  readonly identityCenter?: IdentityCenterTrust;
  /** Time source for expiry decisions and issued expirations; default Date.now. */
  readonly clock?: { now(): number };
}

export interface RecordedStsRequest {
  readonly operation: FakeStsOperation | 'Unknown';
  /** Every form field (Action, Version, RoleArn, ...). */
  readonly params: Readonly<Record<string, string>>;
  readonly roleArn: string | null;
  readonly roleSessionName: string | null;
  readonly externalId: string | null;
  /** As sent (a string on the wire), or null when absent. */
  readonly durationSeconds: string | null;
  readonly serialNumber: string | null;
  readonly tokenCode: string | null;
  /** The access key id from the SigV4 `Credential=` scope, or null when unsigned. */
  readonly accessKeyId: string | null;
  /** The region in the signature's scope. */
  readonly signingRegion: string | null;
  readonly sessionTokenSent: boolean;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly at: number;
  /**
   * 'ok', the error code sent, 'reset' (dropped on purpose), 'abandoned' (the
   * client hung up before a delayed answer), or 'pending' while delayed.
   */
  outcome: string;
}

export interface FakeSts {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly env: { AWS_ENDPOINT_URL_STS: string };
  readonly knobs: FakeStsKnobs;
  readonly requests: readonly RecordedStsRequest[];
  requestsFor(operation: FakeStsOperation): RecordedStsRequest[];
  /** Resolves once `count` requests of `operation` have arrived (counting earlier ones). */
  waitForRequests(operation: FakeStsOperation, count?: number): Promise<RecordedStsRequest[]>;
  /** Resolves once `check()` holds, re-checked at every arrival and every outcome. */
  waitUntil(check: () => boolean): Promise<void>;
  /** Registers IAM user keys (random unless given) that may sign requests. */
  addStaticKeys(input?: {
    accessKeyId?: string;
    secretAccessKey?: string;
    sessionToken?: string;
    arn?: string;
  }): FakeStsCaller;
  /** What AssumeRole of `roleArn` returns to a caller signing with `callerAccessKeyId`. */
  credentialsFor(
    roleArn: string,
    callerAccessKeyId: string,
    expiration: number,
  ): IssuedStsCredentials;
  /** The caller these keys belong to, or null when the fake does not know them. */
  callerOf(accessKeyId: string): FakeStsCaller | null;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const headersOf = (req: IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers[key] = value;
    else if (Array.isArray(value)) headers[key] = value.join(',');
  }
  return headers;
};

export async function startFakeSts(options: FakeStsOptions = {}): Promise<FakeSts> {
  const now = () => (options.clock ?? Date).now();
  const knobs: FakeStsKnobs = {
    roles: [],
    mfaDevices: {},
    expiresAt: null,
    failures: {},
    delays: {},
    ...options.knobs,
  };
  const store = new FakeStsCredentialStore(options.identityCenter ?? null);
  const usedMfaCodes = new Set<string>();
  const requests: RecordedStsRequest[] = [];
  const waiters = new Set<() => void>();
  const sockets = new Set<Socket>();

  /** The caller whose valid signature is on the request, or the error STS sends. */
  function authenticate(
    req: IncomingMessage,
    headers: Record<string, string>,
    body: string,
  ): FakeStsCaller | { code: StsErrorCode; message: string } {
    if (!headers.authorization) {
      return {
        code: 'MissingAuthenticationToken',
        message: 'Request is missing Authentication Token',
      };
    }
    const auth = parseAuthorization(headers.authorization);
    if (!auth || !headers['x-amz-date']) {
      return {
        code: 'IncompleteSignature',
        message: `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters, and an X-Amz-Date header.`,
      };
    }
    const caller = store.find(auth.accessKeyId);
    const invalid = {
      code: 'InvalidClientTokenId' as const,
      message: 'The security token included in the request is invalid.',
    };
    if (!caller) return invalid;
    if (caller.sessionToken !== null && headers['x-amz-security-token'] !== caller.sessionToken) {
      return invalid;
    }
    if (caller.expiresAt !== null && caller.expiresAt <= now()) {
      return {
        code: 'ExpiredToken',
        message: 'The security token included in the request is expired',
      };
    }
    const parts = { method: req.method ?? 'POST', url: req.url ?? '/', headers, body };
    if (!signatureMatches(parts, auth, caller.secretAccessKey)) {
      return {
        code: 'SignatureDoesNotMatch',
        message:
          'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      };
    }
    return caller;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const headers = headersOf(req);
    const url = new URL(req.url ?? '/', 'http://fake-sts.invalid');
    // The query protocol accepts parameters in the query string too (a GET, or a presigned URL).
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if ((headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
    }
    const action = params.Action;
    const operation: FakeStsOperation | 'Unknown' =
      action === 'AssumeRole' || action === 'GetCallerIdentity' ? action : 'Unknown';
    const auth = parseAuthorization(headers.authorization);
    const entry: RecordedStsRequest = {
      operation,
      params,
      roleArn: params.RoleArn ?? null,
      roleSessionName: params.RoleSessionName ?? null,
      externalId: params.ExternalId ?? null,
      durationSeconds: params.DurationSeconds ?? null,
      serialNumber: params.SerialNumber ?? null,
      tokenCode: params.TokenCode ?? null,
      accessKeyId: auth?.accessKeyId ?? null,
      signingRegion: auth?.region ?? null,
      sessionTokenSent: headers['x-amz-security-token'] !== undefined,
      headers,
      at: now(),
      outcome: 'pending',
    };
    const settle = (outcome: string) => {
      entry.outcome = outcome;
      for (const wake of [...waiters]) wake();
    };
    requests.push(entry);
    for (const wake of [...waiters]) wake();

    const error = (code: string, message: string, status?: number) => {
      sendStsError(res, code, message, status);
      settle(code);
    };
    if (operation !== 'Unknown') {
      const delay = knobs.delays[operation];
      if (delay) await sleep(delay);
      if (req.socket.destroyed) return settle('abandoned');
      const failure = knobs.failures[operation];
      if (failure && failure.count > 0) {
        failure.count--;
        if (failure.status === 'reset') {
          req.socket.destroy();
          return settle('reset');
        }
        const code = failure.code ?? (failure.status >= 500 ? 'InternalFailure' : 'Throttling');
        return error(
          code,
          code === 'Throttling' ? 'Rate exceeded' : 'Injected failure',
          failure.status,
        );
      }
    }
    const caller = authenticate(req, headers, body);
    if ('code' in caller) return error(caller.code, caller.message);
    if (operation === 'Unknown') {
      return error(
        'InvalidAction',
        `Could not find operation ${action ?? 'null'} for version ${params.Version ?? 'null'}`,
      );
    }
    const answer: StsAnswer =
      operation === 'AssumeRole'
        ? assumeRole(params, caller, { knobs, store, now: now(), usedMfaCodes })
        : getCallerIdentity(caller);
    if (!answer.ok) return error(answer.code, answer.message);
    sendStsResult(res, answer.action, answer.xml);
    settle('ok');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendStsError(res, 'InternalFailure', `fake failed: ${String(error)}`);
      else res.destroy();
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
  const baseUrl = `http://127.0.0.1:${port}`;

  const waitUntil = (check: () => boolean) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        if (!check()) return;
        waiters.delete(wake);
        resolve();
      };
      waiters.add(wake);
      wake();
    });

  return {
    url: baseUrl,
    env: { AWS_ENDPOINT_URL_STS: baseUrl },
    knobs,
    requests,
    requestsFor: (operation) => requests.filter((r) => r.operation === operation),
    async waitForRequests(operation, count = 1) {
      const matching = () => requests.filter((r) => r.operation === operation);
      await waitUntil(() => matching().length >= count);
      return matching();
    },
    waitUntil,
    addStaticKeys: (input = {}) => store.addStaticKeys(input),
    credentialsFor: issuedCredentials,
    callerOf: (accessKeyId) => store.find(accessKeyId),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
