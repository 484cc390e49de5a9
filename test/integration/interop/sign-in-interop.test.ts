// Our sign-in and renewal against the real AWS tools, all talking to the fake
// IAM Identity Center: the Debian AWS CLI v2 2.9.19 (/usr/bin/aws, pointed at the
// fake with AWS_DATA_PATH because it ignores AWS_ENDPOINT_URL_*) and botocore
// 1.43 in the machine's python3 (AWS_ENDPOINT_URL_SSO[_OIDC]).
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CoreEvent } from '../../../app/shared/events';
import { parseTokenFile } from '../../../app/core/token-cache/token-file';
import { runCli } from '../../../app/cli/main';
import { startAuthHarness, type AuthHarness } from '../auth/support/auth-harness';

// The AWS CLI and botocore start slowly on a loaded machine: only a hang should fail a test.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const run = promisify(execFile);
const AWS_CLI = '/usr/bin/aws';

let h: AuthHarness;
afterEach(async () => h?.close());

// The exact line the AWS CLI writes (and we write): Python json.dumps spacing, fixed key order.
const CLI_TOKEN_LINE =
  /^\{"startUrl": "https:\/\/d-abc123\.awsapps\.com\/start", "region": "us-east-1", "accessToken": "[^"]+", "expiresAt": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "clientId": "[^"]+", "clientSecret": "[^"]+", "registrationExpiresAt": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "refreshToken": "[^"]+"\}$/;

const awsEnv = () => ({
  HOME: h.home.home,
  PATH: '/usr/bin:/bin',
  AWS_DATA_PATH: h.fake.awsDataPath(),
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_PAGER: '',
});

async function awsCli(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(AWS_CLI, args, { encoding: 'utf8', timeout: 60_000, env: awsEnv() });
}

/** `aws sso login --no-browser`, with the user opening the page it prints, as a person would. */
async function awsSsoLogin(): Promise<{ stdout: string }> {
  const child = spawn(AWS_CLI, ['sso', 'login', '--sso-session', 'my-sso', '--no-browser'], {
    // Unbuffered, so the page shows up while the CLI waits rather than when it exits.
    env: { ...awsEnv(), PYTHONUNBUFFERED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let visited: Promise<unknown> | null = null;
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    const page = /^(http:\/\/\S+\/device\?user_code=\S+)$/m.exec(stdout)?.[1];
    if (page && !visited) visited = h.fake.visit(page);
  });
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  await visited;
  if (code !== 0) throw new Error(`aws sso login exited ${code}\n${stdout}\n${stderr}`);
  return { stdout };
}

interface BotocoreCredentials {
  readonly method: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

const BOTOCORE_SCRIPT = `
import json, botocore.session
credentials = botocore.session.Session(profile='dev').get_credentials().get_frozen_credentials()
print(json.dumps({'accessKeyId': credentials.access_key, 'secretAccessKey': credentials.secret_key,
                  'sessionToken': credentials.token}))
`;

async function botocore(): Promise<BotocoreCredentials> {
  const { stdout } = await run('python3', ['-c', BOTOCORE_SCRIPT], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      HOME: h.home.home,
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...h.fake.env,
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  });
  return { method: 'sso', ...JSON.parse(stdout) };
}

async function exportCredentials(): Promise<Record<string, unknown>> {
  const { stdout } = await awsCli(['configure', 'export-credentials', '--profile', 'dev']);
  return JSON.parse(stdout) as Record<string, unknown>;
}

function expectFakeCredentials(exported: Record<string, unknown>): void {
  const expected = h.fake.roleCredentials('111111111111', 'DeveloperAccess');
  expect(exported).toEqual({
    Version: 1,
    AccessKeyId: expected.accessKeyId,
    SecretAccessKey: expected.secretAccessKey,
    SessionToken: expected.sessionToken,
    Expiration: new Date(expected.expiration).toISOString().replace('.000Z', '+00:00'),
  });
}

function tokenOnDisk() {
  const reading = parseTokenFile(h.tokenText());
  if (reading.kind !== 'token') throw new Error(`token file: ${reading.kind}`);
  return reading.token;
}

async function statusJson(): Promise<
  { name: string; state: string; expiresAt: string | null; renewal: { mode: string } }[]
> {
  let stdout = '';
  const code = await runCli(['status', '--json'], {
    env: h.env,
    cwd: h.home.home,
    isTty: false,
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
  });
  expect(code).toBe(0);
  return JSON.parse(stdout).sessions;
}

const refreshGrants = () =>
  h.fake.requestsFor('CreateToken').filter((r) => r.body?.grantType === 'refresh_token');

function nextRenewal(kind: CoreEvent['kind']): Promise<CoreEvent> {
  return new Promise((resolve) => {
    const stop = h.core.onEvent((event) => {
      if (event.kind !== kind) return;
      stop();
      resolve(event);
    });
  });
}

describe('interop with the AWS CLI 2.9.19 and botocore', () => {
  it('after our PKCE sign-in, the AWS CLI and botocore get the role credentials', async () => {
    h = await startAuthHarness();
    expect(await h.core.signIn('my-sso')).toMatchObject({ ok: true });
    const ours = tokenOnDisk();

    expectFakeCredentials(await exportCredentials());
    const boto = await botocore();
    const expected = h.fake.roleCredentials('111111111111', 'DeveloperAccess');
    expect(boto).toEqual({
      method: 'sso',
      accessKeyId: expected.accessKeyId,
      secretAccessKey: expected.secretAccessKey,
      sessionToken: expected.sessionToken,
    });
    // Both used our access token as it is: no refresh, no new sign-in.
    const bearers = h.fake
      .requestsFor('GetRoleCredentials')
      .map((r) => r.headers['x-amz-sso_bearer_token']);
    expect(bearers).toEqual([ours.accessToken, ours.accessToken]);
    expect(refreshGrants()).toHaveLength(0);
    expect(h.tokenText()).toMatch(CLI_TOKEN_LINE);
  });

  it("after `aws sso login --no-browser`, our status shows the session valid with the CLI's expiry, and we reuse its registration", async () => {
    h = await startAuthHarness();
    const login = await awsSsoLogin();
    expect(login.stdout).toContain(
      'Successfully logged into Start URL: https://d-abc123.awsapps.com/start',
    );
    // The CLI waited through the pending polls until the user confirmed the code.
    expect(h.fake.requestsFor('VerifyDevice')).toHaveLength(1);
    expect(h.fake.requestsFor('CreateToken').length).toBeGreaterThanOrEqual(3);
    expect(h.tokenText()).toMatch(CLI_TOKEN_LINE);
    const cliExpiry = (JSON.parse(h.tokenText()) as { expiresAt: string }).expiresAt;

    const [session] = await statusJson();
    expect(session).toMatchObject({
      name: 'my-sso',
      state: 'valid',
      renewal: { mode: 'automatic' },
      expiresAt: new Date(Date.parse(cliExpiry)).toISOString(),
    });

    // Our device-flow sign-in picks up the registration the CLI cached.
    await h.core.reload();
    expect(await h.core.signIn('my-sso', { flow: 'device-code' })).toMatchObject({
      ok: true,
    });
    expect(h.fake.requestsFor('RegisterClient')).toHaveLength(1);
    expect(h.fake.requestsFor('RegisterClient')[0]!.body!.clientName).toBe(
      'botocore-client-my-sso',
    );
  });

  it('after our device-flow sign-in, `aws sso login` reuses our registration', async () => {
    h = await startAuthHarness();
    expect(await h.core.signIn('my-sso', { flow: 'device-code' })).toMatchObject({
      ok: true,
    });
    await awsSsoLogin();
    expect(h.fake.requestsFor('RegisterClient').map((r) => r.body!.clientName)).toEqual([
      'sso-tray-my-sso',
    ]);
    expect(h.fake.requestsFor('StartDeviceAuthorization')).toHaveLength(2);
  });

  it('a renewal by us leaves a file the AWS CLI uses as it is', async () => {
    h = await startAuthHarness({ knobs: { accessTokenTtlSeconds: 10 * 60 } });
    expect(await h.core.signIn('my-sso')).toMatchObject({ ok: true });
    const signedIn = tokenOnDisk();
    h.fake.knobs.accessTokenTtlSeconds = 8 * 3600;

    // 10 minutes left: inside the 15-minute window, so the scheduler renews at once.
    const renewed = nextRenewal('renewed');
    h.core.watch();
    await renewed;
    const ours = tokenOnDisk();
    expect(ours.accessToken).not.toBe(signedIn.accessToken);
    expect(h.tokenText()).toMatch(CLI_TOKEN_LINE);

    expectFakeCredentials(await exportCredentials());
    // The CLI found more than 15 minutes left and did not refresh again.
    expect(refreshGrants()).toHaveLength(1);
    expect(h.fake.requestsFor('GetRoleCredentials').at(-1)!.headers['x-amz-sso_bearer_token']).toBe(
      ours.accessToken,
    );
    expect(tokenOnDisk().accessToken).toBe(ours.accessToken);
  });

  it('a refresh by the AWS CLI of a token we wrote is read by us, and we renew from it', async () => {
    h = await startAuthHarness({ knobs: { accessTokenTtlSeconds: 10 * 60 } });
    expect(await h.core.signIn('my-sso')).toMatchObject({ ok: true });
    const ours = tokenOnDisk();
    h.fake.knobs.accessTokenTtlSeconds = 8 * 3600;

    // Under 15 minutes left: botocore's SSOTokenProvider inside the CLI refreshes first.
    expectFakeCredentials(await exportCredentials());
    expect(refreshGrants()).toHaveLength(1);
    expect(refreshGrants()[0]!.headers['user-agent']).toMatch(/^aws-cli\/2\.9\.19/);
    const theirs = tokenOnDisk();
    expect(theirs.accessToken).not.toBe(ours.accessToken);
    expect(theirs.refreshToken).not.toBe(ours.refreshToken);
    expect(theirs.clientId).toBe(ours.clientId);
    expect(h.tokenText()).toMatch(CLI_TOKEN_LINE);

    const [session] = await statusJson();
    expect(session).toMatchObject({
      state: 'valid',
      renewal: { mode: 'automatic' },
      expiresAt: new Date(theirs.expiresAt).toISOString(),
    });

    // And our renewal works from the CLI's file (its rotated refresh token).
    await h.core.reload();
    expect(await h.core.renewNow('my-sso')).toMatchObject({ kind: 'renewed' });
    expect(refreshGrants()[1]!.body!.refreshToken).toBe(theirs.refreshToken);
    expect(tokenOnDisk().accessToken).not.toBe(theirs.accessToken);
    expectFakeCredentials(await exportCredentials());
  });

  it('botocore takes a token renewed by us as it is', async () => {
    h = await startAuthHarness({ knobs: { accessTokenTtlSeconds: 10 * 60 } });
    expect(await h.core.signIn('my-sso')).toMatchObject({ ok: true });
    h.fake.knobs.accessTokenTtlSeconds = 8 * 3600;
    const renewed = nextRenewal('renewed');
    h.core.watch();
    await renewed;
    const boto = await botocore();
    expect(boto.accessKeyId).toBe(
      h.fake.roleCredentials('111111111111', 'DeveloperAccess').accessKeyId,
    );
    // botocore found more than 15 minutes left: no refresh of its own.
    expect(refreshGrants()).toHaveLength(1);
    expect(h.fake.requestsFor('GetRoleCredentials').at(-1)!.headers['x-amz-sso_bearer_token']).toBe(
      tokenOnDisk().accessToken,
    );
  });
});
