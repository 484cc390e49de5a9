// SSO token cache files in ~/.aws/sso/cache (docs/protocol.md, "Token cache").
// Reads both the AWS CLI's one-line style and the JS SDK's pretty style;
// writes exactly what the AWS CLI writes.

import { createHash } from 'node:crypto';
import path from 'node:path';
import { pythonJsonDumps } from './python-json';

/** `sha1(id).json`: id is the sso-session name, or the legacy start URL exactly as written. */
export function tokenFileName(id: string): string {
  return `${createHash('sha1').update(id, 'utf8').digest('hex')}.json`;
}

export function tokenFilePath(cacheDir: string, id: string): string {
  return path.join(cacheDir, tokenFileName(id));
}

/** A cached token. Secrets (accessToken, refreshToken, clientSecret) stay inside core. */
export interface CachedToken {
  readonly startUrl: string | null;
  readonly region: string | null;
  readonly accessToken: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  readonly clientId: string | null;
  readonly clientSecret: string | null;
  /** Epoch milliseconds, or null when absent or unparseable. */
  readonly registrationExpiresAt: number | null;
  readonly refreshToken: string | null;
  /** Every key as read, so a rewrite keeps keys we do not know (the JS SDK does the same). */
  readonly raw: Readonly<Record<string, unknown>>;
}

export type TokenFileReading =
  | { readonly kind: 'token'; readonly token: CachedToken }
  /** Valid JSON without `accessToken`: a client registration or another tool's file. */
  | { readonly kind: 'not-a-token' }
  | { readonly kind: 'unreadable'; readonly reason: string };

// Lower-case `t` and `z` too: botocore and the AWS CLI parse with dateutil, which accepts them.
const ISO_UTC =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|UTC|[+-]\d{2}:?\d{2})$/;

/**
 * Parses the timestamp forms AWS tools write: `...Z`, `....000Z`, `...+00:00`.
 * Returns epoch ms, or null when the text is not an ISO-8601 date-time with a zone.
 */
export function parseIsoTimestamp(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = ISO_UTC.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac = '', zone] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (
    Number(mo) < 1 ||
    Number(mo) > 12 ||
    Number(d) < 1 ||
    Number(d) > 31 ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 60
  ) {
    return null;
  }
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z' && zone !== 'UTC') {
    const sign = zone!.startsWith('-') ? -1 : 1;
    const digits = zone!.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  const result = base - offsetMinutes * 60_000;
  return Number.isFinite(result) ? result : null;
}

/** `2026-01-01T12:00:00Z`: seconds precision, literal Z, as the AWS CLI writes. */
export function formatCliTimestamp(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const optionalString = (v: unknown): string | null =>
  typeof v === 'string' && v !== '' ? v : null;

export function parseTokenFile(text: string): TokenFileReading {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { kind: 'unreadable', reason: 'not valid JSON (truncated or corrupted)' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { kind: 'unreadable', reason: 'not a JSON object' };
  }
  const raw = data as Record<string, unknown>;
  if (!('accessToken' in raw)) return { kind: 'not-a-token' };
  if (typeof raw.accessToken !== 'string' || raw.accessToken === '') {
    return { kind: 'unreadable', reason: 'accessToken is empty or not a string' };
  }
  if (raw.expiresAt === undefined) return { kind: 'unreadable', reason: 'expiresAt is missing' };
  const expiresAt = parseIsoTimestamp(raw.expiresAt);
  if (expiresAt === null) {
    return { kind: 'unreadable', reason: 'expiresAt is not an ISO-8601 UTC time' };
  }
  return {
    kind: 'token',
    token: {
      startUrl: optionalString(raw.startUrl),
      region: optionalString(raw.region),
      accessToken: raw.accessToken,
      expiresAt,
      clientId: optionalString(raw.clientId),
      clientSecret: optionalString(raw.clientSecret),
      registrationExpiresAt: parseIsoTimestamp(raw.registrationExpiresAt),
      refreshToken: optionalString(raw.refreshToken),
      raw,
    },
  };
}

export interface NewToken {
  readonly startUrl: string;
  readonly region: string;
  readonly accessToken: string;
  readonly expiresAt: number;
  readonly clientId?: string | null;
  readonly clientSecret?: string | null;
  readonly registrationExpiresAt?: number | null;
  readonly refreshToken?: string | null;
}

/** The AWS CLI's token file: one line, Python spacing, fixed key order, no trailing newline. */
export function serializeCliToken(token: NewToken): string {
  return pythonJsonDumps({
    startUrl: token.startUrl,
    region: token.region,
    accessToken: token.accessToken,
    expiresAt: formatCliTimestamp(token.expiresAt),
    clientId: token.clientId ?? undefined,
    clientSecret: token.clientSecret ?? undefined,
    registrationExpiresAt:
      token.registrationExpiresAt == null
        ? undefined
        : formatCliTimestamp(token.registrationExpiresAt),
    refreshToken: token.refreshToken ?? undefined,
  });
}

/** A silent renewal is possible: refresh token plus a client registration that has not expired. */
export function isRefreshable(token: CachedToken, now: number): boolean {
  return (
    token.refreshToken !== null &&
    token.clientId !== null &&
    token.clientSecret !== null &&
    token.registrationExpiresAt !== null &&
    token.registrationExpiresAt > now
  );
}
