// One summary line per category in the run output, so the figures of a run of
// `npm run test:reliability` can be read (and copied into the README) from it.
import { SCALE, SEED } from '../scale';

export type Figures = Readonly<Record<string, number | string>>;

export function reportFigures(category: string, figures: Figures): void {
  const parts = Object.entries(figures).map(([key, value]) => `${key}=${value}`);
  console.log(`[reliability] ${category} (scale ${SCALE}, seed ${SEED}): ${parts.join(', ')}`);
}

/**
 * Counts crashes in this test file's worker: promises rejected with nobody to
 * catch them, and exceptions nobody caught (vitest fails the run on either;
 * this puts the number in the figures).
 */
export function watchForCrashes(): { readonly count: number } {
  const counter = { count: 0 };
  process.on('unhandledRejection', () => counter.count++);
  process.on('uncaughtExceptionMonitor', () => counter.count++);
  return counter;
}
