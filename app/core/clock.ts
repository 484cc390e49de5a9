// Time as an injectable dependency, so tests and benchmarks can drive it.
// Every timer goes through a Clock: the core's clock for app time (expiry,
// renewal, notices, sign-in waits), the real clock for I/O debounces.

export interface TimerHandle {
  cancel(): void;
}

export interface TimerOptions {
  /**
   * A background schedule (state boundaries, renewals, notices): it never keeps a
   * CLI process alive on its own. Waits inside a flow (a device-code poll, a
   * sign-in timeout) are not background: the process must live to see them.
   */
  readonly background?: boolean;
}

export interface Clock {
  now(): number;
  /** Runs `fn` once after `ms`. Long delays are safe (setTimeout overflows past ~24.8 days). */
  setTimer(ms: number, fn: () => void, options?: TimerOptions): TimerHandle;
}

// setTimeout fires at once for delays above 2^31-1 ms; wake early and re-arm instead.
const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn, options = {}) {
    const due = Date.now() + ms;
    let handle: ReturnType<typeof setTimeout>;
    const arm = () => {
      const remaining = due - Date.now();
      handle = setTimeout(
        remaining > MAX_TIMER_MS ? arm : fn,
        Math.max(0, Math.min(remaining, MAX_TIMER_MS)),
      );
      if (options.background) handle.unref?.();
    };
    arm();
    return { cancel: () => clearTimeout(handle) };
  },
};

/** Waits `ms` on `clock` (a flow's wait: keeps the process alive); rejects with the abort reason. */
export function delay(
  clock: Clock,
  ms: number,
  signal?: AbortSignal,
  abortReason: (signal: AbortSignal) => unknown = (s) => s.reason,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      timer.cancel();
      reject(abortReason(signal!));
    };
    const timer = clock.setTimer(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
