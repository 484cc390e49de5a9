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

  it('answers a wrong or missing state with 400 and keeps waiting for the right one', async () => {
    const l = await listen();
    const settled = l.code.then(
      () => 'settled',
      () => 'settled',
    );
    for (const query of [
      '?code=forged&state=other',
      '?code=forged',
      '?code=forged&state=',
      '?error=access_denied&state=other',
      '?error=access_denied',
    ]) {
      const page = await get(`${l.redirectUri}${query}`);
      expect(page.status, query).toBe(400);
      expect(page.body, query).toContain('does not belong to the sign-in');
      expect(page.body, query).not.toContain('forged');
    }
    // None of them ended the wait: the right callback still gets through.
    expect(await Promise.race([settled, Promise.resolve('waiting')])).toBe('waiting');
    const page = await get(`${l.redirectUri}?code=the-code&state=the-state`);
    expect(page.status).toBe(200);
    expect(await l.code).toBe('the-code');
  });

  it('still times out when only wrong states arrive', async () => {
    const clock = new FakeClock();
    const l = await listen({ clock, timeoutMs: 5_000 });
    expect((await get(`${l.redirectUri}?code=x&state=other`)).status).toBe(400);
    clock.advance(5_000);
    await expect(l.code).rejects.toMatchObject({ code: 'timeout' });
  });

  it('fails the sign-in on an error that carries the right state', async () => {
    const l = await listen();
    const page = await get(`${l.redirectUri}?error=access_denied&state=the-state`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Access denied');
    await expect(l.code).rejects.toMatchObject({ code: 'access-denied' });
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
