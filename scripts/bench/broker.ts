// What a tool pays for credentials through the broker, whole process, next to
// the AWS CLI doing the same job, in alternating runs (the figure is the
// median of the per-pair ratios):
// - `sso-tray credential-process --profile dev` answered by a running broker
//   (the role credentials already in its memory), against
//   `aws configure export-credentials --profile dev --format process` (which
//   reads its own cache in ~/.aws/cli/cache after the first call);
// - 100 `sso-tray credential-process` processes started at once (a storm of
//   Terraform providers): the latency of each, p50 and p95.
// The broker and the fake IAM Identity Center run in this process; the
// commands are spawned asynchronously so both can answer while they run.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore } from '../../app/core';
import { serializeCliToken, tokenFilePath } from '../../app/core/token-cache/token-file';
import { startFakeIdentityCenter } from '../../test/fakes/fake-identity-center';
import { AWS_CLI, SSO_TRAY_BIN } from './cli';
import { paired, summarize, type Paired, type Summary } from './stats';

export interface BrokerFigures {
  readonly credentialProcess: Paired;
  readonly storm: {
    readonly callers: number;
    readonly latency: Summary;
    readonly failures: number;
  };
}

const CONFIG = `[sso-session my-sso]
sso_start_url = https://d-abc123.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = DeveloperAccess
region = us-east-1
`;

/** Runs a command to completion without blocking this process; its wall time in ms. */
function timedSpawn(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(performance.now() - start);
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`));
    });
  });
}

export async function measureBroker(runs: number): Promise<BrokerFigures | string> {
  if (!existsSync(AWS_CLI)) return `skipped: ${AWS_CLI} is not installed`;
  const home = mkdtempSync(path.join(tmpdir(), 'sso-tray-bench-broker-'));
  const fake = await startFakeIdentityCenter();
  try {
    mkdirSync(path.join(home, '.aws', 'sso', 'cache'), { recursive: true, mode: 0o700 });
    writeFileSync(path.join(home, '.aws', 'config'), CONFIG);
    writeFileSync(
      tokenFilePath(path.join(home, '.aws', 'sso', 'cache'), 'my-sso'),
      serializeCliToken(fake.issueToken()),
      { mode: 0o600 },
    );
    const env = {
      PATH: process.env.PATH,
      HOME: home,
      ...fake.env,
      AWS_DATA_PATH: fake.awsDataPath(),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const core = await openCore({ env, watch: true });
    const broker = await core.startBroker({ container: false });
    try {
      const ours = ['credential-process', '--profile', 'dev'];
      const theirs = ['configure', 'export-credentials', '--profile', 'dev', '--format', 'process'];
      const credentialProcess = await paired(
        runs,
        2,
        () => timedSpawn(process.execPath, [SSO_TRAY_BIN, ...ours], env),
        () => timedSpawn(AWS_CLI, theirs, env),
      );
      const callers = 100;
      const outcomes = await Promise.allSettled(
        Array.from({ length: callers }, () =>
          timedSpawn(process.execPath, [SSO_TRAY_BIN, ...ours], env),
        ),
      );
      const latencies = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      return {
        credentialProcess,
        storm: {
          callers,
          latency: summarize(latencies),
          failures: outcomes.length - latencies.length,
        },
      };
    } finally {
      await broker.close();
      await core.close();
    }
  } finally {
    await fake.close();
    rmSync(home, { recursive: true, force: true });
  }
}
