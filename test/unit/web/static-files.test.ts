// The path resolver behind main's sso-tray:// protocol and the web bridge:
// every request path lands inside the served folder, or nowhere.
import { describe, expect, it } from 'vitest';
import { contentTypeOf, resolveStaticPath } from '../../../app/core/web/static-files';

const ROOT = '/opt/app/out/renderer';

describe('resolveStaticPath', () => {
  it('maps paths inside the folder, / to index.html', () => {
    expect(resolveStaticPath(ROOT, '/')).toBe(`${ROOT}/index.html`);
    expect(resolveStaticPath(ROOT, '')).toBe(`${ROOT}/index.html`);
    expect(resolveStaticPath(ROOT, '/index.html')).toBe(`${ROOT}/index.html`);
    expect(resolveStaticPath(ROOT, '/assets/index-1a2b.js')).toBe(`${ROOT}/assets/index-1a2b.js`);
    expect(resolveStaticPath(ROOT, '/assets/')).toBe(`${ROOT}/assets/index.html`);
    expect(resolveStaticPath(ROOT, '/a%20b.css')).toBe(`${ROOT}/a b.css`);
    // `..` that stays inside is harmless.
    expect(resolveStaticPath(ROOT, '/assets/../index.html')).toBe(`${ROOT}/index.html`);
  });

  it('refuses everything that would leave the folder or cannot be decoded', () => {
    for (const sneaky of [
      '/..',
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/assets/..%2f..%2f..%2fsecret.txt',
      '//etc/passwd/../../..',
      '/../renderer-evil/index.html',
      '/index.html%00.png',
      '/%E0%A4%A',
    ]) {
      expect(resolveStaticPath(ROOT, sneaky), sneaky).toBeNull();
    }
    // A sibling folder whose name starts like the root is outside too.
    expect(resolveStaticPath(ROOT, '/../renderer2/x.js')).toBeNull();
  });
});

describe('contentTypeOf', () => {
  it('knows the renderer’s file types and nothing else', () => {
    expect(contentTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('/x/a.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeOf('/x/id_rsa')).toBeNull();
    expect(contentTypeOf('/x/cache.sqlite')).toBeNull();
  });
});
