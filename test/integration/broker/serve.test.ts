// `sso-tray serve` as a real process, and the tools that use it: twenty
// botocore processes at once, each running `sso-tray credential-process` as its
// profile's credential_process, hit a session whose sign-in has expired. One
// sign-in reaches IAM Identity Center (the fake, with realistic pending
// polls), all twenty get their credentials, and the AWS CLI uses the new
// token afterwards. Then the container endpoint, read by botocore and the AWS
// CLI 2.9.19, and a clean stop.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../../fakes/fake-identity-center';
import {
  runSsoTray,
  SSO_TRAY_BIN,
  startLongRunning,
  type LongRunning,
} from '../../support/run-cli';
import { cliToken, createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

// Real processes by the dozen on a 2-core machine: only a hang should fail these.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 60_000 });

const TOOLS = 20;
const FAKE_BROWSER = path.resolve(__dirname, '../auth/support/fake-browser.mjs');

let fake: FakeIdentityCenter | undefined;
let home: TempHome | undefined;
let serve: LongRunning | undefined;
afterEach(async () => {
  await serve?.stop();
  await fake?.close();
  home?.cleanup();
});
const startServe = (args: string[], env: Record<string, string>) =>
  startLongRunning([SSO_TRAY_BIN, 'serve', ...args], env);

const BOTOCORE = `
import botocore.session
creds = botocore.session.Session(profile='dev-process').get_credentials().get_frozen_credentials()
print(creds.access_key)
`;

function botocore(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('python3', ['-c', BOTOCORE], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out: out.trim() }));
  });
}

/** The seed config plus a profile whose credentials come from `sso-tray credential-process`. */
async function world(): Promise<Record<string, string>> {
  fake = await startFakeIdentityCenter({ knobs: { deviceIntervalSeconds: 0 } });
  home = createTempHome({
    config: `${SEED_CONFIG}
[profile dev-process]
credential_process = ${process.execPath} ${SSO_TRAY_BIN} credential-process --profile dev
`,
  });
  // Signed in yesterday: the sign-in has expired.
  home.writeToken('my-sso', cliToken({ expiresAt: '2020-01-01T00:00:00Z' }));
  return { ...home.env, ...fake.env };
}

describe('sso-tray serve with many tools at once', () => {
  it('twenty botocore processes, one device-code sign-in, twenty answers; the AWS CLI then uses the new sign-in', async () => {
    const env = await world();
    serve = startServe(['--device-code', '--no-browser', '--no-container'], env);
    await serve.line(/broker ready on /);
    const runs = Promise.all(Array.from({ length: TOOLS }, () => botocore(env)));
    // The sign-in page is printed once; the user opens it and confirms the code.
    const url = (await serve.line(/Sign in to my-sso: open /)).split(' open ')[1]!;
    await fake!.visit(url);
    const results = await runs;
    const expected = fake!.roleCredentials('111111111111', 'DeveloperAccess').accessKeyId;
    expect(results).toEqual(Array(TOOLS).fill({ code: 0, out: expected }));
    expect(fake!.requestsFor('StartDeviceAuthorization')).toHaveLength(1);
    expect(serve.output().match(/Sign in to my-sso: open /g)).toHaveLength(1);
    // One line per request, none with a secret.
    expect(serve.output().match(/ asked for dev: ok/g)).toHaveLength(TOOLS);
    const token = JSON.parse(readFileSync(home!.tokenPath('my-sso'), 'utf8')) as {
      accessToken: string;
    };
    expect(serve.output()).not.toContain(token.accessToken);
    expect(serve.output()).not.toContain(expected);

    // The AWS CLI 2.9.19 reads the token file serve wrote, as it is.
    const aws = await runCommand(
      '/usr/bin/aws',
      ['configure', 'export-credentials', '--profile', 'dev', '--format', 'process'],
      { ...env, AWS_DATA_PATH: fake!.awsDataPath() },
    );
    expect(aws.code).toBe(0);
    expect(JSON.parse(aws.out)).toMatchObject({ AccessKeyId: expected });
    expect(fake!.requestsFor('GetRoleCredentials').at(-1)!.headers['x-amz-sso_bearer_token']).toBe(
      token.accessToken,
    );
    expect(await serve.stop()).toBe(0);
  });

  it('the same with the browser sign-in (PKCE): one authorization for twenty tools', async () => {
    const env = await world();
    // $BROWSER is a stand-in that opens the page and allows, like a signed-in user.
    // --pkce: the tests run where a container or a missing display would choose the device code.
    serve = startServe(['--pkce', '--no-container'], {
      ...env,
      BROWSER: `${process.execPath} ${FAKE_BROWSER} %s`,
    });
    await serve.line(/broker ready on /);
    const results = await Promise.all(Array.from({ length: TOOLS }, () => botocore(env)));
    const expected = fake!.roleCredentials('111111111111', 'DeveloperAccess').accessKeyId;
    expect(results).toEqual(Array(TOOLS).fill({ code: 0, out: expected }));
    expect(fake!.requestsFor('Authorize')).toHaveLength(1);
    expect(fake!.requestsFor('CreateToken')).toHaveLength(1);
  });

  it('nobody signs in: every waiting tool is released with the reason when its wait ends', async () => {
    const env = await world();
    serve = startServe(['--device-code', '--no-browser', '--no-container'], env);
    await serve.line(/broker ready on /);
    const runs = await Promise.all(
      Array.from({ length: 5 }, () =>
        runSsoTray(['credential-process', '--profile', 'dev', '--wait', '2'], { env }),
      ),
    );
    for (const run of runs) {
      expect(run.stdout).toBe('');
      expect(run.code).toBe(5);
      expect(run.stderr).toBe('sso-tray: Nobody signed in to my-sso within 2 s.\n');
    }
    expect(fake!.requestsFor('StartDeviceAuthorization')).toHaveLength(1);
  });
});

describe('stopping sso-tray serve', () => {
  it('a SIGTERM sent the moment it says it is ready stops it cleanly and removes its socket', async () => {
    const env = await world();
    for (let attempt = 0; attempt < 3; attempt++) {
      serve = startServe(['--no-browser', '--no-container'], env);
      const ready = await serve.line(/broker ready on /);
      const socket = ready.split(' broker ready on ')[1]!.trim();
      expect(await serve.stop()).toBe(0);
      expect(serve.output()).toContain('stopping');
      expect(existsSync(socket)).toBe(false);
    }
  });
});

describe('container credentials from sso-tray serve', () => {
  it('botocore and the AWS CLI 2.9.19 read them with the exported lines; nothing works without the token', async () => {
    const env = await world();
    home!.writeToken('my-sso', cliToken({ expiresAt: '2099-01-01T00:00:00Z' }));
    // The portal must accept the token: sign the session in through the fake.
    const { serializeCliToken } = await import('../../../app/core/token-cache/token-file');
    home!.writeToken('my-sso', serializeCliToken(fake!.issueToken()));
    serve = startServe(['--no-browser'], env);
    const endpointLine = await serve.line(/Container credentials: /);
    expect(endpointLine).toMatch(/http:\/\/127\.0\.0\.1:\d+/);

    const exported = await runSsoTray(['export', 'dev', '--tool', 'container', '--shell', 'bash'], {
      env,
    });
    expect(exported.code).toBe(0);
    const vars = parseExports(exported.stdout);
    expect(vars.AWS_CONTAINER_CREDENTIALS_FULL_URI).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/v1\/credentials\/dev$/,
    );
    const tokenFile = vars.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE!;
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const expected = fake!.roleCredentials('111111111111', 'DeveloperAccess').accessKeyId;

    // A shell with the lines applied: no profile, no static keys.
    const toolEnv = { HOME: home!.home, PATH: env.PATH!, ...vars };
    const boto = await runCommand(
      'python3',
      [
        '-c',
        'import botocore.session; print(botocore.session.Session().get_credentials().access_key)',
      ],
      toolEnv,
    );
    expect(boto).toEqual({ code: 0, out: expected });
    const aws = await runCommand(
      '/usr/bin/aws',
      ['configure', 'export-credentials', '--format', 'process'],
      toolEnv,
    );
    expect(aws.code).toBe(0);
    expect(JSON.parse(aws.out)).toMatchObject({ AccessKeyId: expected });

    const withoutToken = await runCommand(
      '/usr/bin/aws',
      ['configure', 'export-credentials', '--format', 'process'],
      {
        HOME: home!.home,
        PATH: env.PATH!,
        AWS_CONTAINER_CREDENTIALS_FULL_URI: vars.AWS_CONTAINER_CREDENTIALS_FULL_URI!,
      },
    );
    expect(withoutToken.code).not.toBe(0);
    expect(withoutToken.out).not.toContain(expected);
  });

  it('export --tool container says so when no broker runs', async () => {
    const env = await world();
    const run = await runSsoTray(['export', 'dev', '--tool', 'container'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'sso-tray: No SSO Tray broker is running: start the SSO Tray app or `sso-tray serve`, then export again.\n',
    );
  });
});

function runCommand(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out: out.trim() }));
  });
}

/** `export NAME='value'` lines (bash) as a map; `unset` lines are left out. */
function parseExports(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const match of text.matchAll(/^export ([A-Z_]+)=(?:'([^']*)'|(\S*))$/gm)) {
    vars[match[1]!] = match[2] ?? match[3]!;
  }
  return vars;
}
