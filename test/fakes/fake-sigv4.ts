// Checks an AWS Signature Version 4 `Authorization` header the way AWS does:
// rebuild the canonical request from what arrived, derive the signing key from
// the secret the server knows for that access key, compare signatures.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedRequestParts {
  readonly method: string;
  /** Path and query as received (`/`, `/?a=b`). */
  readonly url: string;
  /** Lower-case header names; repeated headers joined with `,`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface ParsedAuthorization {
  readonly accessKeyId: string;
  /** `yyyymmdd` */
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;

/** The parts of the header, or null when it is missing or not SigV4. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | null {
  const match = header ? AUTH_PATTERN.exec(header.trim()) : null;
  if (!match) return null;
  return {
    accessKeyId: match[1]!,
    date: match[2]!,
    region: match[3]!,
    service: match[4]!,
    signedHeaders: match[5]!.split(';'),
    signature: match[6]!,
  };
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: Buffer | string, text: string) =>
  createHmac('sha256', key).update(text, 'utf8').digest();

// RFC 3986 unreserved characters stay; everything else is %XX (upper-case).
const uriEncode = (text: string) =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

function canonicalQuery(search: URLSearchParams): string {
  return [...search]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** The signature a client holding `secretAccessKey` would have computed for these parts. */
export function expectedSignature(
  parts: SignedRequestParts,
  auth: ParsedAuthorization,
  secretAccessKey: string,
): string {
  const url = new URL(parts.url, 'http://signed.invalid');
  const headerLines = auth.signedHeaders.map(
    (name) => `${name}:${(parts.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`,
  );
  // The hash of what arrived, never the client's claim in x-amz-content-sha256 (checked below).
  const payloadHash = sha256Hex(parts.body);
  const canonicalRequest = [
    parts.method,
    url.pathname || '/',
    canonicalQuery(url.searchParams),
    headerLines.join(''),
    auth.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    parts.headers['x-amz-date'] ?? '',
    scope,
    sha256Hex(canonicalRequest),
  ].join('\n');
  const key = [auth.date, auth.region, auth.service, 'aws4_request'].reduce<Buffer | string>(
    (k, part) => hmac(k, part),
    `AWS4${secretAccessKey}`,
  );
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
}

export function signatureMatches(
  parts: SignedRequestParts,
  auth: ParsedAuthorization,
  secretAccessKey: string,
): boolean {
  const expected = Buffer.from(expectedSignature(parts, auth, secretAccessKey), 'hex');
  const given = Buffer.from(auth.signature, 'hex');
  const claimed = parts.headers['x-amz-content-sha256'];
  return (
    (claimed === undefined || claimed === sha256Hex(parts.body)) &&
    expected.length === given.length &&
    timingSafeEqual(expected, given) &&
    // The date in the scope must be the date of x-amz-date, or AWS refuses the request.
    (parts.headers['x-amz-date'] ?? '').startsWith(auth.date) &&
    auth.signedHeaders.includes('host')
  );
}
