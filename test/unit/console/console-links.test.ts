// Console links: the access portal's shortcut (no credentials) and the
// federation sign-in URL. AWS's sign-in endpoint cannot be reached here, so a
// loopback stand-in answers getSigninToken; the role credentials come from the
// fake IAM Identity Center through the real SDK.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../app/cli/main';
import { serializeCliToken } from '../../../app/core/token-cache/token-file';
import { federatedConsoleUrl } from '../../../app/core/console/federation';
import { consoleHomeUrl, partitionOfRegion } from '../../../app/core/console/partitions';
import { portalConsoleUrl } from '../../../app/core/console/portal-link';
import { CredentialsError } from '../../../app/core/credentials/credentials-error';
import type { RoleTarget } from '../../../app/core/credentials/role-target';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../../fakes/fake-identity-center';
import { createTempHome, type TempHome } from '../../support/temp-home';
import { openTestCore } from '../../support/test-core';
import { startSigninStandIn, type SigninStandIn } from '../../support/signin-stand-in';
import { waitForFile } from '../../support/wait-for-file';

const TARGET: RoleTarget = {
  profile: 'dev',
  session: 'my-sso',
  startUrl: 'https://d-abc123.awsapps.com/start',
  ssoRegion: 'us-east-1',
  accountId: '111111111111',
  roleName: 'DeveloperAccess',
  region: 'eu-west-1',
};

describe('portal shortcut link', () => {
  it('is <start URL>/#/console?account_id=..&role_name=..', () => {
    expect(portalConsoleUrl(TARGET)).toBe(
      'https://d-abc123.awsapps.com/start/#/console?account_id=111111111111&role_name=DeveloperAccess',
    );
  });

  it('normalises the start URL forms people paste (trailing slash, #/)', () => {
    for (const startUrl of [
      'https://d-abc123.awsapps.com/start/',
      'https://d-abc123.awsapps.com/start#/',
    ]) {
      expect(portalConsoleUrl({ ...TARGET, startUrl })).toMatch(
        /^https:\/\/d-abc123\.awsapps\.com\/start\/#\/console\?/,
      );
    }
  });

  it('encodes the destination and role names with special characters', () => {
    const url = portalConsoleUrl(
      { ...TARGET, roleName: 'Admin+Ops&x' },
      'https://console.aws.amazon.com/s3/buckets?region=eu-west-1&tab=objects',
    );
    expect(url).toBe(
      'https://d-abc123.awsapps.com/start/#/console?account_id=111111111111&role_name=Admin%2BOps%26x' +
        '&destination=https%3A%2F%2Fconsole.aws.amazon.com%2Fs3%2Fbuckets%3Fregion%3Deu-west-1%26tab%3Dobjects',
    );
    const query = new URLSearchParams(url.split('#/console?')[1]);
    expect(query.get('role_name')).toBe('Admin+Ops&x');
  });

  it('refuses anything but https (a config could say file:// or javascript:)', () => {
    expect(() => portalConsoleUrl({ ...TARGET, startUrl: 'file:///etc/passwd' })).toThrow(
      CredentialsError,
    );
    expect(() => portalConsoleUrl(TARGET, 'javascript:alert(1)')).toThrow(
      /must be an https:\/\/ URL/,
    );
  });
});

describe('partitions', () => {
  it('maps regions to their partition’s sign-in and console hosts', () => {
    expect(partitionOfRegion('eu-west-1').federationUrl).toBe(
      'https://signin.aws.amazon.com/federation',
    );
    expect(partitionOfRegion('us-gov-west-1').federationUrl).toBe(
      'https://signin.amazonaws-us-gov.com/federation',
    );
    expect(partitionOfRegion('cn-north-1').federationUrl).toBe(
      'https://signin.amazonaws.cn/federation',
    );
    expect(consoleHomeUrl(partitionOfRegion('cn-northwest-1'), 'cn-northwest-1')).toBe(
      'https://console.amazonaws.cn/console/home?region=cn-northwest-1',
    );
    expect(() => partitionOfRegion('us-iso-east-1')).toThrow(/isolated/);
  });
});

// ---- federation ------------------------------------------------------------

const CREDS = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'secret/key+',
  sessionToken: 'session-token==',
  expiration: Date.now() + 3_600_000,
};

describe('federation sign-in URL', () => {
  let signin: SigninStandIn;
  beforeAll(async () => {
    signin = await startSigninStandIn();
  });
  afterAll(() => signin.close());
  afterEach(() => {
    signin.status = 200;
  });

  it('exchanges the credentials for a sign-in token, then builds Action=login', async () => {
    const url = await federatedConsoleUrl(
      { credentials: CREDS, ssoRegion: 'us-east-1', region: 'eu-west-1', issuer: TARGET.startUrl },
      { federationUrl: signin.url },
    );
    const request = signin.requests.at(-1)!;
    expect(request.searchParams.get('Action')).toBe('getSigninToken');
    expect(JSON.parse(request.searchParams.get('Session')!)).toEqual({
      sessionId: CREDS.accessKeyId,
      sessionKey: CREDS.secretAccessKey,
      sessionToken: CREDS.sessionToken,
    });
    const login = new URL(url);
    expect(`${login.origin}${login.pathname}`).toBe(signin.url);
    expect([...login.searchParams]).toEqual([
      ['Action', 'login'],
      ['Issuer', TARGET.startUrl],
      ['Destination', 'https://console.aws.amazon.com/console/home?region=eu-west-1'],
      ['SigninToken', 'token-for-ASIAEXAMPLE'],
    ]);
  });

  it('lands in the partition of the Identity Center region by default', async () => {
    const url = await federatedConsoleUrl(
      { credentials: CREDS, ssoRegion: 'us-gov-west-1', region: null, issuer: TARGET.startUrl },
      { federationUrl: signin.url },
    );
    expect(new URL(url).searchParams.get('Destination')).toBe(
      'https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1',
    );
  });

  it('a refusal or an unreachable endpoint is a typed error without any secret in it', async () => {
    signin.status = 400;
    const refused = await federatedConsoleUrl(
      { credentials: CREDS, ssoRegion: 'us-east-1', region: null, issuer: TARGET.startUrl },
      { federationUrl: signin.url },
    ).catch((e: unknown) => e as CredentialsError);
    expect(refused).toMatchObject({ code: 'service-error' });
    const unreachable = await federatedConsoleUrl(
      { credentials: CREDS, ssoRegion: 'us-east-1', region: null, issuer: TARGET.startUrl },
      { federationUrl: 'http://127.0.0.1:1/federation' },
    ).catch((e: unknown) => e as CredentialsError);
    expect(unreachable).toMatchObject({ code: 'network' });
    for (const error of [refused, unreachable] as Error[]) {
      for (const secret of [CREDS.secretAccessKey, CREDS.sessionToken, CREDS.accessKeyId]) {
        expect(error.message).not.toContain(secret);
      }
    }
  });
});

// ---- console links for a profile, and the CLI -----------------------------

describe('console links for a profile', () => {
  let fake: FakeIdentityCenter;
  let home: TempHome;
  let signin: SigninStandIn;
  beforeAll(async () => {
    fake = await startFakeIdentityCenter();
    signin = await startSigninStandIn();
    home = createTempHome({
      config: `[sso-session my-sso]\nsso_start_url = ${TARGET.startUrl}\nsso_region = us-east-1\n\n[profile dev]\nsso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = DeveloperAccess\nregion = eu-west-1\n`,
    });
  });
  afterAll(async () => {
    await fake.close();
    await signin.close();
    home.cleanup();
  });

  function cli(args: string[], env: Record<string, string> = {}) {
    let stdout = '';
    let stderr = '';
    return runCli(args, {
      env: { ...home.env, ...fake.env, ...env },
      cwd: home.home,
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      isTty: false,
    }).then((code) => ({ code, stdout, stderr }));
  }

  it('the default link needs no sign-in and no credentials', async () => {
    const before = fake.requestsFor('GetRoleCredentials').length;
    const result = await cli(['console', 'dev', '--print']);
    expect(result).toEqual({
      code: 0,
      stdout:
        'https://d-abc123.awsapps.com/start/#/console?account_id=111111111111&role_name=DeveloperAccess\n',
      stderr: '',
    });
    expect(fake.requestsFor('GetRoleCredentials').length).toBe(before);
  });

  it('opens the link with $BROWSER and says so without printing it', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(home.home, 'browser-'));
    const browser = path.join(dir, 'browser');
    writeFileSync(browser, `#!/bin/sh\nprintf '%s' "$1" > "${dir}/opened"\n`, { mode: 0o755 });
    const result = await cli(
      ['console', 'dev', '--destination', 'https://console.aws.amazon.com/s3'],
      {
        BROWSER: browser,
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('Opened the AWS console for dev.\n');
    expect(await waitForFile(path.join(dir, 'opened'))).toBe(
      'https://d-abc123.awsapps.com/start/#/console?account_id=111111111111&role_name=DeveloperAccess&destination=https%3A%2F%2Fconsole.aws.amazon.com%2Fs3',
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('--federated needs a sign-in, and says which', async () => {
    const result = await cli(['console', 'dev', '--federated', '--print']);
    expect(result).toEqual({
      code: 4, // needs sign-in
      stdout: '',
      stderr:
        'sso-tray: Not signed in to my-sso; sign in to it first. Run: sso-tray login my-sso\n',
    });
  });

  it('federated: role credentials from the portal become a sign-in URL', async () => {
    home.writeToken('my-sso', serializeCliToken(fake.issueToken({ startUrl: TARGET.startUrl })));
    const core = await openTestCore(home, { env: fake.env });
    try {
      const link = await core.consoleLink('dev', {
        federated: true,
        federation: { federationUrl: signin.url },
      });
      const expected = fake.roleCredentials('111111111111', 'DeveloperAccess');
      expect(link.secret).toBe(true);
      expect(new URL(link.url).searchParams.get('SigninToken')).toBe(
        `token-for-${expected.accessKeyId}`,
      );
      expect(JSON.parse(signin.requests.at(-1)!.searchParams.get('Session')!).sessionKey).toBe(
        expected.secretAccessKey,
      );
    } finally {
      await core.close();
    }
  });

  it('bad arguments are usage errors', async () => {
    expect((await cli(['console'])).code).toBe(2);
    const bad = await cli(['console', 'dev', '--print', '--destination', 'http://evil.example']);
    expect(bad).toMatchObject({
      code: 2,
      stderr: 'sso-tray: The destination must be an https:// URL.\n',
    });
  });
});
