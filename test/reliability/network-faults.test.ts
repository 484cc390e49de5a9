// Faults against the fake IAM Identity Center: 5xx and throttling storms,
// dropped connections, a closed port (connection refused), slow answers past
// the app's timeout, slow-down storms, revoked refresh tokens, denied and
// expired device codes, a PKCE callback that never comes. For sign-in, silent
// renewal, role credentials and discovery: the right outcome and message, and
// the requests counted in a fixed window of (fake) time prove that retries are
// bounded and backed off, never a tight loop. Everything the user could see
// (snapshots, outcomes, errors) is scanned for secrets.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../app/shared/events';
import { serializeCliToken } from '../../app/core/token-cache/token-file';
import type { FakeKnobs, FakeOperation } from '../fakes/fake-identity-center';
import { AutoClock } from '../integration/auth/support/auto-clock';
import { startAuthHarness, type AuthHarness } from '../integration/auth/support/auth-harness';
import { FakeClock } from '../support/fake-clock';
import { waitForSnapshot } from '../support/wait-for-snapshot';
import { reportFigures, watchForCrashes } from './support/report';
import { cacheSecrets, fakeSecrets, findSecrets, type SecretFinding } from './support/secrets';

const START = Date.parse('2026-03-01T09:00:00Z');
const SECOND = 1000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ROLES = [
  ['111111111111', 'DeveloperAccess'],
  ['222222222222', 'ReadOnly'],
] as const;

let h: AuthHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const crashes = watchForCrashes();
const figures = {
  scenarios: 0,
  faultsInjected: 0,
  requestsCounted: 0,
  secretsFound: 0,
};
const findings: SecretFinding[] = [];

/** A loopback URL where nothing listens: connection refused. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const requestsOf = (op: FakeOperation) => h!.fake.requestsFor(op);

/** Scans what the user could see in this world, and what the caller adds. */
function scanVisible(label: string, ...extra: unknown[]): void {
  const world = h!;
  const known = [...cacheSecrets(world.home.paths.cacheDir), ...fakeSecrets(world.fake, ROLES)];
  const visible = [
    ...world.snapshots.map((s) => JSON.stringify(s)),
    JSON.stringify(world.core.snapshot()),
    ...extra.map((e) =>
      e instanceof Error ? `${e.name}: ${e.message}` : (JSON.stringify(e) ?? String(e)),
    ),
  ].join('\n');
  const found = findSecrets(visible, known, label);
  figures.secretsFound += found.length;
  findings.push(...found);
  expect(found, label).toEqual([]);
}

function finish(label: string, faults: number, counted: number, ...visible: unknown[]): void {
  figures.scenarios++;
  figures.faultsInjected += faults;
  figures.requestsCounted += counted;
  scanVisible(label, ...visible);
}

const pollsOf = () =>
  requestsOf('CreateToken').filter(
    (r) => r.body?.grantType === 'urn:ietf:params:oauth:grant-type:device_code',
  );

// ---- sign-in -----------------------------------------------------------------------

describe('sign-in under faults', () => {
  it.each([
    [
      'CreateToken answers 503',
      { CreateToken: { status: 503, count: 1000 } },
      'CreateToken',
      'service-error',
    ],
    [
      'CreateToken drops the connection',
      { CreateToken: { status: 'reset', count: 1000 } },
      'CreateToken',
      'network',
    ],
    [
      'RegisterClient answers 500',
      { RegisterClient: { status: 500, count: 1000 } },
      'RegisterClient',
      'service-error',
    ],
    [
      'StartDeviceAuthorization is throttled',
      { StartDeviceAuthorization: { status: 429, count: 1000 } },
      'StartDeviceAuthorization',
      'service-error',
    ],
  ] as const)(
    '%s: fails with %s after at most 3 requests (the SDK retries, we do not loop)',
    async (label, failures, op, code) => {
      h = await startAuthHarness({
        clock: new AutoClock(START),
        knobs: { failures: structuredClone(failures) },
      });
      const outcome = await h.core.signIn('my-sso', {
        flow: 'device-code',
        opener: h.idleBrowser,
      });
      expect(outcome).toMatchObject({ ok: false, error: { code } });
      const count = requestsOf(op).length;
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(3);
      const session = h.core.snapshot().sessions[0]!;
      expect(session).toMatchObject({ state: 'signed-out', signIn: null, lastError: { code } });
      expect(session.lastError!.message).toMatch(/sign in to my-sso/);
      finish(label, count, h.fake.requests.length, outcome);
    },
  );

  it('connection refused: a network error naming ECONNREFUSED, nothing written', async () => {
    const closed = await closedPortUrl();
    h = await startAuthHarness({
      clock: new AutoClock(START),
      core: {
        env: {
          HOME: '/nonexistent',
          AWS_ENDPOINT_URL_SSO_OIDC: closed,
          AWS_ENDPOINT_URL_SSO: closed,
        },
      },
    });
    const outcome = await h.core.signIn('my-sso', {
      flow: 'device-code',
      opener: h.idleBrowser,
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(outcome.ok || outcome.error.message).toMatch(
      /Could not reach IAM Identity Center \(ECONNREFUSED\)/,
    );
    expect(h.prompts).toHaveLength(0);
    expect(existsSync(h.home.tokenPath('my-sso'))).toBe(false);
    expect(h.core.snapshot().sessions[0]!.state).toBe('signed-out');
    finish('connection refused (sign-in)', 1, 0, outcome);
  });

  it('a slow-down storm: each SlowDown adds 5 s, so 10 minutes hold at most 15 polls', async () => {
    h = await startAuthHarness({
      clock: new AutoClock(START, 15 * MINUTE),
      knobs: { slowDownReplies: 1000, deviceIntervalSeconds: 1, deviceCodeTtlSeconds: 600 },
    });
    const outcome = await h.core.signIn('my-sso', {
      flow: 'device-code',
      opener: h.idleBrowser,
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'device-code-expired' } });
    const times = pollsOf().map((r) => r.at - START);
    // 0, +6, +11, +16 ... s: every gap 5 s longer than the one before, all inside the code's 600 s.
    expect(times.length).toBeLessThanOrEqual(15);
    expect(times.length).toBeGreaterThanOrEqual(10);
    times.slice(1).forEach((t, i) => expect(t - times[i]!).toBe((6 + 5 * i) * SECOND));
    expect(times.at(-1)!).toBeLessThan(600 * SECOND);
    finish('slow-down storm', times.length, times.length, outcome);
  });

  it('a user who never approves: one poll per interval until the code expires, then stop', async () => {
    h = await startAuthHarness({
      clock: new AutoClock(START),
      knobs: { deviceIntervalSeconds: 2, deviceCodeTtlSeconds: 120 },
    });
    const outcome = await h.core.signIn('my-sso', {
      flow: 'device-code',
      opener: h.idleBrowser,
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'device-code-expired' } });
    const times = pollsOf().map((r) => r.at - START);
    expect(times.length).toBe(60);
    times.slice(1).forEach((t, i) => expect(t - times[i]!).toBe(2 * SECOND));
    finish('device code never approved', times.length, times.length, outcome);
  });

  it.each([
    ['denied', { deny: true }, 'access-denied'],
    ['expired by the service', {}, 'device-code-expired'],
  ] as const)('device code %s: %s, polling stops', async (label, knobs, code) => {
    h = await startAuthHarness({ clock: new AutoClock(START), knobs: { ...knobs } });
    const running = h.core.signIn('my-sso', { flow: 'device-code', opener: h.idleBrowser });
    if (code === 'device-code-expired') {
      await h.fake.waitForRequests('CreateToken', 3);
      h.fake.expireDeviceCodes();
    }
    const outcome = await running;
    expect(outcome).toMatchObject({ ok: false, error: { code } });
    const polls = pollsOf().length;
    expect(polls).toBeLessThanOrEqual(code === 'access-denied' ? 1 : 4);
    expect(h.core.snapshot().sessions[0]).toMatchObject({
      signIn: null,
      lastError: { code },
    });
    finish(`device code ${label}`, 1, polls, outcome);
  });

  it('a server slower than the sign-in timeout: the sign-in gives up on time and writes nothing', async () => {
    const clock = new FakeClock(START);
    // Longer than any test: only the sign-in's own timeout (fake clock) can end the wait.
    h = await startAuthHarness({ clock, knobs: { delays: { RegisterClient: 60 * MINUTE } } });
    const running = h.core.signIn('my-sso', {
      flow: 'device-code',
      opener: h.idleBrowser,
      timeoutMs: 2 * MINUTE,
    });
    await h.fake.waitForRequests('RegisterClient', 1);
    clock.advance(2 * MINUTE);
    const outcome = await running;
    expect(outcome).toMatchObject({ ok: false, error: { code: 'timeout' } });
    // The hanging request was abandoned, not waited for: the fake saw the connection closed.
    const [abandoned] = await h.fake.waitForAborted('RegisterClient');
    expect(abandoned).toBe(requestsOf('RegisterClient')[0]);
    expect(requestsOf('RegisterClient')).toHaveLength(1);
    expect(requestsOf('StartDeviceAuthorization')).toHaveLength(0);
    expect(h.core.snapshot().sessions[0]).toMatchObject({
      state: 'signed-out',
      signIn: null,
      lastError: { code: 'timeout' },
    });
    finish('server slower than the timeout', 1, h.fake.requests.length, outcome);
  });

  it('PKCE: a callback that never comes times out after 10 minutes and closes the listener', async () => {
    const clock = new FakeClock(START);
    h = await startAuthHarness({ clock });
    const running = h.core.signIn('my-sso', { opener: h.idleBrowser });
    const prompt = await h.prompt();
    const redirect = new URL(new URL(prompt.url).searchParams.get('redirect_uri')!);
    clock.advance(10 * MINUTE);
    const outcome = await running;
    expect(outcome).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(requestsOf('CreateToken')).toHaveLength(0);
    // The listener is gone: the port refuses connections.
    await expect(fetch(redirect)).rejects.toThrow();
    finish('PKCE callback never comes', 1, h.fake.requests.length, outcome);
  });

  it.each([
    ['the user denies in the browser', { deny: true }, 'access-denied', 0],
    [
      'CreateToken answers 500 after the callback',
      { failures: { CreateToken: { status: 500, count: 1000 } } },
      'service-error',
      3,
    ],
  ] as const)('PKCE: %s: %s, bounded', async (label, knobs, code, maxTokenCalls) => {
    h = await startAuthHarness({ clock: new AutoClock(START), knobs: structuredClone(knobs) });
    const outcome = await h.core.signIn('my-sso', { opener: h.browser });
    expect(outcome).toMatchObject({ ok: false, error: { code } });
    expect(requestsOf('CreateToken').length).toBeLessThanOrEqual(maxTokenCalls);
    expect(requestsOf('Authorize')).toHaveLength(1);
    finish(
      `PKCE ${label}`,
      Math.max(1, requestsOf('CreateToken').length),
      h.fake.requests.length,
      outcome,
    );
  });
});

// ---- silent renewal ----------------------------------------------------------------

/**
 * Lets the fake clock run to `until`, stepping from one timer to the next and
 * letting each renewal attempt finish; returns the events the core announced.
 */
async function runRenewalsUntil(clock: FakeClock, until: number): Promise<CoreEvent[]> {
  const events: CoreEvent[] = [];
  const stop = h!.core.onEvent((event) => events.push(event));
  try {
    for (let guard = 0; guard < 10_000; guard++) {
      const due = clock.nextDue();
      if (due === null || due > until) break;
      clock.advance(Math.max(0, due - clock.now()));
      await h!.core.renewalSettled('my-sso');
    }
    clock.advance(Math.max(0, until - clock.now()));
    await h!.core.renewalSettled('my-sso');
  } finally {
    stop();
  }
  return events;
}

async function signedInWorld(options: { knobs?: Partial<FakeKnobs>; closed?: string }) {
  const clock = new FakeClock(START);
  h = await startAuthHarness({
    clock,
    knobs: options.knobs,
    ...(options.closed
      ? {
          core: {
            env: {
              HOME: '/nonexistent',
              AWS_ENDPOINT_URL_SSO_OIDC: options.closed,
              AWS_ENDPOINT_URL_SSO: options.closed,
            },
          },
        }
      : {}),
  });
  // 16 minutes left: the renewal window (15 minutes) opens in one minute.
  const issued = h.fake.issueToken({ ttlSeconds: 16 * 60 });
  h.home.writeToken('my-sso', serializeCliToken(issued));
  await h.core.reload();
  h.core.watch();
  return { clock, issued };
}

const refreshTimes = () =>
  requestsOf('CreateToken')
    .filter((r) => r.body?.grantType === 'refresh_token')
    .map((r) => r.at - START);

describe('silent renewal under faults', () => {
  it('a 500 storm for 3 hours: one attempt at a time, backing off to every 15 minutes', async () => {
    const { clock } = await signedInWorld({
      knobs: { failures: { CreateToken: { status: 500, count: 100_000 } } },
    });
    const before = h!.tokenText();
    const events = await runRenewalsUntil(clock, START + 3 * HOUR);
    const attempts = [...new Set(refreshTimes())];
    // 1, 2, 4, 8, 16, then every 15 minutes: 16 attempts in 3 hours, 3 requests each at most.
    expect(attempts.slice(0, 5)).toEqual([1, 2, 4, 8, 16].map((m) => m * MINUTE));
    attempts.slice(5).forEach((t, i) => expect(t - attempts[i + 4]!).toBe(15 * MINUTE));
    expect(attempts.length).toBeLessThanOrEqual(16);
    expect(refreshTimes().length).toBeLessThanOrEqual(3 * attempts.length);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.kind === 'renewal-failed')).toBe(true);
    // The old token was kept, untouched, and the user is told why renewal lags.
    expect(h!.tokenText()).toBe(before);
    expect(h!.core.snapshot().sessions[0]!.renewal).toMatchObject({
      mode: 'failing',
      reason: expect.stringContaining('(service-error)'),
    });
    finish('renewal 500 storm', refreshTimes().length, refreshTimes().length, ...events);
  });

  it('a revoked refresh token: one attempt, one notice, then silence for 10 hours', async () => {
    const { clock } = await signedInWorld({ knobs: { refreshRevoked: true } });
    const events = await runRenewalsUntil(clock, START + 10 * HOUR);
    expect(events.map((e) => e.kind)).toEqual(['needs-sign-in']);
    expect(refreshTimes()).toEqual([MINUTE]);
    const session = h!.core.snapshot().sessions[0]!;
    expect(session).toMatchObject({
      state: 'expired',
      renewal: { mode: 'not-possible', reason: expect.stringContaining('ended the session') },
    });
    finish('revoked refresh token', 1, refreshTimes().length, ...events);
    // The user signs in elsewhere (`aws sso login`): the "sign in again" goes, renewal resumes.
    h!.fake.knobs.refreshRevoked = false;
    h!.home.writeToken('my-sso', serializeCliToken(h!.fake.issueToken({ ttlSeconds: 8 * 3600 })));
    await h!.core.reload();
    await waitForSnapshot(h!.core, (s) => s.sessions[0]!.renewal.mode === 'automatic');
    expect(h!.core.snapshot().sessions[0]).toMatchObject({ state: 'valid', lastError: null });
    // Renewal resumes: 15 minutes before the new token ends, it is renewed.
    const resumed = await runRenewalsUntil(clock, clock.now() + 8 * HOUR);
    expect(resumed.map((e) => e.kind)).toContain('renewed');
  });

  it('connection refused for 30 minutes: failed attempts on the backoff schedule, old token kept', async () => {
    const { clock } = await signedInWorld({ closed: await closedPortUrl() });
    const before = h!.tokenText();
    const events = await runRenewalsUntil(clock, START + 30 * MINUTE);
    const failed = events.filter(
      (e): e is Extract<CoreEvent, { kind: 'renewal-failed' }> => e.kind === 'renewal-failed',
    );
    expect(failed.map((e) => e.code)).toEqual(Array(failed.length).fill('network'));
    // 1, 2, 4, 8, 16 minutes: five attempts in the half hour.
    expect(failed.length).toBe(5);
    expect(failed.map((e) => e.retryAt - START)).toEqual([2, 4, 8, 16, 31].map((m) => m * MINUTE));
    expect(h!.tokenText()).toBe(before);
    finish('renewal connection refused', failed.length, failed.length, ...events);
  });
});

// ---- role credentials --------------------------------------------------------------

describe('role credentials under faults', () => {
  async function signedIn(knobs: Partial<FakeKnobs> = {}) {
    h = await startAuthHarness({ knobs });
    h.home.writeToken('my-sso', serializeCliToken(h.fake.issueToken()));
    await h.core.reload();
  }

  it('a 500 storm: each request from the user costs at most 3 calls, never a loop', async () => {
    await signedIn({ failures: { GetRoleCredentials: { status: 500, count: 1000 } } });
    const errors: unknown[] = [];
    for (let i = 0; i < 5; i++)
      errors.push(await h!.core.credentials('dev').catch((e: unknown) => e));
    expect(errors.map((e) => (e as { code: string }).code)).toEqual(Array(5).fill('service-error'));
    expect(requestsOf('GetRoleCredentials').length).toBeLessThanOrEqual(15);
    finish(
      'role credentials 500 storm',
      requestsOf('GetRoleCredentials').length,
      requestsOf('GetRoleCredentials').length,
      ...errors,
    );
  });

  it('five callers at once while the portal is slow: one request', async () => {
    await signedIn({ delays: { GetRoleCredentials: 300 } });
    const results = await Promise.all(Array.from({ length: 5 }, () => h!.core.credentials('dev')));
    expect(new Set(results.map((r) => r.accessKeyId)).size).toBe(1);
    expect(requestsOf('GetRoleCredentials')).toHaveLength(1);
    finish('slow portal, concurrent callers', 1, 1);
  });

  it('a revoked sign-in: session-expired with a sign-in action, one request', async () => {
    await signedIn();
    h!.fake.revokeAllSessions();
    const error = await h!.core.credentials('dev').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'session-expired', signInSession: 'my-sso' });
    expect(requestsOf('GetRoleCredentials')).toHaveLength(1);
    finish('role credentials after revocation', 1, 1, error);
  });

  it('connection refused: a network error', async () => {
    const closed = await closedPortUrl();
    h = await startAuthHarness({
      core: {
        env: {
          HOME: '/nonexistent',
          AWS_ENDPOINT_URL_SSO_OIDC: closed,
          AWS_ENDPOINT_URL_SSO: closed,
        },
      },
    });
    h.home.writeToken('my-sso', serializeCliToken(h.fake.issueToken()));
    await h.core.reload();
    const error = await h.core.credentials('dev').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'network' });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    finish('role credentials connection refused', 1, 0, error);
  });
});

// ---- discovery ---------------------------------------------------------------------

describe('discovery under faults', () => {
  async function discoveryWorld(knobs: Partial<FakeKnobs>, env?: Record<string, string>) {
    const waits: number[] = [];
    // The default retry policy, with its waits recorded instead of slept.
    const retries = {
      sleep: async (ms: number) => {
        waits.push(ms);
      },
      random: () => 0.5,
    };
    h = await startAuthHarness({ knobs, core: { ...(env ? { env } : {}), discovery: retries } });
    h.home.writeToken('my-sso', serializeCliToken(h.fake.issueToken()));
    await h.core.reload();
    const discovery = { discover: (session: string) => h!.core.discover(session) };
    return { discovery, waits };
  }

  it.each([
    ['throttled for ever', { ListAccounts: { status: 429, count: 1000 } }, 'throttled'],
    ['503 for ever', { ListAccounts: { status: 503, count: 1000 } }, 'service-unavailable'],
    ['dropped connections', { ListAccounts: { status: 'reset', count: 1000 } }, 'network'],
  ] as const)(
    '%s: gives up after 6 calls with exponential waits (%s)',
    async (label, failures, code) => {
      const { discovery, waits } = await discoveryWorld({ failures: structuredClone(failures) });
      const error = await discovery.discover('my-sso').catch((e: unknown) => e);
      expect(error).toMatchObject({ code });
      expect(requestsOf('ListAccounts')).toHaveLength(6);
      // 250 ms doubling (half jitter at 0.5): no two calls back to back.
      expect(waits).toEqual([188, 375, 750, 1500, 3000]);
      finish(`discovery ${label}`, 6, 6, error);
    },
  );

  it('ListAccountRoles failing for every account: each account retried at most 6 times', async () => {
    const { discovery } = await discoveryWorld({
      failures: { ListAccountRoles: { status: 500, count: 1000 } },
    });
    const error = await discovery.discover('my-sso').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'service-unavailable' });
    const calls = requestsOf('ListAccountRoles').length;
    expect(calls).toBeGreaterThanOrEqual(6);
    expect(calls).toBeLessThanOrEqual(6 * 2);
    finish('discovery ListAccountRoles 500', calls, calls + 1, error);
  });

  it('connection refused: network after 6 attempts', async () => {
    const closed = await closedPortUrl();
    const { discovery, waits } = await discoveryWorld(
      {},
      { HOME: '/nonexistent', AWS_ENDPOINT_URL_SSO_OIDC: closed, AWS_ENDPOINT_URL_SSO: closed },
    );
    const error = await discovery.discover('my-sso').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'network',
      message: expect.stringMatching(/after 6 attempts/),
    });
    expect(waits).toHaveLength(5);
    finish('discovery connection refused', 6, 0, error);
  });
});

afterEach(() => {
  if (findings.length > 0) console.log(findings);
});

afterAll(() =>
  reportFigures('network faults (fake IAM Identity Center)', {
    ...figures,
    crashes: crashes.count,
  }),
);
