// Role credentials through the real @aws-sdk/client-sso against the fake IAM
// Identity Center: the session's token as bearer, an in-memory cache reused
// until 15 minutes before expiry, and typed errors a user can act on.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../app/core';
import {
  parseTokenFile,
  serializeCliToken,
  type CachedToken,
} from '../../../app/core/token-cache/token-file';
import { CredentialsError } from '../../../app/core/credentials/credentials-error';
import { REUSE_MARGIN_MS } from '../../../app/core/credentials/role-credentials-service';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../../fakes/fake-identity-center';
import { FakeClock } from '../../support/fake-clock';
import { createTempHome, type TempHome } from '../../support/temp-home';
import { openTestCore } from '../../support/test-core';

const START_URL = 'https://d-abc123.awsapps.com/start';
const CONFIG = `[sso-session my-sso]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = DeveloperAccess
region = eu-west-1

[profile prod]
sso_session = my-sso
sso_account_id = 222222222222
sso_role_name = ReadOnly

[profile forbidden]
sso_session = my-sso
sso_account_id = 222222222222
sso_role_name = NotAssigned

[profile from-instance]
role_arn = arn:aws:iam::333333333333:role/Deploy
credential_source = Ec2InstanceMetadata

[profile static]
aws_access_key_id = AKIAEXAMPLE
aws_secret_access_key = secret

[profile half]
sso_session = my-sso
sso_account_id = 111111111111
`;

let fake: FakeIdentityCenter;
let clock: FakeClock;
let home: TempHome;
let core: Core;

beforeAll(async () => {
  clock = new FakeClock('2026-01-01T12:00:00Z');
  fake = await startFakeIdentityCenter({ clock });
});
afterAll(() => fake.close());

beforeEach(async () => {
  home = createTempHome({ config: CONFIG });
  fake.knobs.roleCredentialsExpiresAt = clock.now() + 3_600_000;
  fake.knobs.failures = {};
  fake.knobs.delays = {};
});
afterEach(async () => {
  await core?.close();
  home.cleanup();
});

async function startCore(): Promise<Core> {
  core = await openTestCore(home, { env: fake.env, clock });
  return core;
}

/** The session's token as the AWS CLI would read it from the cache folder. */
function tokenOnDisk(session: string): CachedToken {
  const reading = parseTokenFile(readFileSync(home.tokenPath(session), 'utf8'));
  if (reading.kind !== 'token') throw new Error(`no token for ${session}: ${reading.kind}`);
  return reading.token;
}

function signIn(options: { expiresAt?: number; refreshable?: boolean } = {}) {
  const issued = fake.issueToken({ startUrl: START_URL, ...options });
  home.writeToken('my-sso', serializeCliToken(issued));
  return issued;
}

async function rejection(promise: Promise<unknown>): Promise<CredentialsError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CredentialsError);
  return error as CredentialsError;
}

describe('role credentials', () => {
  it('are the portal credentials for the profile, fetched with the session token as bearer', async () => {
    const issued = signIn();
    await startCore();
    const credentials = await core.credentials('dev');
    const expected = fake.roleCredentials('111111111111', 'DeveloperAccess');
    expect(credentials).toEqual({
      accessKeyId: expected.accessKeyId,
      secretAccessKey: expected.secretAccessKey,
      sessionToken: expected.sessionToken,
      expiration: expected.expiration,
    });
    const [request] = fake.requestsFor('GetRoleCredentials').slice(-1);
    expect(request!.headers['x-amz-sso_bearer_token']).toBe(issued.accessToken);
    expect(request!.query).toMatchObject({
      account_id: '111111111111',
      role_name: 'DeveloperAccess',
    });
  });

  it('are reused until 15 minutes before they expire, then fetched again', async () => {
    signIn();
    await startCore();
    const before = fake.requestsFor('GetRoleCredentials').length;
    const first = await core.credentials('dev');
    await core.credentials('dev');
    clock.advance(3_600_000 - REUSE_MARGIN_MS - 1_000); // 15 min + 1 s left
    expect(await core.credentials('dev')).toBe(first);
    expect(fake.requestsFor('GetRoleCredentials').length - before).toBe(1);

    fake.knobs.roleCredentialsExpiresAt = clock.now() + 3_600_000;
    clock.advance(2_000); // 14 min 59 s left: too close, ask again
    const second = await core.credentials('dev');
    expect(second.expiration).toBe(fake.knobs.roleCredentialsExpiresAt);
    expect(fake.requestsFor('GetRoleCredentials').length - before).toBe(2);
  });

  it('are cached per profile and fetched once for concurrent callers', async () => {
    signIn();
    await startCore();
    fake.knobs.delays = { GetRoleCredentials: 100 };
    const before = fake.requestsFor('GetRoleCredentials').length;
    const results = await Promise.all([
      core.credentials('dev'),
      core.credentials('dev'),
      core.credentials('prod'),
    ]);
    expect(results[0]).toBe(results[1]);
    expect(results[2]!.accessKeyId).toBe(
      fake.roleCredentials('222222222222', 'ReadOnly').accessKeyId,
    );
    expect(fake.requestsFor('GetRoleCredentials').length - before).toBe(2);
  });

  it('are never written to disk', async () => {
    signIn();
    await startCore();
    await core.credentials('dev');
    const cacheFiles = readdirSync(home.paths.cacheDir);
    expect(cacheFiles).toEqual([path.basename(home.tokenPath('my-sso'))]);
    expect(existsSync(path.join(home.home, '.aws', 'cli'))).toBe(false);
  });
});

describe('role credential errors', () => {
  it('not signed in: a sign-in action for the session, not a stack trace', async () => {
    await startCore();
    const error = await rejection(core.credentials('dev'));
    expect(error.toApiError()).toEqual({
      code: 'not-signed-in',
      message: 'Not signed in to my-sso; sign in to it first.',
      action: { kind: 'sign-in', session: 'my-sso' },
    });
  });

  it('expired token: session-expired with a sign-in action, without calling the portal', async () => {
    signIn({ expiresAt: clock.now() - 1_000, refreshable: false });
    await startCore();
    const before = fake.requestsFor('GetRoleCredentials').length;
    const error = await rejection(core.credentials('dev'));
    expect(error.code).toBe('session-expired');
    expect(error.toApiError().action).toEqual({ kind: 'sign-in', session: 'my-sso' });
    expect(fake.requestsFor('GetRoleCredentials').length).toBe(before);
  });

  it('an expired but renewable token is renewed first, as the SDKs refresh on use', async () => {
    const issued = signIn({ expiresAt: clock.now() - 1_000 });
    await startCore();
    const credentials = await core.credentials('dev');
    expect(credentials.accessKeyId).toBe(
      fake.roleCredentials('111111111111', 'DeveloperAccess').accessKeyId,
    );
    const renewed = tokenOnDisk('my-sso');
    expect(renewed.accessToken).not.toBe(issued.accessToken);
    expect(renewed.expiresAt).toBeGreaterThan(clock.now());
    expect(fake.requestsFor('GetRoleCredentials').at(-1)!.headers['x-amz-sso_bearer_token']).toBe(
      renewed.accessToken,
    );
  });

  it('a token whose renewal is refused (session ended): session-expired, one refresh attempt', async () => {
    signIn({ expiresAt: clock.now() - 1_000 });
    fake.knobs.refreshRevoked = true;
    try {
      await startCore();
      const refreshes = () =>
        fake.requestsFor('CreateToken').filter((r) => r.body?.grantType === 'refresh_token').length;
      const before = refreshes();
      expect((await rejection(core.credentials('dev'))).code).toBe('session-expired');
      expect((await rejection(core.credentials('prod'))).code).toBe('session-expired');
      expect(refreshes() - before).toBe(1);
    } finally {
      fake.knobs.refreshRevoked = false;
    }
  });

  it('revoked sign-in (UnauthorizedException): session-expired, and the cache is dropped', async () => {
    const issued = signIn();
    await startCore();
    await core.credentials('prod');
    fake.revokeAllSessions();
    const error = await rejection(core.credentials('dev'));
    expect(error.code).toBe('session-expired');
    expect(error.signInSession).toBe('my-sso');
    expect(error.message).not.toContain(issued.accessToken);
    // prod's credentials came from the revoked sign-in: they are not handed out again.
    await rejection(core.credentials('prod'));
  });

  it('signing out drops cached credentials of that session', async () => {
    signIn();
    await startCore();
    await core.credentials('dev');
    const { rmSync } = await import('node:fs');
    rmSync(home.tokenPath('my-sso'));
    await core.reload();
    expect((await rejection(core.credentials('dev'))).code).toBe('not-signed-in');
  });

  it('a role the user has no access to: access-denied naming account and role', async () => {
    signIn();
    await startCore();
    const error = await rejection(core.credentials('forbidden'));
    expect(error.code).toBe('access-denied');
    expect(error.message).toContain('NotAssigned in account 222222222222');
    expect(error.signInSession).toBeNull();
  });

  it('profiles that are not IAM Identity Center roles, or incomplete, say so', async () => {
    signIn();
    await startCore();
    expect((await rejection(core.credentials('nope'))).code).toBe('unknown-profile');
    // Chained profiles are resolved through STS (chained-credentials.test.ts); this source is not supported.
    expect((await rejection(core.credentials('from-instance'))).code).toBe('not-supported');
    expect((await rejection(core.credentials('static'))).code).toBe('not-sso-profile');
    const half = await rejection(core.credentials('half'));
    expect(half.code).toBe('profile-incomplete');
    expect(half.message).toContain('sso_role_name');
  });

  it('service failures and an unreachable portal are service-error and network', async () => {
    signIn();
    await startCore();
    fake.knobs.failures = { GetRoleCredentials: { status: 500, count: 10 } };
    expect((await rejection(core.credentials('dev'))).code).toBe('service-error');
    fake.knobs.failures = { GetRoleCredentials: { status: 'reset', count: 10 } };
    expect((await rejection(core.credentials('prod'))).code).toBe('network');
  });
});
