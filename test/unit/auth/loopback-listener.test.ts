// The PKCE loopback listener on its own: one callback, the right answers to
// the browser, and the ways it fails.
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError } from '../../../app/core/auth/auth-error';
import {
  startLoopbackListener,
  type LoopbackListener,
} from '../../../app/core/auth/loopback-listener';
import { FakeClock } from '../../support/fake-clock';

let listener: LoopbackListener | null = null;
afterEach(async () => listener?.close());

async function listen(
  options: { timeoutMs?: number; signal?: AbortSignal; clock?: FakeClock } = {},
) {
  listener = await startLoopbackListener({
    expectedState: 'the-state',
    clock: options.clock ?? new FakeClock(),
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    sessionLabel: 'my-sso',
  });
  return listener;
}

async function get(url: string) {
  const response = await fetch(url);
  return { status: response.status, body: await response.text(), headers: response.headers };
}

describe('loopback listener', () => {
  it('takes the code from the one callback and answers with a small page', async () => {
    const l = await listen();
    expect(l.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    const other = await get(new URL('/favicon.ico', l.redirectUri).href);
    expect(other.status).toBe(404);
    const page = await get(`${l.redirectUri}?code=abc&state=the-state`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('SSO Tray is signed in to my-sso. You can close this tab.');
    expect(page.body).not.toContain('abc');
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await l.code).toBe('abc');
  });

  it('rejects a mismatched state', async () => {
    const l = await listen();
    const page = await get(`${l.redirectUri}?code=abc&state=other`);
    expect(page.status).toBe(400);
    await expect(l.code).rejects.toMatchObject({ code: 'state-mismatch' });
  });

  it('turns an error in the redirect into a failure, and escapes nothing it does not own', async () => {
    const l = await listen();
    const page = await get(`${l.redirectUri}?error=%3Cscript%3Einvalid_scope&state=the-state`);
    expect(page.body).not.toContain('<script>');
    const error = await l.code.catch((e: AuthError) => e);
    expect(error).toMatchObject({
      code: 'authorization-failed',
      message: 'IAM Identity Center reported "scriptinvalid_scope" for my-sso.',
    });
  });

  it('times out on the injected clock', async () => {
    const clock = new FakeClock();
    const l = await listen({ clock, timeoutMs: 5_000 });
    clock.advance(5_000);
    await expect(l.code).rejects.toMatchObject({ code: 'timeout' });
  });

  it("stops when cancelled, with the canceller's reason", async () => {
    const controller = new AbortController();
    const l = await listen({ signal: controller.signal });
    controller.abort(new AuthError('cancelled', 'stop'));
    await expect(l.code).rejects.toMatchObject({ code: 'cancelled', message: 'stop' });
    await expect(fetch(l.redirectUri)).rejects.toThrow();
  });
});
