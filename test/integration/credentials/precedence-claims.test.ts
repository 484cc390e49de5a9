// The doctor's explanations say which credentials each tool picks. These
// tests ask the real tools (botocore 1.43, AWS CLI v2 2.9.19 and the JS SDK v3
// default chain) in the situations the doctor warns about, with SSO
// credentials from the fake, so the explanations stay true.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serializeCliToken } from '../../../app/core/token-cache/token-file';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../../fakes/fake-identity-center';
import { createTempHome, SEED_CONFIG, type TempHome } from '../../support/temp-home';

// The AWS CLI, botocore and the JS SDK run as child processes, slow on a loaded machine:
// only a hang should fail a test.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const run = promisify(execFile);
const START_URL = 'https://d-abc123.awsapps.com/start';
const STATIC = {
  AWS_ACCESS_KEY_ID: 'AKIASTATICENVKEY0001',
  AWS_SECRET_ACCESS_KEY: 'static-env-secret',
};
const FILE_KEY = 'AKIASTATICFILEKEY001';

let fake: FakeIdentityCenter;
const homes: TempHome[] = [];
let dev: string;
let prod: string;

/** A signed-in HOME (its own folder, so no tool's file cache crosses scenarios). */
function signedInHome(credentials?: string): TempHome {
  const home = createTempHome({ config: SEED_CONFIG });
  home.writeToken('my-sso', serializeCliToken(fake.issueToken({ startUrl: START_URL })));
  if (credentials) writeFileSync(home.paths.credentialsFile, credentials);
  homes.push(home);
  return home;
}

interface Scenario {
  readonly name: string;
  readonly home: TempHome;
  readonly env: Record<string, string>;
  /** Profile passed explicitly, as --profile / Session(profile=) / fromIni({profile}). */
  readonly profile?: string;
}

/** Which access key each tool ends up with, or the error class/message it raises. */
async function botocore(scenarios: Scenario[]): Promise<Record<string, string>> {
  const script = `
import json, os, sys, botocore.session
out = {}
for s in json.load(sys.stdin):
    os.environ.clear(); os.environ.update(s["env"])
    try:
        c = botocore.session.Session(profile=s.get("profile")).get_credentials()
        out[s["name"]] = c.get_frozen_credentials().access_key
    except Exception as e:
        out[s["name"]] = type(e).__name__
print(json.dumps(out))`;
  const input = scenarios.map((s) => ({
    name: s.name,
    env: { ...s.env, ...fake.env },
    profile: s.profile,
  }));
  const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
    // botocore fixes the SSO cache folder from HOME at import time: start in the scenarios' HOME.
    const env = { ...scenarios[0]!.home.env, ...fake.env };
    const child = execFile('python3', ['-c', script], { encoding: 'utf8', env }, (error, stdout) =>
      error ? reject(error) : resolve({ stdout }),
    );
    child.stdin!.end(JSON.stringify(input));
  });
  return JSON.parse(stdout) as Record<string, string>;
}

async function jsSdk(scenario: Scenario): Promise<string> {
  const script = `
    import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
    const profile = process.argv[1] || undefined;
    try {
      const c = await (profile ? fromIni({ profile }) : fromNodeProviderChain())();
      console.log(c.accessKeyId);
    } catch (e) { console.log(e.name); }
  `;
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', script, scenario.profile ?? ''],
    {
      env: {
        ...scenario.env,
        ...fake.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      cwd: process.cwd(),
      encoding: 'utf8',
    },
  );
  return stdout.trim();
}

async function awsCli(scenario: Scenario): Promise<string> {
  const args = ['configure', 'export-credentials', '--format', 'process'];
  if (scenario.profile) args.push('--profile', scenario.profile);
  const { stdout } = await run('/usr/bin/aws', args, {
    env: { ...scenario.env, AWS_DATA_PATH: fake.awsDataPath() },
    encoding: 'utf8',
  });
  return (JSON.parse(stdout) as { AccessKeyId: string }).AccessKeyId;
}

beforeAll(async () => {
  fake = await startFakeIdentityCenter();
  dev = fake.roleCredentials('111111111111', 'DeveloperAccess').accessKeyId;
  prod = fake.roleCredentials('222222222222', 'ReadOnly').accessKeyId;
});
afterAll(async () => {
  await fake.close();
  for (const home of homes) home.cleanup();
});

describe('what the doctor says about the environment', () => {
  it('static keys beat AWS_PROFILE in botocore and the AWS CLI; the JS SDK uses AWS_PROFILE', async () => {
    const home = signedInHome();
    const scenario = { name: 'keys', home, env: { ...home.env, ...STATIC, AWS_PROFILE: 'dev' } };
    expect((await botocore([scenario])).keys).toBe(STATIC.AWS_ACCESS_KEY_ID);
    expect(await awsCli(scenario)).toBe(STATIC.AWS_ACCESS_KEY_ID);
    expect(await jsSdk(scenario)).toBe(dev);
  });

  it('AWS_DEFAULT_PROFILE wins in botocore, AWS_PROFILE in the AWS CLI, and the JS SDK ignores the former', async () => {
    const home = signedInHome();
    const both = {
      name: 'both',
      home,
      env: { ...home.env, AWS_PROFILE: 'dev', AWS_DEFAULT_PROFILE: 'prod' },
    };
    const onlyDefault = { name: 'only', home, env: { ...home.env, AWS_DEFAULT_PROFILE: 'prod' } };
    const boto = await botocore([both, onlyDefault]);
    expect(boto).toEqual({ both: prod, only: prod });
    expect(await awsCli(both)).toBe(dev);
    // No default profile exists, so the JS SDK finds no credentials at all.
    expect(await jsSdk(onlyDefault)).toBe('CredentialsProviderError');
  });

  it('half a key pair stops botocore even with AWS_PROFILE; an empty AWS_DEFAULT_PROFILE too', async () => {
    const home = signedInHome();
    const boto = await botocore([
      {
        name: 'partial',
        home,
        env: { ...home.env, AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'AKIA' },
      },
      { name: 'empty', home, env: { ...home.env, AWS_PROFILE: 'dev', AWS_DEFAULT_PROFILE: '' } },
      { name: 'explicit', home, env: { ...home.env, AWS_ACCESS_KEY_ID: 'AKIA' }, profile: 'dev' },
    ]);
    expect(boto).toEqual({
      partial: 'PartialCredentialsError',
      empty: 'ProfileNotFound',
      explicit: dev,
    });
  });
});

describe('what the doctor says about static keys in the credentials file', () => {
  it('botocore and the AWS CLI use SSO; the JS SDK uses the static keys', async () => {
    const home = signedInHome(
      `[dev]\naws_access_key_id = ${FILE_KEY}\naws_secret_access_key = file-secret\n`,
    );
    const scenario = { name: 'file', home, env: home.env, profile: 'dev' };
    expect((await botocore([scenario])).file).toBe(dev);
    expect(await awsCli(scenario)).toBe(dev);
    expect(await jsSdk(scenario)).toBe(FILE_KEY);
  });
});
