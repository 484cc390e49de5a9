// `npm test`: runs every stage (build, typecheck, lint, unit, e2e) even when an
// earlier one fails, so one red unit test does not hide the browser tests, then
// prints one line per stage and exits non-zero if any failed. Only a failed
// build stops the rest: nothing else can run without it.
import { spawnSync } from 'node:child_process';

const STAGES = [
  { name: 'build', script: 'build', required: true },
  { name: 'typecheck', script: 'typecheck' },
  { name: 'lint', script: 'lint' },
  { name: 'unit', script: 'test:unit' },
  { name: 'e2e', script: 'test:e2e' },
];

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const results = [];
let stopped = false;

for (const stage of STAGES) {
  if (stopped) {
    results.push({ ...stage, outcome: 'skipped (the build failed)' });
    continue;
  }
  process.stdout.write(`\n=== ${stage.name}: npm run ${stage.script}\n`);
  const started = Date.now();
  const run = spawnSync(npm, ['run', stage.script], { stdio: 'inherit' });
  const seconds = Math.round((Date.now() - started) / 1000);
  const passed = run.status === 0;
  const why = run.error
    ? run.error.message
    : run.signal
      ? `killed by ${run.signal}`
      : `exit ${run.status}`;
  results.push({
    ...stage,
    passed,
    outcome: passed ? `passed (${seconds} s)` : `FAILED (${why}, ${seconds} s)`,
  });
  if (!passed && stage.required) stopped = true;
}

process.stdout.write('\n=== npm test summary\n');
for (const { name, outcome } of results) process.stdout.write(`${name.padEnd(10)} ${outcome}\n`);
const failed = results.filter((r) => r.passed !== true).map((r) => r.name);
process.stdout.write(
  failed.length === 0 ? 'all stages passed\n' : `failed or skipped: ${failed.join(', ')}\n`,
);
process.exit(failed.length === 0 ? 0 : 1);
