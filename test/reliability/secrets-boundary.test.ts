// The secrets boundary, across the flows and faults of the rest of the suite:
// - everything that crossed the e2e bridge (calls, results, pushed snapshots)
//   while the window signs in (PKCE and device code), renews, exports every
//   format in both modes, opens consoles, diagnoses, discovers, adds profiles,
//   signs out, and meets 5xx answers and revoked sign-ins;
// - everything the real `sso-tray` bin prints for the same kinds of flows
//   (stdout where it is not the credentials the user asked for, and stderr);
// - the loopback sign-in listener: loopback only, wrong `state` refused, one
//   use, closed after the timeout, and its errors never carry the code;
// - the modes of the files we write (0600) and the folders we create (0700).
// No access token, refresh token, client secret, device or authorization code,
// PKCE verifier, role credential or federation sign-in token may appear.
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackListener } from '../../app/core/auth/loopback-listener';
import {
  API_METHODS,
  EXPORT_MODES,
  EXPORT_SHELLS,
  EXPORT_TOOLS,
  type ApiMethod,
} from '../../app/shared/api';
import { startHarness, type Harness } from '../harness/harness';
import {
  FAST_APPROVAL,
  startFakeIdentityCenter,
  type FakeIdentityCenter,
} from '../fakes/fake-identity-center';
import { FakeClock } from '../support/fake-clock';
import { runSsoTray } from '../support/run-cli';
import { createTempHome, SEED_CONFIG, type TempHome } from '../support/temp-home';
import { runs, SEED } from './scale';
import { reportFigures, watchForCrashes } from './support/report';
import { cacheSecrets, fakeSecrets, findSecrets, type SecretFinding } from './support/secrets';

const scratch = mkdtempSync(path.join(tmpdir(), 'sso-tray-reliability-secrets-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const figures = {
  bridgeMessagesScanned: 0,
  cliOutputsScanned: 0,
  loopbackRequests: 0,
  filesChecked: 0,
  secretsKnown: 0,
  secretsFound: 0,
  wrongModes: 0,
};
const findings: SecretFinding[] = [];
const crashes = watchForCrashes();

function scan(text: string, known: Iterable<string>, where: string): void {
  const found = findSecrets(text, known, where);
  figures.secretsFound += found.length;
  findings.push(...found);
}

describe('the scanner', () => {
  it('finds each kind of secret it looks for (so a clean scan means something)', async () => {
    const fake = await startFakeIdentityCenter();
    try {
      const issued = fake.issueToken();
      const credentials = fake.roleCredentials('111111111111', 'DeveloperAccess');
      const text = [
        JSON.stringify(issued),
        JSON.stringify(credentials),
        'https://signin.aws.amazon.com/federation?Action=login&SigninToken=abcdefghijkl',
        'dc-0123456789abcdefghijklmnopqrstuvwxyzABCD code-0123456789abcdefghijklmnopqrstuv',
      ].join('\n');
      const kinds = new Set(findSecrets(text, [], 'self-test').map((f) => f.kind));
      expect([...kinds].sort()).toEqual(
        [
          'access token',
          'authorization code',
          'client secret',
          'device code',
          'federation sign-in token',
          'refresh token',
          'role access key id',
          'role session token',
        ].sort(),
      );
      expect(findSecrets('nothing here', [credentials.secretAccessKey], 'x')).toEqual([]);
      expect(
        findSecrets(`x${credentials.secretAccessKey}x`, [credentials.secretAccessKey], 'x'),
      ).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });
});

// ---- the window's side of the bridge -----------------------------------------------

describe('everything that crosses the bridge', () => {
  let harness: Harness;
  const seen = new Set<string>();
  const remember = () => {
    for (const secret of [...harness.secrets(), ...cacheSecrets(harness.home.paths.cacheDir)])
      seen.add(secret);
  };
  beforeAll(async () => {
    const rendererDir = path.join(scratch, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(
      path.join(rendererDir, 'index.html'),
      '<!doctype html><html><body><script type="module" src="/app.js"></script></body></html>',
    );
    // With the broker, so container-mode previews carry its bearer token (masked).
    harness = await startHarness({
      rendererDir,
      knobs: { deviceIntervalSeconds: 1 },
      broker: true,
    });
    seen.add(readFileSync(harness.broker!.containerEndpoint!.tokenFile, 'utf8'));
  }, 60_000);
  afterAll(() => harness?.close());

  async function call(method: ApiMethod, ...args: unknown[]): Promise<unknown> {
    const response = await fetch(`${harness.origin}/api/${method}`, {
      method: 'POST',
      headers: harness.windowHeaders,
      body: JSON.stringify({ args }),
    });
    const body = (await response.json()) as { value?: unknown };
    remember();
    return body.value;
  }

  it('holds no secret after sign-ins, renewals, exports, consoles, discovery, faults and sign-out', async () => {
    // The window listens to snapshots the whole time.
    const stream = new AbortController();
    const events = fetch(`${harness.origin}/api/snapshots`, {
      headers: harness.windowHeaders,
      signal: stream.signal,
    })
      .then((r) => r.text())
      .catch(() => '');
    remember();

    expect(await call('signIn', 'ops', { flow: 'pkce' })).toMatchObject({ ok: true });
    expect(await call('signIn', 'contractor', { flow: 'device-code' })).toMatchObject({ ok: true });
    // A silent renewal of every refreshable session, now.
    const outcomes = await Promise.all(
      harness.core.snapshot().sessions.map((s) => harness.core.renewNow(s.name)),
    );
    expect(outcomes.map((o) => o?.kind)).toContain('renewed');

    const profiles = harness.core.snapshot().profiles.map((p) => p.name);
    for (const profile of profiles) {
      for (const target of [...EXPORT_SHELLS, ...EXPORT_TOOLS]) {
        for (const mode of EXPORT_MODES) {
          await call('previewExport', { profile, target, mode });
        }
      }
      await call('copyExport', { profile, target: 'bash', mode: 'credentials' });
      await call('openConsole', profile);
    }
    await call('diagnose');
    await call('diagnose', 'acme-dev');
    await call('copyText', 'ABCD-EFGH');
    const discovered = await call('discover', 'acme');
    expect(discovered).toMatchObject({ ok: true });
    const plan = (await call('planProfiles', { session: 'acme' })) as {
      ok: boolean;
      value: unknown;
    };
    expect(plan.ok).toBe(true);
    expect(await call('applyProfilePlan', plan.value)).toMatchObject({ ok: true });

    // Faults: 5xx everywhere, then a revoked sign-in.
    harness.fake.knobs.failures = {
      CreateToken: { status: 500, count: 1000 },
      GetRoleCredentials: { status: 503, count: 1000 },
    };
    harness.core.forgetCredentials();
    expect(await call('signIn', 'research', { flow: 'device-code' })).toMatchObject({ ok: false });
    expect(
      await call('copyExport', { profile: 'acme-dev', target: 'fish', mode: 'credentials' }),
    ).toMatchObject({
      ok: false,
    });
    harness.fake.knobs.failures = {};
    harness.fake.revokeAllSessions();
    expect(
      await call('previewExport', { profile: 'acme-prod', target: 'bash', mode: 'credentials' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'session-expired' },
    });
    expect(await call('discover', 'acme')).toMatchObject({ ok: false });
    expect(await call('signOut', 'acme')).toMatchObject({ ok: true });
    await call('getSnapshot');
    await call('getAppInfo');
    await call('cancelSignIn', 'acme');
    await call('reopenSignInPage', 'acme');
    await call('getSettings');
    await call('updateSettings', { clipboardClearSeconds: 30 });
    await call('getBrowser');
    await call('chooseBrowser');
    expect(await call('getBroker')).toMatchObject({ running: true });

    stream.abort();
    await events;
    const traffic = harness.traffic.entries.map((e) => e.text).join('\n');
    figures.bridgeMessagesScanned += harness.traffic.entries.length;
    figures.secretsKnown += seen.size;
    scan(traffic, seen, 'bridge traffic');
    expect(harness.traffic.leaked(seen)).toEqual([]);
    expect(findings).toEqual([]);
    // Every method of the API was exercised.
    const called = new Set(
      harness.traffic.entries.filter((e) => e.direction === 'call').map((e) => e.method),
    );
    expect(API_METHODS.filter((m) => !called.has(m))).toEqual([]);
    // The snapshots the window got are there, and were scanned.
    expect(harness.traffic.entries.filter((e) => e.direction === 'event').length).toBeGreaterThan(
      5,
    );
  });

  it('files are 0600 and folders we create 0700', () => {
    const cache = harness.home.paths.cacheDir;
    for (const name of readdirSync(cache)) {
      figures.filesChecked++;
      const mode = statSync(path.join(cache, name)).mode & 0o777;
      if (mode !== 0o600) figures.wrongModes++;
      expect([name, mode.toString(8)]).toEqual([name, '600']);
    }
    const settingsFile = harness.settings.file;
    figures.filesChecked += 2;
    expect((statSync(settingsFile).mode & 0o777).toString(8)).toBe('600');
    expect((statSync(path.dirname(settingsFile)).mode & 0o777).toString(8)).toBe('700');
    expect((statSync(cache).mode & 0o777).toString(8)).toBe('700');
  });
});

// ---- what the CLI prints -----------------------------------------------------------

describe('everything the sso-tray command prints', () => {
  let fake: FakeIdentityCenter;
  let home: TempHome;
  let env: Record<string, string>;
  const seen = new Set<string>();
  const outputs: { what: string; text: string }[] = [];
  const BROWSER = `${process.execPath} ${path.resolve(__dirname, '../integration/auth/support/fake-browser.mjs')} %s`;
  beforeAll(async () => {
    fake = await startFakeIdentityCenter({ knobs: { deviceIntervalSeconds: 1 } });
    home = createTempHome({ config: SEED_CONFIG });
    env = { ...home.env, ...fake.env, BROWSER };
  });
  afterAll(async () => {
    await fake?.close();
    home?.cleanup();
  });

  /** Runs the bin; `secretStdout`: stdout is the credentials the user asked for, so only stderr counts. */
  async function sso(args: string[], options: { secretStdout?: boolean } = {}) {
    const result = await runSsoTray(args, { env, cwd: home.home, timeoutMs: 30_000 });
    for (const secret of [...cacheSecrets(home.paths.cacheDir), ...fakeSecrets(fake)])
      seen.add(secret);
    outputs.push({ what: `sso-tray ${args.join(' ')} (stderr)`, text: result.stderr });
    if (!options.secretStdout)
      outputs.push({ what: `sso-tray ${args.join(' ')} (stdout)`, text: result.stdout });
    return result;
  }

  it('prints no secret in any flow, fault or error', async () => {
    expect((await sso(['login', 'my-sso', '--pkce'])).code).toBe(0);
    await Promise.all([
      sso(['status']),
      sso(['status', '--json']),
      sso(['export', 'dev']),
      sso(['export', 'dev', '--shell', 'fish', '--region']),
      sso(['export', 'dev', '--tool', 'credential-process']),
      sso(['doctor']),
      sso(['doctor', '--profile', 'dev', '--json']),
    ]);
    await Promise.all([
      sso(['discover', 'my-sso']),
      sso(['discover', 'my-sso', '--json']),
      sso(['add-profiles', 'my-sso']),
      sso(['console', 'dev', '--print']),
      sso(['export', 'dev', '--credentials'], { secretStdout: true }),
      sso(['export', 'prod', '--format', 'env'], { secretStdout: true }),
      sso(['credential-process', '--profile', 'dev'], { secretStdout: true }),
    ]);
    // Faults.
    fake.knobs.failures = { GetRoleCredentials: { status: 503, count: 1000 } };
    const failing = await Promise.all([
      sso(['export', 'prod', '--credentials'], { secretStdout: true }),
      sso(['credential-process', '--profile', 'prod'], { secretStdout: true }),
    ]);
    // Refused by IAM Identity Center (exit codes: README).
    expect(failing.map((r) => r.code)).toEqual([6, 6]);
    fake.knobs.failures = { CreateToken: { status: 500, count: 1000 } };
    expect(
      (await sso(['login', 'my-sso', '--device-code', '--no-browser', '--timeout', '20'])).code,
    ).not.toBe(0);
    fake.knobs.failures = {};
    fake.revokeAllSessions();
    await Promise.all([
      sso(['discover', 'my-sso']),
      sso(['credential-process', '--profile', 'dev'], { secretStdout: true }),
      sso(['console', 'dev', '--federated', '--print'], { secretStdout: true }),
    ]);
    // pending polls: see the device-code exit test
    Object.assign(fake.knobs, FAST_APPROVAL);
    expect((await sso(['login', 'my-sso', '--device-code', '--no-browser'])).code).toBe(0);
    expect((await sso(['logout', 'my-sso'])).code).toBe(0);
    await sso(['logout', 'my-sso']);
    await sso(['login', 'no-such-session']);

    figures.cliOutputsScanned += outputs.length;
    figures.secretsKnown += seen.size;
    for (const { what, text } of outputs) scan(text, seen, what);
    expect(findings).toEqual([]);
    expect(seen.size).toBeGreaterThanOrEqual(8);
  }, 120_000);
});

// ---- the loopback listener ---------------------------------------------------------

describe('the PKCE loopback listener', () => {
  const externalAddresses = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && a.family === 'IPv4')
    .map((a) => a!.address);

  it(`takes exactly one callback with the right state (others get 400 and change nothing), on 127.0.0.1 only (${runs(60)} generated request sequences)`, async () => {
    const step = fc.record({
      path: fc.constantFrom(
        '/oauth/callback',
        '/oauth/callback/',
        '/',
        '/favicon.ico',
        '/OAUTH/CALLBACK',
      ),
      method: fc.constantFrom('GET', 'GET', 'GET', 'POST', 'HEAD'),
      state: fc.constantFrom('right', 'wrong', 'missing', 'empty'),
      code: fc.option(fc.stringMatching(/^code-[A-Za-z0-9_-]{30,40}$/), { nil: null }),
      error: fc.option(
        fc.constantFrom('access_denied', 'server_error', '<script>', 'x'.repeat(500)),
        {
          nil: null,
          freq: 4,
        },
      ),
    });
    const sequences = fc.sample(fc.array(step, { minLength: 1, maxLength: 5 }), {
      numRuns: runs(60),
      seed: SEED,
    });
    for (const [i, steps] of sequences.entries()) {
      const clock = new FakeClock(Date.now());
      const expectedState = crypto.randomUUID();
      const listener = await startLoopbackListener({
        expectedState,
        clock,
        timeoutMs: 60_000,
        sessionLabel: 'my-sso',
      });
      const where = `sequence ${i} (seed ${SEED}): ${JSON.stringify(steps).slice(0, 300)}`;
      const base = new URL(listener.redirectUri);
      expect(base.hostname, where).toBe('127.0.0.1');
      let consumedBy: (typeof steps)[number] | null = null;
      const codes = steps.map((s) => s.code).filter((c): c is string => c !== null);
      for (const s of steps) {
        const url = new URL(s.path, base);
        if (s.state === 'right') url.searchParams.set('state', expectedState);
        if (s.state === 'wrong') url.searchParams.set('state', crypto.randomUUID());
        if (s.state === 'empty') url.searchParams.set('state', '');
        if (s.code) url.searchParams.set('code', s.code);
        if (s.error) url.searchParams.set('error', s.error);
        figures.loopbackRequests++;
        const response = await fetch(url, { method: s.method }).catch(() => null);
        const isCallback = s.method === 'GET' && s.path === '/oauth/callback';
        if (consumedBy) {
          // One use: after the first callback the listener is closed (or closing).
          expect(response === null || response.status === 404, where).toBe(true);
          continue;
        }
        expect(response, where).not.toBeNull();
        if (!isCallback) {
          expect(response!.status, where).toBe(404);
          continue;
        }
        const page = await response!.text();
        // The page shows no code and no state.
        for (const code of codes) expect(page.includes(code), where).toBe(false);
        expect(page.includes(expectedState), where).toBe(false);
        expect(response!.headers.get('referrer-policy'), where).toBe('no-referrer');
        // A wrong or missing state is refused and changes nothing: the wait goes on.
        if (s.state !== 'right') {
          expect(response!.status, where).toBe(400);
          continue;
        }
        consumedBy = s;
      }
      if (!consumedBy) {
        // Nobody called back: the timeout ends the wait and closes the port.
        clock.advance(60_000);
      }
      const outcome = await listener.code.then(
        (code) => ({ ok: true as const, code }),
        (error: Error & { code: string }) => ({ ok: false as const, error }),
      );
      if (consumedBy === null) {
        expect(outcome, where).toMatchObject({ ok: false, error: { code: 'timeout' } });
      } else if (consumedBy.error === 'access_denied') {
        expect(outcome, where).toMatchObject({ ok: false, error: { code: 'access-denied' } });
      } else if (consumedBy.error !== null || consumedBy.code === null) {
        expect(outcome, where).toMatchObject({
          ok: false,
          error: { code: 'authorization-failed' },
        });
      } else {
        expect(outcome, where).toEqual({ ok: true, code: consumedBy.code });
      }
      if (!outcome.ok) {
        for (const code of codes) expect(outcome.error.message.includes(code), where).toBe(false);
        expect(outcome.error.message.includes(expectedState), where).toBe(false);
        expect(outcome.error.message.length, where).toBeLessThan(300);
      }
      await listener.close();
      // Closed: nothing answers on the port any more, on any address.
      expect(await fetch(base).catch(() => null), where).toBeNull();
      for (const address of externalAddresses) {
        const other = new URL(base);
        other.hostname = address;
        expect(await fetch(other).catch(() => null), `${where} via ${address}`).toBeNull();
      }
    }
  });

  it('never listens on another address, even while waiting', async () => {
    const listener = await startLoopbackListener({
      expectedState: 's',
      clock: new FakeClock(Date.now()),
      sessionLabel: 'x',
    });
    try {
      const port = new URL(listener.redirectUri).port;
      for (const address of externalAddresses) {
        expect(
          await fetch(`http://${address}:${port}/oauth/callback`).catch(() => null),
        ).toBeNull();
      }
      // And on loopback it answers (so the checks above are not vacuous).
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      await listener.close();
    }
  });
});

afterAll(() => {
  if (findings.length > 0) console.log('[reliability] secrets found:', findings);
  reportFigures('secrets boundary (bridge, CLI, loopback, file modes)', {
    ...figures,
    crashes: crashes.count,
  });
});
