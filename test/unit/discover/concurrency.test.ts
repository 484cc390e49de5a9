// Bounded concurrency: never more than the limit in flight, results in input
// order, and no new call after the first failure.
import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from '../../../app/core/discover/concurrency';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('mapWithConcurrency', () => {
  it('keeps at most `limit` calls in flight and returns results in input order', async () => {
    const gates = Array.from({ length: 10 }, deferred);
    let inFlight = 0;
    let peak = 0;
    const started: number[] = [];
    const run = mapWithConcurrency(gates, 3, async (gate, index) => {
      started.push(index);
      inFlight++;
      peak = Math.max(peak, inFlight);
      await gate.promise;
      inFlight--;
      return index * 10;
    });
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    // Finish out of order: the next item starts as soon as a slot frees.
    for (const i of [2, 0, 1, 5, 3, 4, 9, 8, 7, 6]) {
      gates[i]!.resolve();
      await new Promise((r) => setImmediate(r));
    }
    expect(await run).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(peak).toBe(3);
  });

  it('starts nothing new after a failure and rejects with it', async () => {
    const started: number[] = [];
    const run = mapWithConcurrency([0, 1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      await new Promise((r) => setImmediate(r));
      if (item === 1) throw new Error('boom on 1');
      return item;
    });
    await expect(run).rejects.toThrow('boom on 1');
    expect(started).toEqual([0, 1, 2]);
  });

  it('handles an empty list and rejects a bad limit', async () => {
    expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
    await expect(mapWithConcurrency([1], 0, async () => 1)).rejects.toThrow(RangeError);
  });
});
