// Why the window left file://, shown in real Chromium with the app's own CSP.
// Electron gives file:// pages extra privileges (the grantFileProtocolExtraPrivileges
// fuse); Chromium's --allow-file-access-from-files grants the same "a file://
// page may read other file:// URLs". Under it, a page at file:// reads a token
// file next to it, and `connect-src 'self'` does not stop it (for a file://
// page, 'self' covers every file: URL). The same page on a secure origin of
// its own (https here; the app uses sso-tray://app/) cannot, and without the
// privilege a file:// page cannot either.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, test, type BrowserType, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';

const TOKEN = '{"accessToken": "aoa-stolen-if-you-can-read-this"}';
const APP_CSP = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(
  readFileSync(fileURLToPath(new URL('../../renderer/index.html', import.meta.url)), 'utf8'),
)![1]!;

/** A folder with the token where ~/.aws/sso/cache would be, and a page carrying the app's CSP. */
function world() {
  const dir = mkdtempSync(path.join(tmpdir(), 'sso-tray-file-threat-'));
  mkdirSync(path.join(dir, 'sso', 'cache'), { recursive: true });
  writeFileSync(path.join(dir, 'sso', 'cache', 'token.json'), TOKEN);
  const tokenUrl = pathToFileURL(path.join(dir, 'sso', 'cache', 'token.json')).href;
  const page = `<!doctype html><meta http-equiv="Content-Security-Policy" content="${APP_CSP}"><script src="probe.js"></script>`;
  // What a compromised renderer would try: fetch and XMLHttpRequest.
  const probe = `window.stolen = (async () => {
    const viaFetch = await fetch(${JSON.stringify(tokenUrl)}).then((r) => r.text(), (e) => 'refused: ' + e.message);
    const viaXhr = await new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', ${JSON.stringify(tokenUrl)});
      xhr.onload = () => resolve(xhr.responseText);
      xhr.onerror = () => resolve('refused');
      xhr.send();
    });
    return { viaFetch, viaXhr };
  })();`;
  writeFileSync(path.join(dir, 'index.html'), page);
  writeFileSync(path.join(dir, 'probe.js'), probe);
  return { dir, page, probe, pageUrl: pathToFileURL(path.join(dir, 'index.html')).href };
}

const stolen = (page: Page) =>
  page.evaluate(
    () => (globalThis as unknown as { stolen: Promise<Record<string, string>> }).stolen,
  );

/** A page in a Chromium with or without file:// privileges, in a fresh world; cleans up after. */
async function inChromium(
  browserType: BrowserType,
  options: { fileUrlPrivileges: boolean },
  run: (page: Page, w: ReturnType<typeof world>) => Promise<void>,
): Promise<void> {
  const browser = await browserType.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      ...CHROMIUM_ARGS,
      ...(options.fileUrlPrivileges ? ['--allow-file-access-from-files'] : []),
    ],
  });
  const w = world();
  try {
    await run(await browser.newPage(), w);
  } finally {
    await browser.close();
    rmSync(w.dir, { recursive: true, force: true });
  }
}

test('with file:// privileges (Electron’s, unless the fuse is off), a page at file:// with the app’s CSP reads a token file', async ({
  playwright,
}) => {
  await inChromium(playwright.chromium, { fileUrlPrivileges: true }, async (page, w) => {
    await page.goto(w.pageUrl);
    expect(await stolen(page)).toEqual({ viaFetch: TOKEN, viaXhr: TOKEN });
  });
});

test('with the same privileges, the same page on an origin of its own cannot', async ({
  playwright,
}) => {
  await inChromium(playwright.chromium, { fileUrlPrivileges: true }, async (page, w) => {
    const refusals: string[] = [];
    page.on('console', (message) => refusals.push(message.text()));
    await page.route('https://app.invalid/**', (route) =>
      route.fulfill(
        route.request().url().endsWith('/probe.js')
          ? { contentType: 'text/javascript', body: w.probe }
          : { contentType: 'text/html', body: w.page },
      ),
    );
    await page.goto('https://app.invalid/index.html');
    const result = await stolen(page);
    expect(result.viaFetch).toMatch(/^refused/);
    expect(result.viaXhr).toBe('refused');
    expect(JSON.stringify(result)).not.toContain('aoa-stolen');
    // Refused by the app's CSP, and by the browser's own rule for local files.
    const log = refusals.join('\n');
    expect(log).toContain(
      `violates the following Content Security Policy directive: "connect-src 'self'"`,
    );
    expect(log).toContain('Not allowed to load local resource');
  });
});

test('without file:// privileges (the fuse off), even a page at file:// cannot', async ({
  playwright,
}) => {
  await inChromium(playwright.chromium, { fileUrlPrivileges: false }, async (page, w) => {
    await page.goto(w.pageUrl);
    expect(await stolen(page)).toEqual({
      viaFetch: expect.stringMatching(/^refused/),
      viaXhr: 'refused',
    });
  });
});
