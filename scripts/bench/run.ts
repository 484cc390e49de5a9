// `npm run bench`: measures the core (and, through the e2e harness, the
// renderer) on generated workloads, prints a table with targets and writes
// every figure as JSON (`--json FILE`). Not part of `npm test`.
//
// Options: --json FILE, --quick (fewer runs, 10 s idle window), --idle-seconds N,
//          --skip-renderer, --skip-botocore
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadSharedConfigFiles, loadSsoSessionData } from '@smithy/shared-ini-file-loader';
import { serializeCliToken, tokenFilePath } from '../../app/core/token-cache/token-file';
import { openCore, type Core } from '../../app/core';
import { AwsFiles } from '../../app/core/sessions/aws-files';
import type { Snapshot } from '../../app/shared/model';
import { measureBroker, type BrokerFigures } from './broker';
import { measureCli, type CliFigures } from './cli';
import { paired, sample, type Paired, type Summary } from './stats';
import { createWorkload, WORKLOADS, type Workload } from './workload';
import { bigConfigReads } from './hostile-config';
import { idleCpu, idleWakeUps } from './idle';
import { measureRenderer, type RendererFigures } from './renderer';

// The SDK's "upgrade Node.js" notice would interleave with the table.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag('--quick');
const idleSeconds = Number(option('--idle-seconds') ?? (quick ? 10 : 60));
const jsonFile = option('--json');
const RUNS = quick ? 10 : 30;
/** Idle CPU is measured once V8 has run no GC for this long after the load. */
const GC_QUIET_SECONDS = 30;

interface Row {
  readonly metric: string;
  readonly size: string;
  readonly value: string;
  readonly target: string;
  readonly pass: boolean | null;
}

const rows: Row[] = [];
const figures: Record<string, unknown> = {};
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;

function record(
  metric: string,
  size: string,
  value: string,
  target = '',
  pass: boolean | null = null,
) {
  rows.push({ metric, size, value, target, pass });
}

/** A one-shot core on the workload (what `sso-tray status` opens): settings, config, tokens. */
const openBenchCore = (workload: Workload, watch = false): Promise<Core> =>
  openCore({
    paths: workload.paths,
    env: { HOME: workload.home },
    settingsDir: path.join(workload.home, '.config', 'sso-tray'),
    watch,
  });

async function coldLoadOurs(workload: Workload): Promise<number> {
  const start = performance.now();
  const core = await openBenchCore(workload);
  const elapsed = performance.now() - start;
  await core.close();
  return elapsed;
}

async function coldLoadSdk(workload: Workload): Promise<number> {
  const start = performance.now();
  await loadSharedConfigFiles({
    configFilepath: workload.paths.configFile,
    filepath: workload.paths.credentialsFile,
    ignoreCache: true,
  });
  // The SDK reads sso-session sections with a second parse (its own cache keyed by path).
  await loadSsoSessionData({ configFilepath: workload.paths.configFile });
  return performance.now() - start;
}

/** Ours and the SDK's loader in alternating runs; the ratio is the median of per-pair ratios. */
const coldLoad = (workload: Workload): Promise<Paired> =>
  paired(
    RUNS,
    3,
    () => coldLoadOurs(workload),
    () => coldLoadSdk(workload),
  );

function botocoreParse(workload: Workload): Summary | string {
  if (flag('--skip-botocore')) return 'skipped (--skip-botocore)';
  try {
    const out = execFileSync(
      'python3',
      [
        fileURLToPath(new URL('./botocore_parse.py', import.meta.url)),
        workload.paths.configFile,
        String(RUNS),
      ],
      {
        encoding: 'utf8',
      },
    );
    return JSON.parse(out) as Summary;
  } catch (error) {
    return `skipped: python3 with botocore not available (${(error as Error).message.split('\n')[0]})`;
  }
}

function writeTokenAtomically(workload: Workload, session: string, expiresAt: number): void {
  const file = tokenFilePath(workload.paths.cacheDir, session);
  const temp = `${file}.bench-tmp`;
  writeFileSync(
    temp,
    serializeCliToken({
      startUrl: 'https://bench/start',
      region: 'us-east-1',
      accessToken: 'bench',
      expiresAt,
    }),
  );
  renameSync(temp, file);
}

function waitForExpiry(service: Core, session: string, iso: string): Promise<number> {
  return new Promise((resolve) => {
    const off = service.onSnapshot((s: Snapshot) => {
      if (s.sessions.find((x) => x.name === session)?.expiresAt === iso) {
        off();
        resolve(performance.now());
      }
    });
  });
}

/** The files part of the core: re-reading one session's token after it changed. */
async function incrementalUpdate(workload: Workload): Promise<Summary> {
  const service = new AwsFiles({ paths: workload.paths });
  await service.load();
  const session = workload.sessionNames[0]!;
  let expiry = Date.now() + 8 * 3_600_000;
  const summary = await sample(RUNS, 3, async () => {
    expiry += 1_000;
    writeTokenAtomically(workload, session, expiry);
    const start = performance.now();
    await service.reloadSession(session);
    return performance.now() - start;
  });
  await service.close();
  return summary;
}

async function reactionTime(workload: Workload): Promise<Summary> {
  const service = await openBenchCore(workload, true);
  const session = workload.sessionNames[workload.sessionNames.length - 1]!;
  let expiry = Date.now() + 9 * 3_600_000;
  const summary = await sample(RUNS, 3, async () => {
    expiry += 1_000;
    const iso = new Date(expiry).toISOString().replace(/\.\d{3}Z$/, '.000Z');
    const seen = waitForExpiry(service, session, iso);
    const start = performance.now();
    writeTokenAtomically(workload, session, expiry);
    return (await seen) - start;
  });
  await service.close();
  return summary;
}

async function memory(workload: Workload) {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const service = await openBenchCore(workload);
  gc?.();
  const after = process.memoryUsage();
  await service.close();
  return {
    heapUsedMb: after.heapUsed / 2 ** 20,
    heapDeltaMb: (after.heapUsed - before.heapUsed) / 2 ** 20,
    rssMb: after.rss / 2 ** 20,
    gcExposed: Boolean(gc),
  };
}

function printTable(): void {
  const header = ['metric', 'workload', 'value', 'target', 'result'];
  const body = rows.map((r) => [
    r.metric,
    r.size,
    r.value,
    r.target,
    r.pass === null ? '' : r.pass ? 'pass' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  body.forEach((b) => console.log(line(b)));
}

async function main(): Promise<void> {
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${os.release()}`,
    date: new Date().toISOString(),
    runs: RUNS,
  };
  figures.machine = machine;
  console.log(
    `SSO Tray benchmark — ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGb} GiB, Node ${machine.node}, ${RUNS} runs\n`,
  );

  const now = Date.now();
  const workloads = WORKLOADS.map((spec) => createWorkload(spec, now));
  const largest = workloads[workloads.length - 1]!;
  try {
    const perSize: Record<string, unknown> = {};
    for (const workload of workloads) {
      const size = `${workload.spec.profiles} profiles / ${workload.spec.sessions} sessions`;
      const load = await coldLoad(workload);
      const { a: ours, b: sdk } = load;
      const botocore = botocoreParse(workload);
      const ratio = load.ratio.median;
      const isLargest = workload === largest;
      record(
        'cold load (ours)',
        size,
        `${ms(ours.median)} (p95 ${ms(ours.p95)})`,
        isLargest ? '< 100 ms' : '',
        isLargest ? ours.median < 100 : null,
      );
      record('cold load (JS SDK loader)', size, `${ms(sdk.median)} (p95 ${ms(sdk.p95)})`);
      record(
        'ratio ours / SDK (median of paired runs)',
        size,
        `${ratio.toFixed(2)} (p95 ${load.ratio.p95.toFixed(2)})`,
        isLargest ? '<= 1.0' : '',
        isLargest ? ratio <= 1 : null,
      );
      record(
        'botocore parse',
        size,
        typeof botocore === 'string'
          ? botocore
          : `${ms(botocore.median)} (p95 ${ms(botocore.p95)})`,
      );
      const reaction = await reactionTime(workload);
      record(
        'reaction: rename -> snapshot',
        size,
        `p50 ${ms(reaction.median)}, p95 ${ms(reaction.p95)}`,
        'p95 < 150 ms',
        reaction.p95 < 150,
      );
      perSize[size] = {
        configBytes: workload.configBytes,
        ours,
        sdk,
        ratio: load.ratio,
        botocore,
        reaction,
      };
    }
    figures.sizes = perSize;

    const incremental = await incrementalUpdate(largest);
    record(
      'incremental: 1 token rewritten',
      '5000 profiles',
      `${ms(incremental.median)} (p95 ${ms(incremental.p95)})`,
      '< 5 ms',
      incremental.median < 5,
    );
    figures.incremental = incremental;

    const cli: CliFigures | string = await measureCli(largest, quick ? 10 : 20);
    if (typeof cli === 'string') {
      record('CLI: status --json, whole process', '5000 profiles', cli);
    } else {
      record(
        'CLI: `sso-tray status --json` / `aws configure list-profiles`, whole process',
        '5000 profiles',
        `${cli.status.ratio.median.toFixed(2)} (ours ${ms(cli.status.a.median)}, aws ${ms(cli.status.b.median)})`,
        '<= 0.25',
        cli.status.ratio.median <= 0.25,
      );
    }
    figures.cli = cli;

    const broker: BrokerFigures | string = await measureBroker(quick ? 10 : 20);
    if (typeof broker === 'string') {
      record('credential-process through the broker', '', broker);
    } else {
      const { credentialProcess, storm } = broker;
      record(
        'credential-process via the broker / `aws configure export-credentials`, whole process',
        '1 profile',
        `${credentialProcess.ratio.median.toFixed(2)} (ours ${ms(credentialProcess.a.median)}, aws ${ms(credentialProcess.b.median)})`,
        '<= 0.2',
        credentialProcess.ratio.median <= 0.2,
      );
      record(
        `${storm.callers} credential-process at once, latency each`,
        '1 profile',
        `p50 ${ms(storm.latency.median)}, p95 ${ms(storm.latency.p95)}, ${storm.failures} failed`,
        '0 failed',
        storm.failures === 0,
      );
    }
    figures.broker = broker;

    const mem = await memory(largest);
    record(
      'memory after load',
      '5000 profiles',
      `heap ${mem.heapUsedMb.toFixed(1)} MB (+${mem.heapDeltaMb.toFixed(1)}), RSS ${mem.rssMb.toFixed(0)} MB`,
    );
    figures.memory = mem;

    const bigConfigs = await bigConfigReads(quick ? 1 : 3);
    for (const { what, bytes, read } of bigConfigs) {
      record(
        'hostile config: read',
        `${what} (${(bytes / 1e6).toFixed(1)} MB)`,
        `${ms(read.median)} (max ${ms(read.max)})`,
      );
    }
    figures.bigConfigs = bigConfigs;

    const cpu = await idleCpu(largest, idleSeconds, GC_QUIET_SECONDS);
    record(
      `idle CPU (real clock, ${idleSeconds} s, own process, after ${GC_QUIET_SECONDS} s without GC)`,
      '5000 profiles',
      `${cpu.cpuMsPerMinute.toFixed(2)} ms/min`,
      '< 10 ms/min',
      cpu.cpuMsPerMinute < 10,
    );
    record(
      'CPU from the load until V8 stopped collecting its garbage',
      '5000 profiles',
      `${cpu.settleCpuMs.toFixed(1)} ms in ${cpu.settleSeconds.toFixed(1)} s`,
    );
    figures.idleCpu = cpu;

    const wakes = await idleWakeUps(largest);
    record(
      'idle: timer wake-ups in 24 h (fake clock, with renewals)',
      '50 sessions',
      `${wakes.wakeUps} (${wakes.stateChanges} state changes, ${wakes.renewalAttempts} renewals, ${wakes.idle} idle)`,
      '0 idle wake-ups',
      wakes.idle === 0,
    );
    figures.idleWakeUps = wakes;

    if (flag('--skip-renderer')) {
      record('renderer', '', 'skipped (--skip-renderer)');
    } else {
      const renderer: RendererFigures | string = await measureRenderer(quick ? 10 : 30);
      if (typeof renderer === 'string') {
        record('renderer', '', renderer);
      } else {
        const { firstRender, startup, keystroke } = renderer;
        record(
          'renderer: first render (snapshot -> list)',
          '5000 profiles',
          `${ms(firstRender.median)} (p95 ${ms(firstRender.p95)})`,
          '< 150 ms',
          firstRender.median < 150,
        );
        record(
          'renderer: startup (script -> list)',
          '5000 profiles',
          `${ms(startup.median)} (p95 ${ms(startup.p95)})`,
        );
        record(
          'renderer: filter keystroke',
          '5000 profiles',
          `p50 ${ms(keystroke.median)}, p95 ${ms(keystroke.p95)}`,
          'p95 < 16 ms',
          keystroke.p95 < 16,
        );
      }
      figures.renderer = renderer;
    }
  } finally {
    workloads.forEach((w) => w.cleanup());
  }

  printTable();
  if (jsonFile) {
    mkdirSync(path.dirname(path.resolve(jsonFile)), { recursive: true });
    writeFileSync(jsonFile, JSON.stringify({ ...figures, table: rows }, null, 2) + '\n');
    console.log(`\nfigures written to ${jsonFile}`);
  }
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
