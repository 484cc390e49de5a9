// Device authorization end to end through the real SSO-OIDC client, with the
// fake IAM Identity Center and the core sharing one fake clock, so polling
// intervals, SlowDown and expiry are exact and take no real time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registrationCacheKey } from '../../../app/core/token-cache/registration-cache';
import { AutoClock } from './support/auto-clock';
import { startAuthHarness, type AuthHarness } from './support/auth-harness';

let h: AuthHarness;
afterEach(async () => h?.close());

const START = Date.parse('2026-03-01T09:00:00Z');
const LEGACY_URL = 'https://d-abc123.awsapps.com/start';
const LEGACY_CONFIG = `[profile old]
sso_start_url = ${LEGACY_URL}
sso_region = us-west-2
sso_account_id = 111111111111
sso_role_name = ReadOnly
`;

/** Fake-clock times (ms after START) of the device-code polls. */
function pollTimes(harness: AuthHarness): number[] {
  return harness.fake
    .requestsFor('CreateToken')
    .filter((r) => r.body?.grantType === 'urn:ietf:params:oauth:grant-type:device_code')
    .map((r) => r.at - START);
}

describe('device-code sign-in against the fake IAM Identity Center', () => {
  it('shows the code, opens verificationUriComplete, polls at `interval` until approved', async () => {
    const clock = new AutoClock(START);
    h = await startAuthHarness({ clock, knobs: { deviceIntervalSeconds: 2 } });
    // The browser opens the page and the user confirms; the service still answers pending twice.
    const outcome = await h.core.signIn('my-sso', { flow: 'device-code' });
    expect(outcome).toMatchObject({ ok: true, expiresAt: START + 4_000 + 8 * 3600_000 });

    expect(pollTimes(h)).toEqual([0, 2_000, 4_000]);
    expect(h.fake.requestsFor('VerifyDevice')).toHaveLength(1);
    const [prompt] = h.prompts;
    expect(prompt).toMatchObject({ session: 'my-sso', flow: 'device-code' });
    expect(prompt!.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(prompt!.url).toBe(`${h.fake.url}/device?user_code=${prompt!.userCode}`);
    expect(prompt!.verificationUri).toBe(`${h.fake.url}/device`);

    expect(h.tokenText()).toBe(
      `{"startUrl": "https://d-abc123.awsapps.com/start", "region": "us-east-1", ` +
        `"accessToken": "${JSON.parse(h.tokenText()).accessToken}", "expiresAt": "2026-03-01T17:00:04Z", ` +
        `"clientId": "${JSON.parse(h.tokenText()).clientId}", "clientSecret": "${JSON.parse(h.tokenText()).clientSecret}", ` +
        `"registrationExpiresAt": "2026-05-30T09:00:00Z", "refreshToken": "${JSON.parse(h.tokenText()).refreshToken}"}`,
    );
    expect(h.tokenMode()).toBe(0o600);

    // The progress showed the code and the page while waiting.
    const waiting = h.snapshots
      .map((s) => s.sessions[0]!.signIn)
      .find((p) => p?.phase === 'waiting-for-user-code');
    expect(waiting).toMatchObject({
      flow: 'device-code',
      userCode: prompt!.userCode,
      url: prompt!.url,
    });

    // sso-sessions register with sso:account:access so the token is refreshable.
    const registrationFile = path.join(
      h.home.paths.cacheDir,
      `${registrationCacheKey({ startUrl: LEGACY_URL, region: 'us-east-1', scopes: ['sso:account:access'], sessionName: 'my-sso' })}.json`,
    );
    expect(readFileSync(registrationFile, 'utf8')).toMatch(
      /^\{"clientId": "[^"]+", "clientSecret": "[^"]+", "expiresAt": "2026-05-30T09:00:00Z", "scopes": \["sso:account:access"\]\}$/,
    );
    expect(h.fake.requestsFor('RegisterClient')[0]!.body).toEqual({
      clientName: 'sso-tray-my-sso',
      clientType: 'public',
      scopes: ['sso:account:access'],
    });
    expect(h.fake.requestsFor('StartDeviceAuthorization')[0]!.body).toMatchObject({
      startUrl: LEGACY_URL,
    });
  });

  it('a visit to the verification page approves the code (the user confirms)', async () => {
    const clock = new AutoClock(START);
    h = await startAuthHarness({ clock });
    const outcome = await h.core.signIn('my-sso', { flow: 'device-code' });
    expect(outcome.ok).toBe(true);
    expect((await h.visits[0]!).body).toContain('Request approved');
  });

  it('slows down by 5 seconds for every SlowDown reply', async () => {
    const clock = new AutoClock(START);
    h = await startAuthHarness({
      clock,
      knobs: { slowDownReplies: 2, pollsBeforeApproval: 1, deviceIntervalSeconds: 1 },
    });
    const outcome = await h.core.signIn('my-sso', { flow: 'device-code' });
    expect(outcome.ok).toBe(true);
    // 1 s interval; +5 after each SlowDown: 6 s, 11 s; then pending once (11 s), approved.
    expect(pollTimes(h)).toEqual([0, 6_000, 17_000, 28_000]);
  });

  it('fails with access-denied when the user refuses', async () => {
    const clock = new AutoClock(START);
    h = await startAuthHarness({ clock, knobs: { deny: true, pollsBeforeApproval: 1 } });
    const outcome = await h.core.signIn('my-sso', {
      flow: 'device-code',
      opener: h.idleBrowser,
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'access-denied' } });
    expect(h.core.snapshot().sessions[0]).toMatchObject({
      state: 'signed-out',
      signIn: null,
      lastError: { code: 'access-denied' },
    });
  });

  it('fails with device-code-expired when the service says ExpiredToken', async () => {
    const clock = new AutoClock(START);
    h = await startAuthHarness({ clock });
    const running = h.core.signIn('my-sso', { flow: 'device-code', opener: h.idleBrowser });
    await h.fake.waitForRequests('CreateToken', 3);
    h.fake.expireDeviceCodes();
    expect(await running).toMatchObject({ ok: false, error: { code: 'device-code-expired' } });
  });

  it('stops polling at expiresIn on its own (the AWS CLI would poll forever)', async () => {
    const clock = new AutoClock(START);
    h = await startAuthHarness({
      clock,
      knobs: { deviceCodeTtlSeconds: 10, deviceIntervalSeconds: 3 },
    });
    const outcome = await h.core.signIn('my-sso', {
      flow: 'device-code',
      opener: h.idleBrowser,
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'device-code-expired' } });
    expect(pollTimes(h)).toEqual([0, 3_000, 6_000, 9_000]);
    expect(outcome.ok || outcome.error.message).toContain(h.prompts[0]!.userCode);
  });

  it('legacy sso_start_url profiles use the device flow, the start URL file name and no scopes', async () => {
    const clock = new AutoClock(START);
    h = await startAuthHarness({ clock, config: LEGACY_CONFIG });
    const outcome = await h.core.signIn('old', { flow: 'pkce' });
    expect(outcome).toMatchObject({ ok: true, session: LEGACY_URL });
    expect(h.fake.requestsFor('Authorize')).toHaveLength(0);
    expect(h.fake.requestsFor('RegisterClient')[0]!.body).toEqual({
      clientName: `sso-tray-${Math.floor(START / 1000)}`,
      clientType: 'public',
    });
    const text = readFileSync(
      path.join(h.home.paths.cacheDir, '40a89917e3175433e361b710a9d43528d7f1890a.json'),
      'utf8',
    );
    // No scopes registered: no refresh token, as for the AWS CLI.
    expect(text).toMatch(
      /^\{"startUrl": "https:\/\/d-abc123\.awsapps\.com\/start", "region": "us-west-2", "accessToken": "[^"]+", "expiresAt": "[^"]+", "clientId": "[^"]+", "clientSecret": "[^"]+", "registrationExpiresAt": "[^"]+"\}$/,
    );
    expect(
      readFileSync(
        path.join(h.home.paths.cacheDir, 'd75f79f67bab3f92a2b1450471c0c2574de0dca4.json'),
        'utf8',
      ),
    ).toMatch(/^\{"clientId": "[^"]+", "clientSecret": "[^"]+", "expiresAt": "[^"]+"\}$/);
    expect(h.core.snapshot().sessions[0]).toMatchObject({
      name: LEGACY_URL,
      state: 'valid',
      renewal: { mode: 'not-possible' },
    });
  });

  it('reports network failures and 5xx answers in one sentence without secrets', async () => {
    const clock = new AutoClock(START);
    h = await startAuthHarness({
      clock,
      knobs: { failures: { StartDeviceAuthorization: { status: 'reset', count: 3 } } },
    });
    const network = await h.core.signIn('my-sso', { flow: 'device-code' });
    expect(network).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(network.ok || network.error.message).toMatch(
      /^Could not reach IAM Identity Center \(ECONNRESET\) to sign in to my-sso\./,
    );

    h.fake.knobs.failures.StartDeviceAuthorization = {
      status: 503,
      count: 3,
      errorType: 'ServiceUnavailableException',
    };
    const server = await h.core.signIn('my-sso', { flow: 'device-code' });
    expect(server).toMatchObject({ ok: false, error: { code: 'service-error' } });
    expect(server.ok || server.error.message).toBe(
      'IAM Identity Center answered ServiceUnavailableException when trying to sign in to my-sso.',
    );
    // The cached registration was reused for the second attempt and never printed.
    const registration = readFileSync(
      path.join(
        h.home.paths.cacheDir,
        `${registrationCacheKey({ startUrl: LEGACY_URL, region: 'us-east-1', scopes: ['sso:account:access'], sessionName: 'my-sso' })}.json`,
      ),
      'utf8',
    );
    const secret = JSON.parse(registration).clientSecret as string;
    expect(JSON.stringify([network, server])).not.toContain(secret);
    expect(h.fake.requestsFor('RegisterClient')).toHaveLength(1);
  });
});
