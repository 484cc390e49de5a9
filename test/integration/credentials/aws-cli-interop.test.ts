// Interop with the real AWS tools, for the same role credentials from the fake:
// - `sso-tray export --format F` is byte-identical to the AWS CLI's
//   `aws configure export-credentials --format F`;
// - `sso-tray credential-process` works as `credential_process` for botocore,
//   the JS SDK (fromProcess) and the AWS CLI;
// - not signed in: one clear line on stderr, the needs-sign-in exit, nothing on stdout.
import { execFile } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serializeCliToken } from '../../../app/core/token-cache/token-file';
import type { AwsCliFormat } from '../../../app/core';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../../fakes/fake-identity-center';
import { runSsoTray } from '../../support/run-cli';
import { createTempHome, type TempHome } from '../../support/temp-home';
import { openTestCore } from '../../support/test-core';

// The AWS CLI and botocore start slowly on a loaded machine: only a hang should fail a test.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const run = promisify(execFile);
const AWS_CLI = '/usr/bin/aws';
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
`;

let fake: FakeIdentityCenter;
let home: TempHome;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeIdentityCenter();
  home = createTempHome({ config: CONFIG });
  home.writeToken('my-sso', serializeCliToken(fake.issueToken({ startUrl: START_URL })));
  env = { ...home.env, ...fake.env };
});
afterAll(async () => {
  await fake.close();
  home.cleanup();
});

async function awsCli(args: string[]): Promise<string> {
  const { stdout } = await run(AWS_CLI, args, {
    env: { HOME: home.home, PATH: home.env.PATH, AWS_DATA_PATH: fake.awsDataPath(), ...fake.env },
    encoding: 'utf8',
  });
  return stdout;
}

// AWS CLI 2.9.19 (Debian) has these; `fish` arrived in 2.33.8 and is checked in the unit tests.
const FORMATS: AwsCliFormat[] = ['process', 'env', 'env-no-export', 'powershell', 'windows-cmd'];

describe('export-credentials byte identity with the AWS CLI', () => {
  it.each(FORMATS)('--format %s', async (format) => {
    const theirs = await awsCli([
      'configure',
      'export-credentials',
      '--profile',
      'dev',
      '--format',
      format,
    ]);
    const core = await openTestCore(home, { env: fake.env });
    try {
      const ours = await core.exportCredentials('dev', format);
      expect(Buffer.from(ours)).toEqual(Buffer.from(theirs));
    } finally {
      await core.close();
    }
    // Node 20: the SDK's "upgrade Node" notice would be the only line on stderr.
    const cli = await runSsoTray(['export', 'dev', '--format', format], {
      env: { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    expect({ code: cli.code, stderr: cli.stderr }).toEqual({ code: 0, stderr: '' });
    expect(Buffer.from(cli.stdout)).toEqual(Buffer.from(theirs));
    // Sanity: the CLI really got the fake's credentials.
    expect(theirs).toContain(
      fake.roleCredentials('111111111111', 'DeveloperAccess').secretAccessKey,
    );
  });
});

describe('sso-tray as credential_process', () => {
  beforeAll(async () => {
    const helper = await runSsoTray(['export', 'dev', '--tool', 'credential-process'], { env });
    expect(helper.code).toBe(0);
    expect(helper.stdout).toMatch(
      /^\[profile dev-process\]\ncredential_process = \/.+ credential-process --profile dev\nregion = eu-west-1\n$/,
    );
    appendFileSync(home.paths.configFile, `\n${helper.stdout}`);
  });

  const expected = () => fake.roleCredentials('111111111111', 'DeveloperAccess');

  it('botocore gets the role credentials through it', async () => {
    const { stdout } = await run(
      'python3',
      [
        '-c',
        'import json, botocore.session as s; c = s.Session(profile="dev-process").get_credentials(); f = c.get_frozen_credentials(); print(json.dumps([c.method, f.access_key, f.secret_key, f.token]))',
      ],
      { env, encoding: 'utf8' },
    );
    const e = expected();
    expect(JSON.parse(stdout)).toEqual([
      'custom-process',
      e.accessKeyId,
      e.secretAccessKey,
      e.sessionToken,
    ]);
  });

  it('the JS SDK (fromProcess) gets them, with the expiry', async () => {
    const script = `
      import { fromProcess } from '@aws-sdk/credential-providers';
      const c = await fromProcess({ profile: 'dev-process' })();
      console.log(JSON.stringify([c.accessKeyId, c.secretAccessKey, c.sessionToken, c.expiration.getTime()]));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      env,
      cwd: process.cwd(),
      encoding: 'utf8',
    });
    const e = expected();
    expect(JSON.parse(stdout)).toEqual([
      e.accessKeyId,
      e.secretAccessKey,
      e.sessionToken,
      Math.floor(e.expiration / 1000) * 1000,
    ]);
  });

  it('the AWS CLI exports what it returns', async () => {
    const viaProcess = await awsCli([
      'configure',
      'export-credentials',
      '--profile',
      'dev-process',
      '--format',
      'env',
    ]);
    expect(viaProcess).toContain(`export AWS_SECRET_ACCESS_KEY=${expected().secretAccessKey}\n`);
  });
});

describe('not signed in', () => {
  it('credential-process: one line on stderr naming the fix, exit 4 (needs sign-in), nothing on stdout', async () => {
    const other = createTempHome({ config: CONFIG });
    try {
      const result = await runSsoTray(['credential-process', '--profile', 'dev'], {
        env: { ...other.env, ...fake.env },
      });
      expect(result).toEqual({
        code: 4,
        stdout: '',
        stderr:
          'sso-tray: Not signed in to my-sso; sign in to it first. Run: sso-tray login my-sso\n',
      });
    } finally {
      other.cleanup();
    }
  });
});
