// The SignInManager's promises to callers: one attempt per session however many
// ask (one browser tab), cancellation, an overall timeout, re-opening the page,
// clear failures for names that are not sessions, and a browser that fails to open.
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError } from '../../../app/core/auth/auth-error';
import { createWindowApi, type PlatformAdapters } from '../../../app/core';
import { FakeClock } from '../../support/fake-clock';
import { SEED_CONFIG } from '../../support/temp-home';
import { SYSTEM_BROWSER_ONLY } from '../../../app/core/browser/browser-choice';
import { startAuthHarness, type AuthHarness } from './support/auth-harness';

let h: AuthHarness;
afterEach(async () => h?.close());

const SECOND_SESSION = `
[sso-session other]
sso_start_url = https://d-other.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access
`;

describe('SignInManager', () => {
  it('joins concurrent requests for one session into one attempt and one browser tab', async () => {
    h = await startAuthHarness();
    let opened = 0;
    const opener = async (prompt: Parameters<AuthHarness['browser']>[0]) => {
      opened++;
      await h.browser(prompt);
    };
    const [a, b, c] = await Promise.all([
      h.core.signIn('my-sso', { opener }),
      h.core.signIn('my-sso', { opener }),
      h.core.signIn('dev', { opener }), // a profile of the same session
    ]);
    expect(opened).toBe(1);
    expect(a).toEqual(b);
    expect(a).toEqual(c);
    expect(a.ok).toBe(true);
    expect(h.fake.requestsFor('RegisterClient')).toHaveLength(1);
    expect(h.fake.requestsFor('Authorize')).toHaveLength(1);
    expect(h.fake.requestsFor('CreateToken')).toHaveLength(1);
  });

  it('runs different sessions side by side', async () => {
    h = await startAuthHarness({
      config: `${SEED_CONFIG}${SECOND_SESSION}`,
    });
    const [mine, other] = await Promise.all([h.core.signIn('my-sso'), h.core.signIn('other')]);
    expect(mine).toMatchObject({ ok: true, session: 'my-sso' });
    expect(other).toMatchObject({ ok: true, session: 'other' });
    expect(JSON.parse(h.tokenText('other'))).toMatchObject({
      startUrl: 'https://d-other.awsapps.com/start',
      region: 'eu-west-1',
    });
  });

  it('cancels a running sign-in: every joined caller gets `cancelled`, nothing is written', async () => {
    h = await startAuthHarness();
    const first = h.core.signIn('my-sso', { opener: h.idleBrowser });
    const joined = h.core.signIn('my-sso');
    await h.prompt();
    expect(h.core.isSigningIn('my-sso')).toBe(true);
    expect(h.core.cancelSignIn('dev')).toBe(true);
    expect(await first).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await joined).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(h.core.isSigningIn('my-sso')).toBe(false);
    expect(h.core.cancelSignIn('my-sso')).toBe(false);
    // A user's cancel is not an error to show.
    expect(h.core.snapshot().sessions[0]).toMatchObject({
      signIn: null,
      lastError: null,
      state: 'signed-out',
    });
    // And a new attempt starts fresh.
    expect(await h.core.signIn('my-sso')).toMatchObject({ ok: true });
  });

  it('cancels a device flow while it waits between polls', async () => {
    const clock = new FakeClock(Date.now());
    h = await startAuthHarness({ clock, knobs: { autoApprove: false, deviceIntervalSeconds: 5 } });
    const running = h.core.signIn('my-sso', { flow: 'device-code', opener: h.idleBrowser });
    await h.fake.waitForRequests('CreateToken', 1);
    await h.prompt();
    h.core.cancelSignIn('my-sso');
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    clock.advance(60_000);
    expect(h.fake.requestsFor('CreateToken')).toHaveLength(1);
  });

  it('gives up after the overall timeout', async () => {
    const clock = new FakeClock(Date.now());
    h = await startAuthHarness({ clock });
    const running = h.core.signIn('my-sso', { opener: h.idleBrowser, timeoutMs: 30_000 });
    await h.prompt();
    clock.advance(30_000);
    const outcome = await running;
    expect(outcome).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(outcome.ok || outcome.error.message).toBe('The sign-in of my-sso timed out after 30 s.');
    expect(h.core.snapshot().sessions[0]!.lastError).toMatchObject({ code: 'timeout' });
  });

  it('re-opens the running page in the browser on request', async () => {
    h = await startAuthHarness();
    const running = h.core.signIn('my-sso', { opener: h.idleBrowser });
    // Nothing to re-open before the page exists.
    expect(await h.core.reopenSignInPage('my-sso')).toBe(false);
    const first = await h.prompt(0);
    expect(await h.core.reopenSignInPage('my-sso')).toBe(true);
    const again = await h.prompt(1);
    expect(again).toEqual(first);
    await h.fake.visit(again.url);
    expect(await running).toMatchObject({ ok: true });
    expect(await h.core.reopenSignInPage('my-sso')).toBe(false);
  });

  it('keeps going when the browser cannot be opened: the page is in the progress', async () => {
    h = await startAuthHarness();
    const running = h.core.signIn('my-sso', {
      opener: async () => {
        throw new AuthError(
          'browser-failed',
          'Could not start the browser command "nope" (ENOENT).',
        );
      },
    });
    await h.fake.waitForRequests('RegisterClient');
    const progress = await new Promise<string>((resolve) => {
      const stop = h.core.onSnapshot((s) => {
        const p = s.sessions[0]!.signIn;
        if (p?.url && s.sessions[0]!.lastError) {
          stop();
          resolve(p.url);
        }
      });
    });
    expect(h.core.snapshot().sessions[0]!.lastError).toMatchObject({
      code: 'browser-failed',
      message:
        'Could not start the browser command "nope" (ENOENT). Open the sign-in page by hand.',
    });
    await h.fake.visit(progress);
    expect(await running).toMatchObject({ ok: true });
    expect(h.core.snapshot().sessions[0]!.lastError).toBeNull();
  });

  it('names the problem for unknown names and incomplete sessions', async () => {
    h = await startAuthHarness({
      config: `[sso-session half]\nsso_start_url = https://d-half.awsapps.com/start\n\n[profile plain]\nregion = us-east-1\n`,
    });
    expect(await h.core.signIn('nope')).toMatchObject({
      ok: false,
      error: {
        code: 'unknown-session',
        message: 'No sso-session or profile named "nope" in the AWS config file.',
      },
    });
    expect(await h.core.signIn('plain')).toMatchObject({
      ok: false,
      error: {
        code: 'unknown-session',
        message:
          'Profile "plain" does not use IAM Identity Center (no sso_session or sso_start_url).',
      },
    });
    expect(await h.core.signIn('half')).toMatchObject({
      ok: false,
      error: {
        code: 'session-incomplete',
        message: '[sso-session half] has no sso_region; add it to the AWS config file.',
      },
    });
    expect(h.fake.requests).toHaveLength(0);
  });

  it('is what the SsoTrayApi serves: the settings pick the flow', async () => {
    const opened: string[] = [];
    // The window's sign-in opens the page in the system browser (here: the fake's visitor).
    h = await startAuthHarness({
      core: {
        signInOpener: undefined,
        systemBrowser: async (url) => {
          opened.push(url);
          await h.fake.visit(url);
        },
      },
    });
    await h.core.settings.update({ signInFlow: 'device-code' });
    const platform: PlatformAdapters = {
      clipboard: { writeText: () => undefined },
      browser: SYSTEM_BROWSER_ONLY,
      appInfo: { version: 'test', platform: 'linux' },
    };
    const api = createWindowApi(h.core, platform);
    const result = await api.signIn('my-sso');
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && Date.parse(result.value.expiresAt)).toBeGreaterThan(Date.now());
    expect(opened[0]).toMatch(/\/device\?user_code=/);
    expect(await api.cancelSignIn('my-sso')).toMatchObject({
      ok: false,
      error: { code: 'not-signing-in' },
    });
    expect(await api.signIn('nope')).toMatchObject({
      ok: false,
      error: { code: 'unknown-session' },
    });
    expect(await api.signOut('my-sso')).toEqual({ ok: true, value: null });
    expect(h.core.snapshot().sessions[0]!.state).toBe('signed-out');
  });
});
