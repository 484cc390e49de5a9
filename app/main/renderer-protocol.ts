// The window's origin: `sso-tray://app/`, served from the built renderer folder
// by protocol.handle, instead of file://. A page at file:// may read other
// file:// URLs (~/.aws/sso/cache, ~/.aws/credentials); a page on this origin
// reaches only the renderer's own files, and those only by their path inside
// the folder (see the README's Security section).

import { promises as fs } from 'node:fs';
import type { Protocol } from 'electron';
import { contentTypeOf, resolveStaticPath } from '../core';

export const APP_SCHEME = 'sso-tray';
export const APP_HOST = 'app';
export const RENDERER_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const RENDERER_URL = `${RENDERER_ORIGIN}/index.html`;

/**
 * Sent with every page, on top of the page's own meta tag: the same policy
 * plus what only a header can say (frame-ancestors).
 */
export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Must run before the app is ready. Standard and secure: relative URLs, ES
 * modules and a secure context work as on https; nothing else is granted.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

const notFound = () =>
  new Response('Not found', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
  });

/** The answer to one request on the app's origin: a renderer file, or 404. */
export async function rendererResponse(rendererDir: string, requestUrl: string): Promise<Response> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return notFound();
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound();
  const file = resolveStaticPath(rendererDir, url.pathname);
  const type = file === null ? null : contentTypeOf(file);
  if (file === null || type === null) return notFound();
  let body: Buffer;
  try {
    body = await fs.readFile(file);
  } catch {
    return notFound();
  }
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      'content-type': type,
      'content-security-policy': RENDERER_CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    },
  });
}

/** Serves the renderer folder on the app's origin (after the app is ready). */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request.url));
}
