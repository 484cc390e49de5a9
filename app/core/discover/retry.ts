// Retries for IAM Identity Center portal calls: throttling, 5xx and network
// failures are retried with exponential backoff and jitter; anything else (an
// expired token, a bad request) fails at once.

import { delay, systemClock } from '../clock';

export interface RetryPolicy {
  /** Total attempts, first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
};

export type FailureKind = 'throttled' | 'server' | 'network' | 'fatal';

const THROTTLING_NAMES = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'SlowDown',
]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNABORTED',
]);

export function classifyFailure(error: unknown): FailureKind {
  const e = error as {
    name?: unknown;
    code?: unknown;
    $metadata?: { httpStatusCode?: unknown };
    $retryable?: { throttling?: boolean };
  } | null;
  const status = typeof e?.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : 0;
  if ((typeof e?.name === 'string' && THROTTLING_NAMES.has(e.name)) || status === 429) {
    return 'throttled';
  }
  if (e?.$retryable?.throttling) return 'throttled';
  if (status >= 500) return 'server';
  if (typeof e?.code === 'string' && NETWORK_CODES.has(e.code)) return 'network';
  if (e?.name === 'TimeoutError' || e?.name === 'RequestTimeout') return 'network';
  return 'fatal';
}

/** Delay before attempt `attempt + 1` (attempt counts from 1): exponential, capped, half jitter. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

export interface RetryContext {
  readonly policy: RetryPolicy;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** Called before each retry (tests and logs; never with secrets). */
  readonly onRetry?: (info: { attempt: number; kind: FailureKind; delayMs: number }) => void;
}

export class RetriesExhausted extends Error {
  constructor(
    readonly kind: Exclude<FailureKind, 'fatal'>,
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(`gave up after ${attempts} attempts (${kind})`);
    this.name = 'RetriesExhausted';
  }
}

export async function withRetry<T>(call: () => Promise<T>, context: RetryContext): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const kind = classifyFailure(error);
      if (kind === 'fatal') throw error;
      if (attempt >= context.policy.maxAttempts) throw new RetriesExhausted(kind, attempt, error);
      const delayMs = backoffDelay(attempt, context.policy, context.random);
      context.onRetry?.({ attempt, kind, delayMs });
      await context.sleep(delayMs);
    }
  }
}

/** A wait between retries on the real clock (the calls it spaces out are real). */
export const realSleep = (ms: number): Promise<void> => delay(systemClock, ms);
