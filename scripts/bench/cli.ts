// Whole-process cost of the CLI, next to the AWS CLI doing the same job, in
// alternating runs (ours, theirs, ours, theirs ...) so machine load hits both
// alike; the figure is the median of the per-pair ratios.
// - `sso-tray status --json` against `aws configure list-profiles` (both read
//   the config; ours also reads every token file and the settings).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { paired, type Paired } from './stats';
import type { Workload } from './workload';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SSO_TRAY_BIN = path.join(ROOT, 'bin', 'sso-tray.js');
export const AWS_CLI = '/usr/bin/aws';

export interface CliFigures {
  readonly status: Paired;
}

/** Runs a command to completion and returns how long it took (ms); throws when it fails. */
export function timedRun(command: string, args: readonly string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const run = spawnSync(command, args, {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // status --json on 5,000 profiles prints megabytes.
    maxBuffer: 256 * 2 ** 20,
  });
  const elapsed = performance.now() - start;
  if (run.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${run.status}: ${String(run.stderr)}`);
  }
  return elapsed;
}

export async function measureCli(workload: Workload, runs: number): Promise<CliFigures | string> {
  if (!existsSync(AWS_CLI)) return `skipped: ${AWS_CLI} is not installed`;
  if (!existsSync(path.join(ROOT, 'out', 'cli', 'sso-tray.js'))) {
    return 'skipped: build the CLI first (node scripts/build.mjs --cli)';
  }
  const env = {
    PATH: process.env.PATH,
    HOME: workload.home,
    AWS_CONFIG_FILE: workload.paths.configFile,
  };
  const status = await paired(
    runs,
    2,
    async () => timedRun(process.execPath, [SSO_TRAY_BIN, 'status', '--json'], env),
    async () => timedRun(AWS_CLI, ['configure', 'list-profiles'], env),
  );
  return { status };
}
