// The handler behind sso-tray://app/ on a real folder: the renderer's files
// with their types and the strict CSP, 404 for anything else. The page's own
// meta CSP and the header say the same.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_CSP, RENDERER_URL, rendererResponse } from '../../../app/main/renderer-protocol';

let root: string;
let rendererDir: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'sso-tray-protocol-'));
  rendererDir = path.join(root, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>SSO Tray</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};\n');
  writeFileSync(path.join(rendererDir, 'assets', 'app.css'), 'body{}\n');
  writeFileSync(path.join(rendererDir, 'assets', 'notes'), 'no extension');
  // Next to the served folder, as ~/.aws is next to nothing the page may read.
  writeFileSync(path.join(root, 'token.json'), '{"accessToken":"secret"}');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (url: string) => rendererResponse(rendererDir, url);

describe('the sso-tray:// protocol handler', () => {
  it('serves the page and its assets with their types, the CSP and nosniff', async () => {
    const page = await get(RENDERER_URL);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>SSO Tray</title>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await get('sso-tray://app/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('export {};\n');
    expect((await get('sso-tray://app/assets/app.css')).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    );
    // The fragment and query never reach the file system.
    expect((await get(`${RENDERER_URL}?x=1#preferences`)).status).toBe(200);
  });

  it('answers 404 outside the folder, for other hosts, missing files and unknown types', async () => {
    for (const url of [
      'sso-tray://app/../token.json',
      'sso-tray://app/%2e%2e/token.json',
      'sso-tray://app/..%2ftoken.json',
      'sso-tray://app/assets/..%2f..%2ftoken.json',
      'sso-tray://other/index.html',
      'file:///etc/passwd',
      'sso-tray://app/missing.js',
      'sso-tray://app/assets',
      'sso-tray://app/assets/notes',
      'not a url',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).toBe('Not found');
    }
  });

  it('sends the same policy as the page’s meta tag, plus frame-ancestors', () => {
    const html = readFileSync(path.resolve(__dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    expect(RENDERER_CSP).toBe(`${meta}; frame-ancestors 'none'`);
  });
});
