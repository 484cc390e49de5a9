// The fake IAM Identity Center itself, seen through the real clients: the wire
// shapes the JS SDK and botocore parse, and the behaviours other tests rely on.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import {
  GetRoleCredentialsCommand,
  LogoutCommand,
  paginateListAccountRoles,
  paginateListAccounts,
  SSOClient,
} from '@aws-sdk/client-sso';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FAST_APPROVAL,
  startFakeIdentityCenter,
  type FakeIdentityCenter,
} from '../../fakes/fake-identity-center';

const run = promisify(execFile);
let fake: FakeIdentityCenter;
afterEach(async () => fake?.close());

const oidc = () => new SSOOIDCClient({ region: 'us-east-1', endpoint: fake.url });
const portal = () => new SSOClient({ region: 'us-east-1', endpoint: fake.url });
const nameOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (e: { name: string }) => e.name,
  );

describe('fake IAM Identity Center', () => {
  it('answers errors with the x-amzn-ErrorType header and the OAuth body', async () => {
    fake = await startFakeIdentityCenter();
    const response = await fetch(`${fake.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'nope', clientSecret: 'x', grantType: 'refresh_token' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^InvalidClientException:/);
    expect(await response.json()).toEqual({
      error: 'invalid_client',
      error_description: 'unknown client',
    });
  });

  it('is parsed by botocore into the same error codes', async () => {
    fake = await startFakeIdentityCenter();
    const script = `
import botocore.session, botocore.exceptions
c = botocore.session.get_session().create_client('sso-oidc', region_name='us-east-1')
try:
    c.create_token(clientId='nope', clientSecret='x', grantType='refresh_token', refreshToken='r')
except botocore.exceptions.ClientError as e:
    print(e.response['Error']['Code'])
`;
    const { stdout } = await run('python3', ['-c', script], {
      env: {
        PATH: process.env.PATH,
        HOME: '/nonexistent',
        AWS_ENDPOINT_URL_SSO_OIDC: fake.url,
        AWS_ACCESS_KEY_ID: 'x',
        AWS_SECRET_ACCESS_KEY: 'y',
      },
    });
    expect(stdout.trim()).toBe('InvalidClientException');
  });

  it('runs the device flow with slow-down, pending until confirmed, and rotates refresh tokens', async () => {
    fake = await startFakeIdentityCenter({ knobs: { slowDownReplies: 1 } });
    const client = oidc();
    const reg = await client.send(
      new RegisterClientCommand({
        clientName: 't',
        clientType: 'public',
        scopes: ['sso:account:access'],
      }),
    );
    const startDevice = () =>
      client.send(
        new StartDeviceAuthorizationCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          startUrl: 'https://s',
        }),
      );
    const pollOf = (deviceCode: string) => () =>
      client.send(
        new CreateTokenCommand({
          grantType: 'urn:ietf:params:oauth:grant-type:device_code',
          clientId: reg.clientId!,
          clientSecret: reg.clientSecret!,
          deviceCode,
        }),
      );

    // Nobody visits the page: pending for ever (until the code expires).
    const ignored = pollOf((await startDevice()).deviceCode!);
    expect(await nameOf(ignored())).toBe('SlowDownException');
    for (let i = 0; i < 5; i++)
      expect(await nameOf(ignored())).toBe('AuthorizationPendingException');

    // The user confirms at once: still pending twice, as the real service keeps a client waiting.
    const auth = await startDevice();
    const poll = pollOf(auth.deviceCode!);
    expect((await fake.visit(auth.verificationUriComplete!)).body).toContain('Request approved');
    expect(await nameOf(poll())).toBe('AuthorizationPendingException');
    expect(await nameOf(poll())).toBe('AuthorizationPendingException');
    const token = await poll();
    expect(token).toMatchObject({ tokenType: 'Bearer', expiresIn: 28_800 });
    expect(await nameOf(poll())).toBe('InvalidGrantException');

    const refresh = (refreshToken: string) =>
      client.send(
        new CreateTokenCommand({
          grantType: 'refresh_token',
          clientId: reg.clientId!,
          clientSecret: reg.clientSecret!,
          refreshToken,
        }),
      );
    const renewed = await refresh(token.refreshToken!);
    expect(renewed.refreshToken).not.toBe(token.refreshToken);
    expect(await nameOf(refresh(token.refreshToken!))).toBe('InvalidGrantException');
    fake.knobs.refreshRevoked = true;
    expect(await nameOf(refresh(renewed.refreshToken!))).toBe('InvalidGrantException');
  });

  it('approves a device code on its first poll only for a test that opts in (FAST_APPROVAL)', async () => {
    fake = await startFakeIdentityCenter({ knobs: { ...FAST_APPROVAL } });
    const client = oidc();
    const reg = await client.send(
      new RegisterClientCommand({ clientName: 't', clientType: 'public' }),
    );
    const auth = await client.send(
      new StartDeviceAuthorizationCommand({
        clientId: reg.clientId,
        clientSecret: reg.clientSecret,
        startUrl: 'https://s',
      }),
    );
    const token = await client.send(
      new CreateTokenCommand({
        grantType: 'urn:ietf:params:oauth:grant-type:device_code',
        clientId: reg.clientId!,
        clientSecret: reg.clientSecret!,
        deviceCode: auth.deviceCode!,
      }),
    );
    expect(token.accessToken).toBeTruthy();
    expect(fake.requestsFor('VerifyDevice')).toHaveLength(0);
  });

  it('keeps a PKCE registration to its grants and gives no refresh token without scopes', async () => {
    // Device approval is not what this test is about.
    fake = await startFakeIdentityCenter({ knobs: { ...FAST_APPROVAL } });
    const client = oidc();
    const pkce = await client.send(
      new RegisterClientCommand({
        clientName: 't',
        clientType: 'public',
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: ['http://127.0.0.1/oauth/callback'],
        issuerUrl: 'https://s',
      }),
    );
    expect(
      await nameOf(
        client.send(
          new StartDeviceAuthorizationCommand({
            clientId: pkce.clientId,
            clientSecret: pkce.clientSecret,
            startUrl: 'https://s',
          }),
        ),
      ),
    ).toBe('UnauthorizedClientException');

    const plain = await client.send(
      new RegisterClientCommand({ clientName: 't', clientType: 'public' }),
    );
    const auth = await client.send(
      new StartDeviceAuthorizationCommand({
        clientId: plain.clientId,
        clientSecret: plain.clientSecret,
        startUrl: 'https://s',
      }),
    );
    const token = await client.send(
      new CreateTokenCommand({
        grantType: 'urn:ietf:params:oauth:grant-type:device_code',
        clientId: plain.clientId!,
        clientSecret: plain.clientSecret!,
        deviceCode: auth.deviceCode!,
      }),
    );
    expect(token.refreshToken).toBeUndefined();
  });

  it('serves deterministic role credentials, pages, refusals and logout behind the bearer header', async () => {
    fake = await startFakeIdentityCenter({ knobs: { pageSize: 1 } });
    const issued = fake.issueToken();
    const client = portal();
    const credentials = await client.send(
      new GetRoleCredentialsCommand({
        accessToken: issued.accessToken,
        accountId: '222222222222',
        roleName: 'ReadOnly',
      }),
    );
    expect(credentials.roleCredentials).toEqual(fake.roleCredentials('222222222222', 'ReadOnly'));
    expect(fake.roleCredentials('222222222222', 'ReadOnly')).toEqual(
      fake.roleCredentials('222222222222', 'ReadOnly'),
    );
    expect(fake.roleCredentials('222222222222', 'ReadOnly').accessKeyId).toMatch(
      /^ASIA[0-9A-F]{16}$/,
    );
    expect(fake.requestsFor('GetRoleCredentials')[0]!.headers['x-amz-sso_bearer_token']).toBe(
      issued.accessToken,
    );

    const accounts = [];
    for await (const page of paginateListAccounts(
      { client },
      { accessToken: issued.accessToken },
    )) {
      accounts.push(...(page.accountList ?? []).map((a) => a.accountId));
    }
    expect(accounts).toEqual(['111111111111', '222222222222']);
    const roles = [];
    for await (const page of paginateListAccountRoles(
      { client },
      { accessToken: issued.accessToken, accountId: '222222222222' },
    )) {
      roles.push(...(page.roleList ?? []).map((r) => r.roleName));
    }
    expect(roles).toEqual(['ReadOnly', 'AdministratorAccess']);

    const get = (accessToken: string, roleName = 'ReadOnly') =>
      nameOf(
        client.send(
          new GetRoleCredentialsCommand({ accessToken, accountId: '222222222222', roleName }),
        ),
      );
    expect(await get(issued.accessToken, 'DeveloperAccess')).toBe('ForbiddenException');
    expect(await get(fake.issueToken({ expiresAt: Date.now() - 1 }).accessToken)).toBe(
      'UnauthorizedException',
    );
    await client.send(new LogoutCommand({ accessToken: issued.accessToken }));
    expect(await get(issued.accessToken)).toBe('UnauthorizedException');
    expect(fake.isTokenValid(issued.accessToken)).toBe(false);
  });

  it('fails on request, then recovers', async () => {
    fake = await startFakeIdentityCenter({
      knobs: { failures: { RegisterClient: { status: 500, count: 1 } } },
    });
    const client = new SSOOIDCClient({ region: 'us-east-1', endpoint: fake.url, maxAttempts: 1 });
    const register = () =>
      client.send(new RegisterClientCommand({ clientName: 't', clientType: 'public' }));
    expect(await nameOf(register())).toBe('InternalServerException');
    expect(await nameOf(register())).toBe('ok');
    expect(fake.knobs.failures.RegisterClient!.count).toBe(0);
    expect(fake.requestsFor('RegisterClient').map((r) => r.aborted)).toEqual([false, false]);
  });

  it('holds a delayed answer back while others are answered, and records a client that gives up', async () => {
    fake = await startFakeIdentityCenter({ knobs: { delays: { RegisterClient: 10 * 60_000 } } });
    const client = new SSOOIDCClient({ region: 'us-east-1', endpoint: fake.url, maxAttempts: 1 });
    const giveUp = new AbortController();
    let answered = false;
    const slow = nameOf(
      client.send(new RegisterClientCommand({ clientName: 't', clientType: 'public' }), {
        abortSignal: giveUp.signal,
      }),
    ).finally(() => (answered = true));
    await fake.waitForRequests('RegisterClient', 1);
    // An operation without a delay, asked later, is answered first.
    const prompt = await fetch(`${fake.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'nope', clientSecret: 'x', grantType: 'refresh_token' }),
    });
    expect(prompt.status).toBe(401);
    expect(answered).toBe(false);
    expect(fake.requestsFor('RegisterClient')[0]!.aborted).toBe(false);

    giveUp.abort();
    expect(await slow).toBe('AbortError');
    const [abandoned] = await fake.waitForAborted('RegisterClient');
    expect(abandoned!.body).toEqual({ clientName: 't', clientType: 'public' });
    // Nobody waits for the rest of the delay: with it gone, the next request is answered.
    fake.knobs.delays = {};
    expect(
      await nameOf(
        client.send(new RegisterClientCommand({ clientName: 't', clientType: 'public' })),
      ),
    ).toBe('ok');
  });

  it('provides an AWS_DATA_PATH whose rule sets point at it', async () => {
    fake = await startFakeIdentityCenter();
    for (const service of ['sso', 'sso-oidc']) {
      const rules = JSON.parse(
        readFileSync(
          path.join(fake.awsDataPath(), service, '2019-06-10', 'endpoint-rule-set-1.json'),
          'utf8',
        ),
      );
      expect(rules.rules).toEqual([
        {
          conditions: [],
          endpoint: { url: fake.url, properties: {}, headers: {} },
          type: 'endpoint',
        },
      ]);
    }
  });
});
