// Deadlines and endpoints for every AWS call. The SDK's Node handler only logs
// a warning when `requestTimeout` passes unless `throwOnRequestTimeout` is set,
// so a server that accepts the connection and never answers would hang the
// caller forever; here both deadlines throw, and the timeout becomes one
// sentence naming who did not answer.

import type { Env } from '../env';

export interface NetworkDeadlines {
  /** To establish the connection. */
  readonly connectMs: number;
  /** For the answer, per attempt (the SDK retries a timed-out attempt). */
  readonly responseMs: number;
}

export const DEFAULT_DEADLINES: NetworkDeadlines = { connectMs: 5_000, responseMs: 20_000 };

/** `SSO_TRAY_NETWORK_TIMEOUT` (seconds) shortens or lengthens the answer deadline. */
export function deadlinesFromEnv(env: Env): NetworkDeadlines {
  const seconds = Number(env.SSO_TRAY_NETWORK_TIMEOUT);
  if (!env.SSO_TRAY_NETWORK_TIMEOUT || !(seconds > 0) || !Number.isFinite(seconds)) {
    return DEFAULT_DEADLINES;
  }
  const responseMs = Math.round(seconds * 1000);
  return { connectMs: Math.min(DEFAULT_DEADLINES.connectMs, responseMs), responseMs };
}

/** The SDK client's `requestHandler` settings for these deadlines. */
export function requestHandlerOptions(deadlines: NetworkDeadlines) {
  return {
    connectionTimeout: deadlines.connectMs,
    requestTimeout: deadlines.responseMs,
    throwOnRequestTimeout: true,
  };
}

/** A call that got no answer in time: the message names the service and its host. */
export class NoAnswerError extends Error {
  constructor(
    readonly service: string,
    readonly host: string,
    readonly seconds: number,
  ) {
    super(`${service} (${host}) did not answer within ${seconds} s.`);
    this.name = 'NoAnswerError';
  }
}

interface SdkErrorLike {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/**
 * The SDK's own deadline errors (connect or answer). Its Node handler also
 * names a dropped connection (ECONNRESET) `TimeoutError`, so the code and the
 * message decide, not the name.
 */
export function isTimeout(error: unknown): boolean {
  const e = error as (SdkErrorLike & { readonly message?: unknown }) | null;
  if (!e || e.$metadata?.httpStatusCode !== undefined) return false;
  if (e.code === 'ETIMEDOUT') return true;
  return typeof e.message === 'string' && /\btimed out\b|requestTimeout/.test(e.message);
}

/** `SSO OIDC` -> AWS_ENDPOINT_URL_SSO_OIDC, as the SDK derives it from the service id. */
export function configuredEndpoint(
  env: Env,
  serviceId: 'SSO OIDC' | 'SSO' | 'STS',
): string | undefined {
  if ((env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true') return undefined;
  const specific = env[`AWS_ENDPOINT_URL_${serviceId.toUpperCase().replace(/ /g, '_')}`];
  return specific || env.AWS_ENDPOINT_URL || undefined;
}

/** Host (and port) of a URL, for messages. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The calls in flight, by service and host: an overall deadline names what did not answer. */
export class PendingCalls {
  private readonly counts = new Map<string, number>();

  add(label: string): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
  }

  remove(label: string): void {
    const left = (this.counts.get(label) ?? 1) - 1;
    if (left > 0) this.counts.set(label, left);
    else this.counts.delete(label);
  }

  list(): string[] {
    return [...this.counts.keys()];
  }
}

/** What every AWS API needs: deadlines, and where to record calls in flight. */
export interface CallContext {
  readonly deadlines: NetworkDeadlines;
  readonly pending: PendingCalls;
}

/**
 * Runs one SDK call, recorded as pending while it runs, turning a timeout into
 * a NoAnswerError that names the service and the host it waited for.
 */
export async function answeredInTime<T>(
  service: string,
  host: () => Promise<string>,
  context: CallContext,
  run: () => Promise<T>,
): Promise<T> {
  const label = `${service} (${await host()})`;
  context.pending.add(label);
  try {
    return await run();
  } catch (error) {
    if (!isTimeout(error)) throw error;
    const seconds = Math.round(context.deadlines.responseMs / 100) / 10;
    throw new NoAnswerError(service, await host(), seconds);
  } finally {
    context.pending.remove(label);
  }
}
