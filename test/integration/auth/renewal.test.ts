// Silent renewal with the real SSO-OIDC client against the fake, on a fake
// clock shared by both: when it renews, what it writes, how it backs off, and
// what happens when the Identity Center session has really ended.
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../app/core';
import { backoffMs } from '../../../app/core/auth/renewal-scheduler';
import { serializeCliToken } from '../../../app/core/token-cache/token-file';
import type { CoreEvent } from '../../../app/shared/events';
import type { IssuedToken } from '../../fakes/fake-identity-center';
import { FakeClock } from '../../support/fake-clock';
import { startAuthHarness, type AuthHarness } from './support/auth-harness';

let h: AuthHarness;
afterEach(async () => h?.close());

const START = Date.parse('2026-06-01T08:00:00Z');
const MIN = 60_000;

function nextEvent<K extends CoreEvent['kind']>(
  core: Core,
  kind: K,
): Promise<Extract<CoreEvent, { kind: K }>> {
  return new Promise((resolve) => {
    const stop = core.onEvent((event) => {
      if (event.kind !== kind) return;
      stop();
      resolve(event as Extract<CoreEvent, { kind: K }>);
    });
  });
}

/** A world with a signed-in my-sso whose token has `ttlMinutes` left, renewal running. */
async function signedIn(
  ttlMinutes: number,
  tweak: (token: IssuedToken) => IssuedToken = (t) => t,
  knobs: Parameters<typeof startAuthHarness>[0] = {},
) {
  const clock = new FakeClock(START);
  h = await startAuthHarness({ clock, ...knobs });
  const issued = tweak(h.fake.issueToken({ ttlSeconds: ttlMinutes * 60 }));
  h.home.writeToken('my-sso', serializeCliToken(issued));
  await h.core.reload();
  h.core.watch();
  return { clock, issued, core: h.core };
}

const attemptTimes = () => [
  ...new Set(
    h.fake
      .requestsFor('CreateToken')
      .filter((r) => r.body?.grantType === 'refresh_token')
      .map((r) => r.at - START),
  ),
];

describe('silent renewal', () => {
  it('renews 15 minutes before expiry and writes the file as the AWS CLI does', async () => {
    const { clock, issued, core } = await signedIn(20);
    clock.advance(5 * MIN - 1);
    expect(h.fake.requestsFor('CreateToken')).toHaveLength(0);

    const renewed = nextEvent(core, 'renewed');
    clock.advance(1);
    const event = await renewed;
    expect(event).toEqual({
      kind: 'renewed',
      at: START + 5 * MIN,
      session: 'my-sso',
      expiresAt: START + 5 * MIN + 8 * 3600_000,
      message: 'Renewed the sign-in of my-sso.',
    });

    expect(h.fake.requestsFor('CreateToken')[0]!.body).toEqual({
      grantType: 'refresh_token',
      clientId: issued.clientId,
      clientSecret: issued.clientSecret,
      refreshToken: issued.refreshToken,
    });
    const written = JSON.parse(h.tokenText()) as Record<string, string>;
    expect(h.tokenText()).toBe(
      serializeCliToken({
        startUrl: 'https://d-abc123.awsapps.com/start',
        region: 'us-east-1',
        accessToken: written.accessToken!,
        expiresAt: START + 5 * MIN + 8 * 3600_000,
        clientId: issued.clientId,
        clientSecret: issued.clientSecret,
        registrationExpiresAt: issued.registrationExpiresAt,
        refreshToken: written.refreshToken!,
      }),
    );
    expect(written.accessToken).not.toBe(issued.accessToken);
    // The fake rotates refresh tokens: the new one is stored, the old one is dead.
    expect(written.refreshToken).not.toBe(issued.refreshToken);
    expect(h.fake.isTokenValid(written.accessToken!)).toBe(true);
    expect(h.tokenMode()).toBe(0o600);
    expect(h.core.snapshot().sessions[0]).toMatchObject({
      state: 'valid',
      renewal: { mode: 'automatic' },
      expiresAt: new Date(START + 5 * MIN + 8 * 3600_000).toISOString(),
    });
    // And the next renewal is planned for the new token: 15 minutes before it ends.
    clock.advance(8 * 3600_000 - 15 * MIN - 1);
    expect(attemptTimes()).toEqual([5 * MIN]);
    const again = nextEvent(core, 'renewed');
    clock.advance(1);
    await again;
    expect(attemptTimes()).toEqual([5 * MIN, 5 * MIN + 8 * 3600_000 - 15 * MIN]);
  });

  it('renews at once a token already inside the window (e.g. after the laptop slept)', async () => {
    const clock = new FakeClock(START);
    h = await startAuthHarness({ clock });
    h.home.writeToken('my-sso', serializeCliToken(h.fake.issueToken({ ttlSeconds: 10 * 60 })));
    await h.core.reload();
    const renewed = nextEvent(h.core, 'renewed');
    h.core.watch();
    clock.advance(0);
    await renewed;
    expect(attemptTimes()).toEqual([0]);
  });

  it('backs off on failures: at most one attempt a minute, then 2, 4, 8 minutes', async () => {
    const { clock, issued, core } = await signedIn(16, undefined, {
      knobs: { failures: { CreateToken: { status: 500, count: 1_000 } } },
    });
    const before = h.tokenText();
    const retries: number[] = [];
    for (const wait of [1 * MIN, 1 * MIN, 2 * MIN, 4 * MIN]) {
      const failed = nextEvent(core, 'renewal-failed');
      clock.advance(wait);
      const event = await failed;
      retries.push(event.retryAt - START);
      expect(event.code).toBe('service-error');
    }
    expect(attemptTimes()).toEqual([1 * MIN, 2 * MIN, 4 * MIN, 8 * MIN]);
    expect(retries).toEqual([2 * MIN, 4 * MIN, 8 * MIN, 16 * MIN]);
    // No attempt before the backoff is over.
    clock.advance(8 * MIN - 1);
    expect(attemptTimes()).toHaveLength(4);
    // The old token stays in place and in use; the user sees why renewal lags.
    expect(h.tokenText()).toBe(before);
    expect(h.fake.isTokenValid(issued.accessToken)).toBe(true);
    expect(h.core.snapshot().sessions[0]).toMatchObject({
      // Inside the warning window and not renewing by itself: the user is warned.
      state: 'expiring',
      renewal: {
        mode: 'failing',
        reason: `Could not renew my-sso (service-error); the current sign-in stays in use and renewal is retried at ${new Date(START + 16 * MIN).toISOString()}.`,
        retryAt: new Date(START + 16 * MIN).toISOString(),
      },
      lastError: null,
    });
    expect(backoffMs(10)).toBe(15 * MIN);
  });

  it('keeps the old token through a network failure and renews on the next try', async () => {
    const { clock, core } = await signedIn(15, undefined, {
      knobs: { failures: { CreateToken: { status: 'reset', count: 3 } } },
    });
    const before = h.tokenText();
    const failed = nextEvent(core, 'renewal-failed');
    clock.advance(0);
    expect(await failed).toMatchObject({ code: 'network', retryAt: START + MIN });
    expect(h.tokenText()).toBe(before);
    expect(h.core.snapshot().sessions[0]).toMatchObject({
      state: 'expiring',
      renewal: { mode: 'failing' },
    });

    const renewed = nextEvent(core, 'renewed');
    clock.advance(MIN);
    await renewed;
    expect(h.tokenText()).not.toBe(before);
    expect(h.core.snapshot().sessions[0]).toMatchObject({
      state: 'valid',
      renewal: { mode: 'automatic', reason: null },
    });
  });

  it('InvalidGrantException: needs a browser sign-in, says so once, and stops trying', async () => {
    const { clock, core } = await signedIn(20, undefined, { knobs: { refreshRevoked: true } });
    const notices: CoreEvent[] = [];
    core.onEvent((e) => e.kind === 'needs-sign-in' && notices.push(e));
    const needs = nextEvent(core, 'needs-sign-in');
    clock.advance(5 * MIN);
    expect(await needs).toEqual({
      kind: 'needs-sign-in',
      at: START + 5 * MIN,
      session: 'my-sso',
      reason: 'session-ended',
      message: 'IAM Identity Center ended the session of my-sso; sign in again in the browser.',
      expiresAt: START + 20 * MIN,
    });
    clock.advance(14 * MIN);
    expect(attemptTimes()).toEqual([5 * MIN]);
    // No longer renewable, so inside the warning window it is `expiring`.
    expect(h.core.snapshot().sessions[0]).toMatchObject({
      state: 'expiring',
      renewal: {
        mode: 'not-possible',
        reason: 'IAM Identity Center ended the session of my-sso; sign in again in the browser.',
      },
    });
    clock.advance(1 * MIN);
    expect(h.core.snapshot().sessions[0]!.state).toBe('expired');
    expect(notices).toHaveLength(1);

    // A browser sign-in brings a new token, and renewal takes it on.
    h.fake.knobs.refreshRevoked = false;
    expect(await h.core.signIn('my-sso')).toMatchObject({ ok: true });
    expect(h.core.snapshot().sessions[0]!.renewal.mode).toBe('automatic');
    const signedInAt = clock.now() - START;
    clock.advance(8 * 3600_000 - 15 * MIN - 1);
    expect(attemptTimes()).toEqual([5 * MIN]);
    const renewed = nextEvent(core, 'renewed');
    clock.advance(1);
    await renewed;
    expect(attemptTimes()).toEqual([5 * MIN, signedInAt + 8 * 3600_000 - 15 * MIN]);
  });

  it('an expired client registration needs a browser sign-in without asking the service', async () => {
    const { clock, core } = await signedIn(20, (t) => ({
      ...t,
      registrationExpiresAt: START - 1000,
    }));
    // The file itself says renewal is not possible: no attempt is even planned.
    expect(h.core.snapshot().sessions[0]).toMatchObject({
      state: 'valid',
      renewal: { mode: 'not-possible', reason: expect.stringContaining('registration') },
    });
    const events: CoreEvent[] = [];
    core.onEvent((e) => events.push(e));
    clock.advance(5 * MIN);
    expect(h.core.snapshot().sessions[0]!.state).toBe('expiring');
    await h.core.credentials('dev').catch(() => undefined);
    expect(h.fake.requestsFor('CreateToken')).toHaveLength(0);
  });

  it('does nothing when another tool renewed the token in the meantime', async () => {
    const { clock } = await signedIn(20);
    // The AWS CLI refreshed behind our back (we are not watching files here).
    h.home.writeToken('my-sso', serializeCliToken(h.fake.issueToken({ ttlSeconds: 8 * 3600 })));
    clock.advance(5 * MIN);
    await h.core.reload();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.fake.requestsFor('CreateToken')).toHaveLength(0);
    // The next renewal is the new token's, 15 minutes before it ends.
    clock.advance(8 * 3600_000 - 20 * MIN - 1);
    expect(attemptTimes()).toEqual([]);
    const renewed = nextEvent(h.core, 'renewed');
    clock.advance(1);
    await renewed;
    expect(attemptTimes()).toEqual([8 * 3600_000 - 15 * MIN]);
  });

  it('follows the settings: a longer lead, or off', async () => {
    const { clock, core } = await signedIn(45);
    await core.settings.update({ renewal: { enabled: true, leadMinutes: 40 } });
    clock.advance(5 * MIN - 1);
    expect(attemptTimes()).toEqual([]);
    await core.settings.update({ renewal: { enabled: false, leadMinutes: 40 } });
    expect(core.snapshot().sessions[0]!.renewal.mode).toBe('off');
    clock.advance(20 * MIN);
    expect(h.fake.requestsFor('CreateToken')).toHaveLength(0);
    const renewed = nextEvent(core, 'renewed');
    await core.settings.update({ renewal: { enabled: true, leadMinutes: 40 } });
    clock.advance(0);
    await renewed;
    expect(attemptTimes()).toEqual([25 * MIN - 1]);
  });

  it('leaves legacy and non-refreshable sessions alone', async () => {
    const clock = new FakeClock(START);
    h = await startAuthHarness({ clock });
    h.home.writeToken(
      'my-sso',
      serializeCliToken(h.fake.issueToken({ ttlSeconds: 60, refreshable: false })),
    );
    await h.core.reload();
    h.core.watch();
    expect(h.core.snapshot().sessions[0]!.renewal.mode).toBe('not-possible');
    clock.advance(10 * MIN);
    expect(h.fake.requests).toHaveLength(0);
  });

  it('runs by itself in a watching core (the app), renewing a token another tool wrote', async () => {
    h = await startAuthHarness({ core: { watch: true } });
    const renewed = nextEvent(h.core, 'renewed');
    // Written after start: the file watcher brings it in, the scheduler renews at once.
    h.home.writeToken('my-sso', serializeCliToken(h.fake.issueToken({ ttlSeconds: 10 * 60 })));
    const event = await renewed;
    expect(event.session).toBe('my-sso');
    expect(JSON.parse(h.tokenText()).expiresAt).toBe(
      new Date(event.expiresAt).toISOString().replace('.000Z', 'Z'),
    );
  });
});
