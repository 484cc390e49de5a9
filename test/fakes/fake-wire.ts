// The bytes the real IAM Identity Center services put on the wire for the
// rest-json protocol: JSON bodies and error shapes the real SDK deserialisers
// (JS `@aws-sdk/core` loadRestJsonErrorCode, botocore RestJSONParser) read.
// Both take the error name from the `x-amzn-ErrorType` header first.

import type { IncomingMessage, ServerResponse } from 'node:http';

/** SSO-OIDC errors: name -> [HTTP status, OAuth `error` field]. */
export const OIDC_ERRORS = {
  AccessDeniedException: [400, 'access_denied'],
  AuthorizationPendingException: [400, 'authorization_pending'],
  ExpiredTokenException: [400, 'expired_token'],
  InternalServerException: [500, 'server_error'],
  InvalidClientException: [401, 'invalid_client'],
  InvalidClientMetadataException: [400, 'invalid_client_metadata'],
  InvalidGrantException: [400, 'invalid_grant'],
  InvalidRequestException: [400, 'invalid_request'],
  InvalidScopeException: [400, 'invalid_scope'],
  SlowDownException: [400, 'slow_down'],
  UnauthorizedClientException: [400, 'unauthorized_client'],
  UnsupportedGrantTypeException: [400, 'unsupported_grant_type'],
} as const satisfies Record<string, readonly [number, string]>;

export type OidcErrorName = keyof typeof OIDC_ERRORS;

/** SSO portal errors (ForbiddenException is unmodelled but is what the service sends for "No access"). */
export const PORTAL_ERRORS = {
  InvalidRequestException: 400,
  UnauthorizedException: 401,
  ForbiddenException: 403,
  ResourceNotFoundException: 404,
  TooManyRequestsException: 429,
} as const satisfies Record<string, number>;

export type PortalErrorName = keyof typeof PORTAL_ERRORS;

const OIDC_NAMESPACE = 'http://internal.amazon.com/coral/com.amazonaws.ssooidc.v1/';
const PORTAL_NAMESPACE = 'http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': crypto.randomUUID(),
  });
  res.end(text);
}

export function sendOidcError(
  res: ServerResponse,
  name: string,
  description: string,
  status?: number,
): void {
  const known = OIDC_ERRORS[name as OidcErrorName];
  const code = status ?? known?.[0] ?? 400;
  const text = JSON.stringify({
    error: known?.[1] ?? 'server_error',
    error_description: description,
  });
  res.writeHead(code, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-errortype': `${name}:${OIDC_NAMESPACE}`,
    'x-amzn-requestid': crypto.randomUUID(),
  });
  res.end(text);
}

export function sendPortalError(
  res: ServerResponse,
  name: string,
  message: string,
  status?: number,
): void {
  const code = status ?? PORTAL_ERRORS[name as PortalErrorName] ?? 500;
  const text = JSON.stringify({ message });
  res.writeHead(code, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-errortype': `${name}:${PORTAL_NAMESPACE}`,
    'x-amzn-requestid': crypto.randomUUID(),
  });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, title: string, text: string): void {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
  });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, 'content-length': 0 });
  res.end();
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The JSON body as an object, or null when it is empty or not an object. */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export const stringField = (body: Record<string, unknown>, key: string): string | null =>
  typeof body[key] === 'string' && body[key] !== '' ? (body[key] as string) : null;

export const stringListField = (body: Record<string, unknown>, key: string): string[] | null =>
  Array.isArray(body[key]) && (body[key] as unknown[]).every((v) => typeof v === 'string')
    ? (body[key] as string[])
    : null;
