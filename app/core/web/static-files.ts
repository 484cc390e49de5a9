// Serving the built renderer folder and nothing else: shared by main's
// `sso-tray://` protocol handler and the loopback web bridge. A request path is
// decoded, resolved against the folder, and refused unless the result stays
// inside it (`..`, encoded slashes, absolute paths, NUL bytes).

import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type for a served file; files of other kinds are not served. */
export function contentTypeOf(file: string): string | null {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? null;
}

/**
 * The file inside `root` that URL path `urlPath` names (`/` is index.html), or
 * null when it would fall outside `root` or cannot be decoded. `root` must be
 * absolute. Existence is the caller's business.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${path.sep}${relative}`);
  return file.startsWith(`${base}${path.sep}`) ? file : null;
}
