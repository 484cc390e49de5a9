// `sso-tray export` and `sso-tray credential-process` as a user runs them
// (in-process runCli; the bin itself is exercised in test/integration).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../app/cli/main';
import { serializeCliToken } from '../../../app/core/token-cache/token-file';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../../fakes/fake-identity-center';
import { createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

let fake: FakeIdentityCenter;
let home: TempHome;

beforeAll(async () => {
  fake = await startFakeIdentityCenter();
  home = createTempHome({ config: SEED_CONFIG });
  home.writeToken(
    'my-sso',
    serializeCliToken(fake.issueToken({ startUrl: 'https://d-abc123.awsapps.com/start' })),
  );
});
afterAll(async () => {
  await fake.close();
  home.cleanup();
});

async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env: { ...home.env, ...fake.env, SHELL: '/bin/bash', ...env },
    cwd: home.home,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTty: false,
  });
  return { code, stdout, stderr };
}

describe('sso-tray export', () => {
  it('writes profile lines for the shell in $SHELL', async () => {
    expect(await cli(['export', 'dev'], { SHELL: '/usr/bin/fish' })).toEqual({
      code: 0,
      stdout:
        'set -e AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_DEFAULT_PROFILE\n' +
        'set -gx AWS_PROFILE "dev"\n',
      stderr: '',
    });
  });

  it('--shell and --region', async () => {
    const { stdout } = await cli(['export', 'prod', '--shell', 'zsh', '--region']);
    expect(stdout).toBe(
      'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_DEFAULT_PROFILE\n' +
        'export AWS_PROFILE=prod\nexport AWS_REGION=us-east-1\nexport AWS_DEFAULT_REGION=us-east-1\n',
    );
  });

  it('--credentials exports the role credentials from the portal', async () => {
    const expected = fake.roleCredentials('111111111111', 'DeveloperAccess');
    const { code, stdout } = await cli(['export', 'dev', '--credentials', '--shell', 'dotenv']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      `AWS_ACCESS_KEY_ID=${expected.accessKeyId}\nAWS_SECRET_ACCESS_KEY=${expected.secretAccessKey}\n` +
        `AWS_SESSION_TOKEN=${expected.sessionToken}\n` +
        `AWS_CREDENTIAL_EXPIRATION=${new Date(Math.floor(expected.expiration / 1000) * 1000).toISOString().slice(0, 19)}+00:00\n`,
    );
  });

  it('--tool helpers', async () => {
    expect((await cli(['export', 'dev', '--tool', 'pulumi'])).stdout).toBe(
      'pulumi config set aws:profile dev\npulumi config set aws:region eu-west-1\n',
    );
    // Not run through the sso-tray bin here, so the command is the bare name.
    expect((await cli(['export', 'dev', '--tool', 'credential-process'])).stdout).toBe(
      '[profile dev-process]\ncredential_process = sso-tray credential-process --profile dev\nregion = eu-west-1\n',
    );
  });

  it('usage errors exit 2 and name the problem', async () => {
    expect(await cli(['export', 'dev', '--shell', 'tcsh'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(
        '--shell must be one of bash, zsh, fish, powershell, cmd, nushell, dotenv',
      ),
    });
    expect((await cli(['export', 'dev', '--format', 'env', '--region'])).code).toBe(2);
    expect((await cli(['export', 'dev', '--format', 'yaml'])).code).toBe(2);
    expect((await cli(['export', 'dev', '--tool', 'pulumi', '--credentials'])).code).toBe(2);
    expect((await cli(['export'])).code).toBe(2);
  });

  it('an unknown profile is one line and exit 3 (unknown name)', async () => {
    expect(await cli(['export', 'nope'])).toEqual({
      code: 3,
      stdout: '',
      stderr: 'sso-tray: No profile named "nope" in the AWS config file.\n',
    });
  });
});

describe('sso-tray credential-process', () => {
  it('prints the process JSON', async () => {
    const { code, stdout } = await cli(['credential-process', '--profile', 'prod']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      Version: 1,
      AccessKeyId: fake.roleCredentials('222222222222', 'ReadOnly').accessKeyId,
    });
  });

  it('needs --profile', async () => {
    expect(await cli(['credential-process'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('missing --profile'),
    });
  });
});
