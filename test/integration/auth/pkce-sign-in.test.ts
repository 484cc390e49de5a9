// Authorization code + PKCE end to end: the real SSO-OIDC client against the
// fake IAM Identity Center, a simulated browser following the real redirect to
// our loopback listener, and the token and registration files on disk.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTokenFile, tokenFilePath } from '../../../app/core/token-cache/token-file';
import { registrationCacheKey } from '../../../app/core/token-cache/registration-cache';
import { FakeClock } from '../../support/fake-clock';
import { startAuthHarness, secretsOf, type AuthHarness } from './support/auth-harness';

let h: AuthHarness;
afterEach(async () => h?.close());

const CLI_TOKEN_LINE =
  /^\{"startUrl": "https:\/\/d-abc123\.awsapps\.com\/start", "region": "us-east-1", "accessToken": "[^"]+", "expiresAt": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "clientId": "[^"]+", "clientSecret": "[^"]+", "registrationExpiresAt": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "refreshToken": "[^"]+"\}$/;

const REGISTRATION_KEY = registrationCacheKey({
  startUrl: 'https://d-abc123.awsapps.com/start',
  region: 'us-east-1',
  scopes: ['sso:account:access'],
  sessionName: 'my-sso',
});

function portOf(url: string): number {
  return Number(new URL(new URL(url).searchParams.get('redirect_uri')!).port);
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Local addresses of the sockets listening on `port`, from /proc/net/tcp{,6} (Linux). */
function listenersOn(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const addresses: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A' || !local.endsWith(`:${hexPort}`)) continue;
      const hex = local.split(':')[0]!;
      addresses.push(
        hex.length === 8
          ? (hex.match(/../g) ?? [])
              .reverse()
              .map((b) => parseInt(b, 16))
              .join('.')
          : `[${hex}]`,
      );
    }
  }
  return addresses;
}

describe('PKCE sign-in against the fake IAM Identity Center', () => {
  it('writes the AWS CLI token file (0600) and the shared registration, and tells the browser', async () => {
    h = await startAuthHarness({ withCacheDir: false });
    const before = Date.now();
    const outcome = await h.core.signIn('my-sso');
    expect(outcome).toMatchObject({ ok: true, session: 'my-sso' });

    const text = h.tokenText();
    expect(text).toMatch(CLI_TOKEN_LINE);
    expect(h.tokenMode()).toBe(0o600);
    expect(statSync(h.home.paths.cacheDir).mode & 0o777).toBe(0o700);
    const token = parseTokenFile(text);
    if (token.kind !== 'token') throw new Error('no token');
    // expiresAt = now + expiresIn (8 h), at seconds precision.
    expect(token.token.expiresAt).toBeGreaterThanOrEqual(
      Math.floor(before / 1000) * 1000 + 8 * 3600_000,
    );
    expect(token.token.expiresAt).toBeLessThanOrEqual(Date.now() + 8 * 3600_000);
    expect(h.fake.isTokenValid(token.token.accessToken)).toBe(true);

    const registration = readFileSync(
      path.join(h.home.paths.cacheDir, `${REGISTRATION_KEY}.json`),
      'utf8',
    );
    expect(registration).toMatch(
      /^\{"clientId": "[^"]+", "clientSecret": "[^"]+", "expiresAt": "[\dT:-]+Z", "scopes": \["sso:account:access"\], "grantTypes": \["authorization_code", "refresh_token"\]\}$/,
    );
    expect(
      statSync(path.join(h.home.paths.cacheDir, `${REGISTRATION_KEY}.json`)).mode & 0o777,
    ).toBe(0o600);

    const [register] = h.fake.requestsFor('RegisterClient');
    expect(register!.body).toEqual({
      clientName: 'sso-tray-my-sso',
      clientType: 'public',
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['http://127.0.0.1/oauth/callback'],
      issuerUrl: 'https://d-abc123.awsapps.com/start',
      scopes: ['sso:account:access'],
    });

    // The authorize URL: the client's endpoint, parameters in the CLI's order.
    const url = h.prompts[0]!.url;
    const port = portOf(url);
    const clientId = JSON.parse(registration).clientId as string;
    const redirect = `http://127.0.0.1:${port}/oauth/callback`;
    const state = new URL(url).searchParams.get('state')!;
    expect(state).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const challenge = new URL(url).searchParams.get('code_challenge')!;
    expect(url).toBe(
      `${h.fake.url}/authorize?response_type=code&client_id=${encodeURIComponent(clientId)}` +
        `&redirect_uri=${encodeURIComponent(redirect)}&state=${state}` +
        `&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=${challenge}`,
    );

    // The exchange proves possession of the verifier behind the challenge.
    const [exchange] = h.fake.requestsFor('CreateToken');
    expect(exchange!.body).toMatchObject({
      grantType: 'authorization_code',
      clientId,
      redirectUri: redirect,
    });
    const verifier = exchange!.body!.codeVerifier as string;
    expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{64}$/);
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(challenge);

    const page = await h.visits[0]!;
    expect(page.status).toBe(200);
    expect(page.url).toBe(
      `${redirect}?code=${new URL(page.url).searchParams.get('code')}&state=${state}`,
    );
    expect(page.body).toContain('Signed in');
    expect(page.body).toContain('You can close this tab');
    // The listener served its one callback and is gone.
    expect(await canConnect('127.0.0.1', port)).toBe(false);
  });

  it('publishes progress in the snapshot and clears it, and the session becomes valid', async () => {
    h = await startAuthHarness();
    await h.core.signIn('my-sso');
    const phases = h.snapshots
      .map((s) => s.sessions.find((x) => x.name === 'my-sso')!.signIn)
      .map((p) => (p ? `${p.flow}:${p.phase}${p.url ? '+url' : ''}` : 'none'));
    const distinct = phases.filter((p, i) => i === 0 || p !== phases[i - 1]);
    expect(distinct).toEqual([
      'pkce:registering',
      'pkce:waiting-for-browser+url',
      'pkce:exchanging-code+url',
      'pkce:writing-token+url',
      'none',
    ]);
    const last = h.core.snapshot().sessions.find((s) => s.name === 'my-sso')!;
    expect(last).toMatchObject({
      state: 'valid',
      renewal: { mode: 'automatic' },
      signIn: null,
      lastError: null,
    });
    // No secret reaches the snapshot.
    const json = JSON.stringify(h.snapshots);
    for (const secret of secretsOf(h.tokenText())) expect(json).not.toContain(secret);
    expect(json).not.toContain(h.fake.requestsFor('CreateToken')[0]!.body!.codeVerifier);
  });

  it("reuses a fitting registration (ours or the AWS CLI's) and replaces a device-flow one", async () => {
    h = await startAuthHarness();
    await h.core.signIn('my-sso');
    await h.core.signIn('my-sso');
    expect(h.fake.requestsFor('RegisterClient')).toHaveLength(1);
    expect(h.fake.requestsFor('Authorize')).toHaveLength(2);

    // A device-flow registration (no grantTypes) under the same key cannot run PKCE.
    const file = path.join(h.home.paths.cacheDir, `${REGISTRATION_KEY}.json`);
    const device = h.fake.issueToken({ refreshable: true });
    writeFileSync(
      file,
      `{"clientId": "${device.clientId}", "clientSecret": "${device.clientSecret}", "expiresAt": "2099-01-01T00:00:00Z", "scopes": ["sso:account:access"]}`,
    );
    await h.core.signIn('my-sso');
    expect(h.fake.requestsFor('RegisterClient')).toHaveLength(2);
    expect(readFileSync(file, 'utf8')).toContain(
      '"grantTypes": ["authorization_code", "refresh_token"]',
    );
  });

  it('answers a callback with a wrong or missing state with 400 and signs in with the right one', async () => {
    h = await startAuthHarness();
    const pages: string[] = [];
    const outcome = await h.core.signIn('my-sso', {
      opener: async (prompt) => {
        // Forged redirects first (another local process, a page scanning loopback ports):
        // right path and a code, but not our state, or none.
        const redirect = new URL(prompt.url).searchParams.get('redirect_uri')!;
        for (const query of ['?code=forged-code&state=not-the-state', '?code=forged-code']) {
          const response = await fetch(`${redirect}${query}`);
          pages.push(`${response.status} ${await response.text()}`);
        }
        // Then the user's browser comes back with the real answer.
        await h.browser(prompt);
      },
    });
    expect(pages).toHaveLength(2);
    for (const page of pages) expect(page).toMatch(/^400 .*Response refused/);
    expect(outcome).toMatchObject({ ok: true, session: 'my-sso' });
    expect(h.tokenText()).toMatch(CLI_TOKEN_LINE);
    // Only the real code was exchanged.
    const exchanges = h.fake.requestsFor('CreateToken');
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]!.body?.code).not.toBe('forged-code');
    expect(h.core.snapshot().sessions[0]!.lastError).toBeNull();
  });

  it('reports a denial in the browser as access-denied', async () => {
    h = await startAuthHarness({ knobs: { deny: true } });
    const outcome = await h.core.signIn('my-sso');
    expect(outcome).toMatchObject({ ok: false, error: { code: 'access-denied' } });
    expect((await h.visits[0]!).body).toContain('Access denied');
    expect(h.core.snapshot().sessions[0]!.lastError?.code).toBe('access-denied');
  });

  it('listens on 127.0.0.1 only: the port is closed on other addresses', async () => {
    h = await startAuthHarness();
    const running = h.core.signIn('my-sso', { opener: h.idleBrowser });
    const port = portOf((await h.prompt()).url);
    expect(await canConnect('127.0.0.1', port)).toBe(true);
    // The kernel's view: the one listening socket on this port is bound to 127.0.0.1.
    expect(listenersOn(port)).toEqual(['127.0.0.1']);
    // And from outside: every other address of this machine refuses.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal)
      .map((i) =>
        i!.family === 'IPv6' && i!.scopeid ? `${i!.address}%${i!.scopeid}` : i!.address,
      );
    for (const address of [...others, '::1']) {
      expect(await canConnect(address, port), address).toBe(false);
    }
    h.core.cancelSignIn('my-sso');
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await canConnect('127.0.0.1', port)).toBe(false);
  });

  it('gives up when the browser never comes back (10 minutes, fake clock)', async () => {
    const clock = new FakeClock(Date.now());
    h = await startAuthHarness({ clock });
    const running = h.core.signIn('my-sso', { opener: h.idleBrowser });
    await h.prompt();
    clock.advance(10 * 60_000 - 1);
    const early = await Promise.race([running, Promise.resolve('still waiting')]);
    expect(early).toBe('still waiting');
    clock.advance(1);
    const outcome = await running;
    expect(outcome).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(h.core.snapshot().sessions[0]!.signIn).toBeNull();
  });

  it('writes the token where the config says: a profile name signs in its session', async () => {
    h = await startAuthHarness();
    const outcome = await h.core.signIn('dev');
    expect(outcome).toMatchObject({ ok: true, session: 'my-sso' });
    expect(h.tokenText()).toMatch(CLI_TOKEN_LINE);
    expect(tokenFilePath(h.home.paths.cacheDir, 'my-sso')).toMatch(
      /0ad374308c5a4e22f723adf10145eafad7c4031c\.json$/,
    );
  });
});
