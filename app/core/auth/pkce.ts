// PKCE pieces for the authorization code flow (docs/protocol.md, "Sign-in flows").
// The verifier is a secret: it never leaves the process.

import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** 64 characters of [A-Za-z0-9-_] (a subset of RFC 7636's unreserved set). */
export function createCodeVerifier(random: (size: number) => Buffer = randomBytes): string {
  return random(48).toString('base64url');
}

/** base64url(sha256(verifier)) without padding (S256). */
export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export const createState = (): string => randomUUID();

/** RFC 3986 percent-encoding, as Python's `quote(safe='')`: only A-Z a-z 0-9 - . _ ~ stay. */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export interface AuthorizeUrlParams {
  /** The OIDC endpoint the client sends to, without a trailing slash. */
  readonly endpoint: string;
  readonly clientId: string;
  /** The loopback redirect URI, with its port. */
  readonly redirectUri: string;
  readonly state: string;
  readonly scopes: readonly string[];
  readonly codeChallenge: string;
}

/** Parameters in the AWS CLI's order; `scopes` plural and space-joined (%20). */
export function buildAuthorizeUrl(params: AuthorizeUrlParams): string {
  const query = [
    ['response_type', 'code'],
    ['client_id', params.clientId],
    ['redirect_uri', params.redirectUri],
    ['state', params.state],
    ['code_challenge_method', 'S256'],
    ['scopes', params.scopes.join(' ')],
  ]
    .map(([k, v]) => `${k}=${encodeRfc3986(v!)}`)
    .join('&');
  return `${params.endpoint}/authorize?${query}&code_challenge=${encodeRfc3986(params.codeChallenge)}`;
}
