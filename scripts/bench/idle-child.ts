// Child process of the benchmark: an idle core on a workload HOME (watching,
// renewal on, nothing due). V8 collects the load's garbage in a few rounds
// over the first seconds or minute after the load (its memory reducer), at
// times that vary from run to run; that is the load's cost, not the idle
// cost. So the measurement starts once no GC has run for <quietSeconds>
// (at most MAX_SETTLE_SECONDS after the load), and reports how long that took
// and what it cost.
// Usage: node idle-child.mjs <home> <seconds> <quietSeconds>
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { openCore } from '../../app/core';

const MAX_SETTLE_SECONDS = 120;

const [home, seconds, quietSeconds] = process.argv.slice(2);
const wait = (s: number) => new Promise((resolve) => setTimeout(resolve, s * 1_000));

let lastGc = performance.now();
const gcs = new PerformanceObserver(() => (lastGc = performance.now()));
gcs.observe({ entryTypes: ['gc'] });

const core = await openCore({
  env: { HOME: home },
  settingsDir: path.join(home!, '.config', 'sso-tray'),
  watch: true,
});
const settleStart = process.cpuUsage();
const loaded = performance.now();
const quietMs = Number(quietSeconds) * 1_000;
while (
  performance.now() - lastGc < quietMs &&
  performance.now() - loaded < MAX_SETTLE_SECONDS * 1_000
) {
  await wait(Math.max(0.1, (quietMs - (performance.now() - lastGc)) / 1_000));
}
const settle = process.cpuUsage(settleStart);
const settledAfterMs = performance.now() - loaded;
const before = process.cpuUsage();
await wait(Number(seconds));
const used = process.cpuUsage(before);
gcs.disconnect();
await core.close();
const cpuMs = (used.user + used.system) / 1_000;
process.stdout.write(
  JSON.stringify({
    seconds: Number(seconds),
    quietSeconds: Number(quietSeconds),
    settleSeconds: settledAfterMs / 1_000,
    settleCpuMs: (settle.user + settle.system) / 1_000,
    cpuMs,
    cpuMsPerMinute: (cpuMs * 60) / Number(seconds),
  }),
);
