// The broker's wire format (docs/broker-protocol.md): one connection carries
// one request line and one answer line, both JSON. The tiny client imports
// this module, so it stays plain TypeScript with type-only imports.

import type { RoleCredentials } from '../credentials/role-credentials';

export const PROTOCOL_VERSION = 1;
/** A request line longer than this is refused (and the connection closed). */
export const MAX_REQUEST_BYTES = 64 * 1024;
/** The client refuses an answer longer than this (a status with 20 recent callers is ~5 KiB). */
export const MAX_ANSWER_BYTES = 1024 * 1024;
export const DEFAULT_WAIT_SECONDS = 300;
export const MAX_WAIT_SECONDS = 3600;
/**
 * After a sign-in completes the backend still has to ask the portal; the broker
 * answers `timeout` at waitSeconds plus this, whatever the backend does.
 */
export const ANSWER_GRACE_SECONDS = 30;

export type RequestId = string | number | null;

/** Who asked, as reported by the caller: advisory, Node cannot read SO_PEERCRED. */
export interface ReportedCaller {
  readonly pid?: number;
  readonly name?: string;
}

export type BrokerRequest =
  | { readonly v: 1; readonly id: RequestId; readonly op: 'ping' }
  | { readonly v: 1; readonly id: RequestId; readonly op: 'status' }
  | {
      readonly v: 1;
      readonly id: RequestId;
      readonly op: 'credentials';
      readonly profile: string;
      readonly waitSeconds: number;
      readonly caller?: ReportedCaller;
    };

export type BrokerOp = BrokerRequest['op'];

/** What the window and tray show about a caller. */
export interface CallerInfo {
  /** `socket`: credential_process and other socket clients; `container-endpoint`: HTTP. */
  readonly via: 'socket' | 'container-endpoint';
  /** As reported by the caller (socket) or null; never verified. */
  readonly pid: number | null;
  /** Process name as reported by the caller, or the HTTP client's User-Agent product. */
  readonly name: string | null;
}

export interface WaitingRequest {
  readonly id: number;
  readonly profile: string;
  readonly caller: CallerInfo;
  /** ISO-8601. */
  readonly since: string;
}

export interface RecentCall {
  readonly profile: string;
  readonly caller: CallerInfo;
  /** ISO-8601, when the answer went out. */
  readonly at: string;
  /** `ok`, or the error code the caller got. */
  readonly outcome: string;
}

export interface PongInfo {
  readonly pid: number;
  readonly protocol: number;
  /** ISO-8601. */
  readonly startedAt: string;
}

export interface BrokerStatus extends PongInfo {
  /** The socket path or pipe name the broker listens on. */
  readonly address: string;
  readonly containerEndpoint: { readonly url: string; readonly tokenFile: string } | null;
  /** Requests being answered now, oldest first. */
  readonly waiting: readonly WaitingRequest[];
  /** The last answered requests, newest first. */
  readonly recent: readonly RecentCall[];
}

export interface WireError {
  /** Machine code, kebab-case (`bad-json`, `needs-sign-in`, `timeout`...). */
  readonly code: string;
  /** One sentence for the user; never a secret. */
  readonly message: string;
}

/** The answer's payload per op: `{ ok: true, <key>: value }`. */
export interface OpResults {
  readonly ping: PongInfo;
  readonly status: BrokerStatus;
  readonly credentials: RoleCredentials;
}

export const RESULT_KEY = { ping: 'pong', status: 'status', credentials: 'credentials' } as const;

export type BrokerAnswer =
  | { readonly v: 1; readonly id: RequestId; readonly ok: true; readonly pong: PongInfo }
  | { readonly v: 1; readonly id: RequestId; readonly ok: true; readonly status: BrokerStatus }
  | {
      readonly v: 1;
      readonly id: RequestId;
      readonly ok: true;
      readonly credentials: RoleCredentials;
    }
  | { readonly v: 1; readonly id: RequestId; readonly ok: false; readonly error: WireError };

export function errorAnswer(id: RequestId, code: string, message: string): BrokerAnswer {
  return { v: PROTOCOL_VERSION, id, ok: false, error: { code, message } };
}

export const encodeLine = (message: BrokerAnswer | BrokerRequest): string =>
  `${JSON.stringify(message)}\n`;

export type ParsedRequest =
  | { readonly ok: true; readonly request: BrokerRequest }
  | { readonly ok: false; readonly answer: BrokerAnswer };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const MAX_ID_LENGTH = 200;
const MAX_PROFILE_LENGTH = 1024;
const MAX_CALLER_NAME_LENGTH = 64;

function readId(value: unknown): RequestId | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.length <= MAX_ID_LENGTH) return value;
  return undefined;
}

function readCaller(value: unknown): ReportedCaller | undefined {
  if (!isRecord(value)) return undefined;
  const pid = Number.isSafeInteger(value.pid) && (value.pid as number) > 0 ? value.pid : undefined;
  // A name goes to the window and the log: printable characters only, short.
  const name =
    typeof value.name === 'string'
      ? value.name.replace(/[^\x20-\x7e]/g, '').slice(0, MAX_CALLER_NAME_LENGTH) || undefined
      : undefined;
  return { ...(pid === undefined ? {} : { pid: pid as number }), ...(name ? { name } : {}) };
}

/** One request line (without its newline) to a request, or the error answer it deserves. */
export function parseRequest(line: string): ParsedRequest {
  const refuse = (id: RequestId, code: string, message: string): ParsedRequest => ({
    ok: false,
    answer: errorAnswer(id, code, message),
  });
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return refuse(null, 'bad-json', 'The request is not valid JSON.');
  }
  if (!isRecord(value)) return refuse(null, 'bad-request', 'The request must be a JSON object.');
  const id = readId(value.id);
  if (id === undefined) {
    return refuse(
      null,
      'bad-request',
      `"id" must be a number or a string of at most ${MAX_ID_LENGTH} characters.`,
    );
  }
  if (value.v !== PROTOCOL_VERSION) {
    const theirs = value.v === undefined ? 'none' : JSON.stringify(value.v).slice(0, 20);
    return refuse(
      id,
      'unsupported-version',
      `This broker speaks protocol version ${PROTOCOL_VERSION}; the request has version ${theirs}. Update sso-tray so both sides match.`,
    );
  }
  const op = value.op;
  if (op === 'ping' || op === 'status') return { ok: true, request: { v: 1, id, op } };
  if (op !== 'credentials') {
    const named = typeof op === 'string' ? `"${op.slice(0, 40)}"` : 'missing';
    return refuse(
      id,
      'unknown-op',
      `Unknown op ${named}; this broker knows ping, status and credentials.`,
    );
  }
  const profile = value.profile;
  if (typeof profile !== 'string' || profile.length === 0 || profile.length > MAX_PROFILE_LENGTH) {
    return refuse(id, 'bad-request', '"profile" must be a non-empty string.');
  }
  const waitSeconds = value.waitSeconds ?? DEFAULT_WAIT_SECONDS;
  if (typeof waitSeconds !== 'number' || !(waitSeconds >= 0 && waitSeconds <= MAX_WAIT_SECONDS)) {
    return refuse(
      id,
      'bad-request',
      `"waitSeconds" must be a number from 0 to ${MAX_WAIT_SECONDS}.`,
    );
  }
  const caller = readCaller(value.caller);
  return {
    ok: true,
    request: { v: 1, id, op, profile, waitSeconds, ...(caller ? { caller } : {}) },
  };
}
