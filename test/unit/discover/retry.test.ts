// Which portal failures are retried, how long the backoff waits, and when it gives up.
import { describe, expect, it } from 'vitest';
import {
  RetriesExhausted,
  backoffDelay,
  classifyFailure,
  withRetry,
  type RetryContext,
} from '../../../app/core/discover/retry';

const sdkError = (name: string, status: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

function context(waits: number[]): RetryContext {
  return {
    policy: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 300 },
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 1,
  };
}

describe('classifying failures', () => {
  it.each([
    [sdkError('TooManyRequestsException', 429), 'throttled'],
    [sdkError('SomethingElse', 429), 'throttled'],
    [sdkError('InternalServerException', 500), 'server'],
    [sdkError('ServiceUnavailable', 503), 'server'],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'network'],
    [Object.assign(new Error('t'), { name: 'TimeoutError' }), 'network'],
    [sdkError('UnauthorizedException', 401), 'fatal'],
    [sdkError('InvalidRequestException', 400), 'fatal'],
    [new Error('plain bug'), 'fatal'],
  ])('%s is %s', (error, kind) => {
    expect(classifyFailure(error)).toBe(kind);
  });
});

describe('backoff', () => {
  it('doubles from the base, is capped, and jitters within the upper half', () => {
    const policy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy, () => 1))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect(backoffDelay(3, policy, () => 0)).toBe(200);
  });
});

describe('withRetry', () => {
  it('retries throttling until it succeeds, waiting between attempts', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(async () => {
      calls++;
      if (calls < 3) throw sdkError('TooManyRequestsException', 429);
      return 'ok';
    }, context(waits));
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(waits).toEqual([100, 200]);
  });

  it('gives up after the last attempt and says why', async () => {
    const waits: number[] = [];
    const error = await withRetry(async () => {
      throw sdkError('InternalServerException', 500);
    }, context(waits)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhausted);
    expect(error).toMatchObject({ kind: 'server', attempts: 4 });
    expect(waits).toEqual([100, 200, 300]);
  });

  it('does not retry an expired token', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw sdkError('UnauthorizedException', 401);
      }, context([])),
    ).rejects.toMatchObject({ name: 'UnauthorizedException' });
    expect(calls).toBe(1);
  });
});
