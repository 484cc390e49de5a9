// Summary statistics for repeated measurements.
export interface Summary {
  readonly runs: number;
  readonly median: number;
  readonly p95: number;
  readonly min: number;
  readonly max: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return {
    runs: sorted.length,
    median: at(0.5),
    p95: at(0.95),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}

export async function sample(
  runs: number,
  warmup: number,
  measure: () => Promise<number>,
): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await measure();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await measure());
  return summarize(samples);
}

export interface Paired {
  readonly a: Summary;
  readonly b: Summary;
  /** a / b per pair: the runs alternate (a, b, a, b ...), so machine load hits both alike. */
  readonly ratio: Summary;
}

/** Alternating runs of two measurements and the median of their per-pair ratio. */
export async function paired(
  runs: number,
  warmup: number,
  measureA: () => Promise<number>,
  measureB: () => Promise<number>,
): Promise<Paired> {
  for (let i = 0; i < warmup; i++) {
    await measureA();
    await measureB();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(await measureA());
    b.push(await measureB());
  }
  return {
    a: summarize(a),
    b: summarize(b),
    ratio: summarize(a.map((value, i) => value / b[i]!)),
  };
}
