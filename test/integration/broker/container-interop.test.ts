// The real AWS tools against the broker: botocore (python3) and the AWS CLI
// 2.9.19 read credentials from the container endpoint, the exported snippet
// works when sourced in bash, zsh and fish over an environment that had a
// profile and static keys, and both are refused without the token. Then
// `credential_process` through the tiny client, bundled as the CLI bundles it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../../app/core/broker/broker';
import { containerCredentialsUrl } from '../../../app/core/broker/container-endpoint';
import { buildContainerSnippet } from '../../../app/core/broker/container-snippet';
import { credentialsFor, ScriptedBackend } from '../../support/scripted-broker-backend';
import { runSnippet } from '../shells/run-in-shell';

const run = promisify(execFile);
const AWS_CLI = '/usr/bin/aws';
const DEV = credentialsFor('dev');

const BOTOCORE_CREDENTIALS = `
import json, sys, botocore.session
try:
    found = botocore.session.Session().get_credentials()
except Exception as error:
    print(json.dumps({"error": type(error).__name__, "message": str(error)}))
    sys.exit(1)
if found is None:
    print("null")
    sys.exit(1)
frozen = found.get_frozen_credentials()
print(json.dumps({"method": found.method, "accessKey": frozen.access_key,
                  "secretKey": frozen.secret_key, "token": frozen.token}))
`;

let root: string;
let home: string;
let backend: ScriptedBackend;
let broker: Broker;
let socketPath: string;
let url: string;
let token: string;
let tokenFile: string;
let clientBundle: string;
let clientMetafile: Metafile;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'sso-tray-interop-'));
  home = path.join(root, 'home');
  const dir = path.join(root, 'run');
  socketPath = path.join(dir, 'broker.sock');
  backend = new ScriptedBackend({ dev: { kind: 'credentials' } });
  broker = await startBroker({
    backend,
    addresses: [{ kind: 'unix', path: socketPath, dir, privateParent: false }],
  });
  url = containerCredentialsUrl(broker.containerEndpoint!.url, 'dev');
  tokenFile = broker.containerEndpoint!.tokenFile;
  token = readFileSync(tokenFile, 'utf8');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(path.join(home, '.aws'), { recursive: true });
  writeFileSync(path.join(home, '.aws', 'config'), '');

  clientBundle = path.join(root, 'credential-process.mjs');
  const built = await build({
    entryPoints: [path.resolve(__dirname, '../../support/broker-credential-process.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: clientBundle,
    logLevel: 'warning',
  });
  expect(built.errors).toEqual([]);
  clientMetafile = (
    await build({
      entryPoints: [path.resolve(__dirname, '../../../app/core/broker/broker-client.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      write: false,
      metafile: true,
      logLevel: 'warning',
    })
  ).metafile;
});

afterAll(async () => {
  await broker.close();
  rmSync(root, { recursive: true, force: true });
});

/** A clean environment: the temp HOME, no IMDS, nothing of the test runner's AWS settings. */
const baseEnv = (): Record<string, string> => ({
  HOME: home,
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  AWS_EC2_METADATA_DISABLED: 'true',
});

async function botocore(env: Record<string, string>) {
  try {
    const { stdout } = await run('python3', ['-c', BOTOCORE_CREDENTIALS], { env });
    return JSON.parse(stdout) as Record<string, string>;
  } catch (error) {
    const { stdout } = error as { stdout: string };
    return JSON.parse(stdout) as Record<string, string>;
  }
}

async function awsExportCredentials(env: Record<string, string>, profile?: string) {
  const args = ['configure', 'export-credentials', '--format', 'process'];
  try {
    const { stdout } = await run(AWS_CLI, profile ? [...args, '--profile', profile] : args, {
      env,
    });
    return { code: 0, json: JSON.parse(stdout) as Record<string, unknown>, stderr: '' };
  } catch (error) {
    const { code, stderr } = error as { code: number; stderr: string };
    return { code, json: null, stderr };
  }
}

const EXPECTED_PROCESS_JSON = {
  Version: 1,
  AccessKeyId: DEV.accessKeyId,
  SecretAccessKey: DEV.secretAccessKey,
  SessionToken: DEV.sessionToken,
  Expiration: '2030-01-01T12:00:00+00:00',
};

describe('botocore', () => {
  it('reads the endpoint with the token file, and with the token variable', async () => {
    const expected = {
      method: 'container-role',
      accessKey: DEV.accessKeyId,
      secretKey: DEV.secretAccessKey,
      token: DEV.sessionToken,
    };
    const common = { ...baseEnv(), AWS_CONTAINER_CREDENTIALS_FULL_URI: url };
    expect(
      await botocore({ ...common, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile }),
    ).toEqual(expected);
    expect(await botocore({ ...common, AWS_CONTAINER_AUTHORIZATION_TOKEN: token })).toEqual(
      expected,
    );
  });

  it('is refused without the token', async () => {
    const calls = backend.calls.length;
    const result = await botocore({ ...baseEnv(), AWS_CONTAINER_CREDENTIALS_FULL_URI: url });
    expect(result.error).toBe('CredentialRetrievalError');
    expect(result.message).toContain('401');
    expect(result.message).toContain('missing-token');
    expect(backend.calls.length).toBe(calls);
  });
});

describe('AWS CLI 2.9.19', () => {
  it('reads the endpoint with AWS_CONTAINER_AUTHORIZATION_TOKEN', async () => {
    const result = await awsExportCredentials({
      ...baseEnv(),
      AWS_CONTAINER_CREDENTIALS_FULL_URI: url,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: token,
    });
    expect(result.json).toEqual(EXPECTED_PROCESS_JSON);
  });

  it('is refused with only the _FILE variable: 2.9.19 reads only the other one', async () => {
    const calls = backend.calls.length;
    const fileOnly = await awsExportCredentials({
      ...baseEnv(),
      AWS_CONTAINER_CREDENTIALS_FULL_URI: url,
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile,
    });
    expect(fileOnly.code).not.toBe(0);
    expect(fileOnly.stderr).toContain('missing-token');
    expect(backend.calls.length).toBe(calls);
  });

  it('is refused with a wrong token, which it does not learn the right one from', async () => {
    const calls = backend.calls.length;
    const wrong = await awsExportCredentials({
      ...baseEnv(),
      AWS_CONTAINER_CREDENTIALS_FULL_URI: url,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'A'.repeat(43),
    });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('wrong-token');
    expect(wrong.stderr).not.toContain(token);
    expect(backend.calls.length).toBe(calls);
  });
});

describe('the exported snippet, sourced in a real shell', () => {
  it.each(['bash', 'zsh', 'fish'] as const)(
    '%s: clears the profile and static keys, and the AWS CLI then uses the endpoint',
    async (shell) => {
      const snippet = buildContainerSnippet({ shell, url, token, tokenFile });
      const dir = mkdtempSync(path.join(root, `${shell}-`));
      const { env } = runSnippet(shell, snippet.text, {
        dir,
        startEnv: {
          ...baseEnv(),
          AWS_PROFILE: 'dev',
          AWS_DEFAULT_PROFILE: 'dev',
          AWS_ACCESS_KEY_ID: 'AKIASTATICKEY0000000',
          AWS_SECRET_ACCESS_KEY: 'static-secret',
          AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/ecs-task',
        },
      });
      for (const cleared of [
        'AWS_PROFILE',
        'AWS_DEFAULT_PROFILE',
        'AWS_ACCESS_KEY_ID',
        'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      ]) {
        expect(env.has(cleared)).toBe(false);
      }
      const result = await awsExportCredentials(Object.fromEntries(env));
      expect(result.json).toEqual(EXPECTED_PROCESS_JSON);
    },
  );
});

describe('credential_process through the tiny client', () => {
  it('bundles to node built-ins and the broker modules only (no AWS SDK, zod or config readers)', () => {
    const inputs = Object.keys(clientMetafile.inputs).sort();
    expect(inputs).toEqual([
      'app/core/broker/broker-client.ts',
      'app/core/broker/broker-location.ts',
      'app/core/broker/broker-protocol.ts',
    ]);
    const imports = Object.values(clientMetafile.outputs).flatMap((output) =>
      output.imports.map((i) => i.path),
    );
    expect(imports.every((name) => name.startsWith('node:'))).toBe(true);
  });

  it('botocore and the AWS CLI get the credentials, and the broker sees who called', async () => {
    const config = path.join(root, 'process-config');
    writeFileSync(
      config,
      `[profile dev-process]\ncredential_process = ${process.execPath} ${clientBundle} --profile dev\n`,
    );
    const env = { ...baseEnv(), AWS_CONFIG_FILE: config, SSO_TRAY_BROKER_SOCKET: socketPath };

    const fromBotocore = await botocore({ ...env, AWS_PROFILE: 'dev-process' });
    expect(fromBotocore).toMatchObject({ accessKey: DEV.accessKeyId, token: DEV.sessionToken });
    expect(broker.status().recent[0]).toMatchObject({
      profile: 'dev',
      outcome: 'ok',
      caller: { via: 'socket', name: 'python3', pid: expect.any(Number) },
    });

    const fromCli = await awsExportCredentials(env, 'dev-process');
    expect(fromCli.json).toEqual(EXPECTED_PROCESS_JSON);
    expect(broker.status().recent[0]).toMatchObject({ caller: { name: 'aws' } });
  });

  it('says `no-broker` (exit 3) when none runs', async () => {
    const result = await run(process.execPath, [clientBundle, '--profile', 'dev'], {
      env: { ...baseEnv(), SSO_TRAY_BROKER_SOCKET: path.join(root, 'nowhere', 'broker.sock') },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(result).toMatchObject({ code: 3, stdout: '' });
    expect(result.stderr).toMatch(/^no-broker: No SSO Tray broker is running/);
  });
});
