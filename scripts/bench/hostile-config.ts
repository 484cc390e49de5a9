// Time to read the huge and pathological config files of the reliability suite
// (test/reliability/support/big-configs.ts). The hostile-files test only checks
// that they are read without a throw; how long that takes is measured here.
import { performance } from 'node:perf_hooks';
import { buildConfigModel } from '../../app/core/config/config-model';
import { BIG_CONFIGS } from '../../test/reliability/support/big-configs';
import { sample, type Summary } from './stats';

export interface BigConfigFigure {
  readonly what: string;
  readonly bytes: number;
  readonly read: Summary;
}

/** Each file read `runs` times (no warm-up: the biggest take seconds, the work is not the JIT's). */
export async function bigConfigReads(runs: number): Promise<BigConfigFigure[]> {
  const figures: BigConfigFigure[] = [];
  for (const { what, make } of BIG_CONFIGS) {
    const bytes = make();
    const read = await sample(runs, 0, async () => {
      const start = performance.now();
      buildConfigModel(
        { path: '/bench/.aws/config', bytes },
        { path: '/bench/.aws/credentials', bytes: null },
      );
      return performance.now() - start;
    });
    figures.push({ what, bytes: bytes.length, read });
  }
  return figures;
}
