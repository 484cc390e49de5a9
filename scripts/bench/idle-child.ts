// Child process of the benchmark: an idle core on a workload HOME (watching,
// renewal on, nothing due), CPU measured after the post-load GC settles.
// Usage: node idle-child.mjs <home> <seconds> <settleSeconds>
import path from 'node:path';
import { openCore } from '../../app/core';

const [home, seconds, settleSeconds] = process.argv.slice(2);
const wait = (s: number) => new Promise((resolve) => setTimeout(resolve, s * 1_000));

const core = await openCore({
  env: { HOME: home },
  settingsDir: path.join(home!, '.config', 'sso-tray'),
  watch: true,
});
const settleStart = process.cpuUsage();
await wait(Number(settleSeconds));
const settle = process.cpuUsage(settleStart);
const before = process.cpuUsage();
await wait(Number(seconds));
const used = process.cpuUsage(before);
await core.close();
const cpuMs = (used.user + used.system) / 1_000;
process.stdout.write(
  JSON.stringify({
    seconds: Number(seconds),
    settleSeconds: Number(settleSeconds),
    settleCpuMs: (settle.user + settle.system) / 1_000,
    cpuMs,
    cpuMsPerMinute: (cpuMs * 60) / Number(seconds),
  }),
);
