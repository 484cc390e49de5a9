// Idle cost of the whole core (session service + silent renewal):
// - 24 simulated hours on a fake clock, against the fake IAM Identity Center
//   (so renewals really happen): every timer wake-up must either change what
//   the user sees (a snapshot) or attempt a renewal; none may be idle.
// - real-clock CPU of an idle core, measured in a separate, plain Node process
//   (no tsx loader thread, none of the benchmark's own garbage).
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { serializeCliToken, tokenFilePath } from '../../app/core/token-cache/token-file';
import { openCore } from '../../app/core';
import { startFakeIdentityCenter } from '../../test/fakes/fake-identity-center';
import { FakeClock } from '../../test/support/fake-clock';
import type { Workload } from './workload';

export interface WakeUpFigures {
  readonly hours: number;
  readonly wakeUps: number;
  readonly stateChanges: number;
  readonly renewalAttempts: number;
  /** Wake-ups that neither changed a snapshot nor attempted a renewal: must be 0. */
  readonly idle: number;
}

const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function idleWakeUps(workload: Workload, hours = 24): Promise<WakeUpFigures> {
  const clock = new FakeClock(Date.now());
  const fake = await startFakeIdentityCenter({ clock });
  // Tokens the fake accepts: half renewable (renewed 15 minutes before expiry),
  // half not (they pass the warning boundary, then expire).
  workload.sessionNames.forEach((name, i) => {
    const issued = fake.issueToken({
      startUrl: `https://d-${(1e9 + i).toString(16)}.awsapps.com/start`,
      expiresAt: clock.now() + (1 + (i % 8)) * HOUR + i * 60_000,
      refreshable: i % 2 === 0,
    });
    writeFileSync(tokenFilePath(workload.paths.cacheDir, name), serializeCliToken(issued), {
      mode: 0o600,
    });
  });
  const core = await openCore({
    paths: workload.paths,
    settingsDir: path.join(workload.home, '.config', 'sso-tray'),
    watch: true,
    clock,
    env: {
      HOME: workload.home,
      ...fake.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  let snapshots = 0;
  core.onSnapshot(() => snapshots++);
  const renewals = () => fake.requestsFor('CreateToken').length;
  // Let the load's own file events settle before counting.
  await sleep(200);
  const figures = { wakeUps: 0, stateChanges: 0, renewalAttempts: 0, idle: 0 };
  const end = clock.now() + hours * HOUR;
  try {
    for (;;) {
      const due = clock.nextDue();
      if (due === null || due > end) break;
      const before = { snapshots, renewals: renewals(), wakeUps: clock.wakeUps };
      clock.advance(due - clock.now());
      // A renewal the wake-up started may first load the AWS SDK (on first
      // use), so its request can come late: wait for every renewal to settle.
      await Promise.all(workload.sessionNames.map((name) => core.renewalSettled(name)));
      // Renewals go over HTTP and their writes come back through the file
      // watcher: wait (in real time) until nothing more happens.
      let last = -1;
      for (let i = 0; i < 100 && snapshots + renewals() !== last; i++) {
        last = snapshots + renewals();
        await sleep(30);
      }
      const woke = clock.wakeUps - before.wakeUps;
      const renewed = renewals() - before.renewals;
      const changed = snapshots - before.snapshots;
      figures.wakeUps += woke;
      figures.renewalAttempts += renewed;
      if (renewed > 0) continue;
      if (changed > 0) figures.stateChanges += woke;
      else figures.idle += woke;
    }
  } finally {
    await core.close();
    await fake.close();
  }
  return { hours, ...figures };
}

export interface IdleCpuFigures {
  readonly seconds: number;
  /** The measurement starts once V8 has run no GC for this long... */
  readonly quietSeconds: number;
  /** ...which came this long after the load. */
  readonly settleSeconds: number;
  readonly settleCpuMs: number;
  readonly cpuMs: number;
  readonly cpuMsPerMinute: number;
}

/** Runs the idle measurement in a separate plain Node process (bundled with esbuild). */
export async function idleCpu(
  workload: Workload,
  seconds: number,
  quietSeconds: number,
): Promise<IdleCpuFigures> {
  const entry = fileURLToPath(new URL('./idle-child.ts', import.meta.url));
  // Inside the repository (out/ is git-ignored) so its imports resolve from node_modules.
  const dir = path.resolve(path.dirname(entry), '../../out/bench');
  try {
    const outfile = path.join(dir, `idle-child-${process.pid}.mjs`);
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    const out = execFileSync(
      process.execPath,
      [outfile, workload.home, String(seconds), String(quietSeconds)],
      { encoding: 'utf8' },
    );
    return JSON.parse(out) as IdleCpuFigures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
