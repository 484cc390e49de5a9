// Time as an injectable dependency, so tests and benchmarks can drive it.

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  now(): number;
  /** Runs `fn` once after `ms`. Long delays are safe (setTimeout overflows past ~24.8 days). */
  setTimer(ms: number, fn: () => void): TimerHandle;
}

// setTimeout fires at once for delays above 2^31-1 ms; wake early and re-arm instead.
const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const due = Date.now() + ms;
    let handle: ReturnType<typeof setTimeout>;
    const arm = () => {
      const remaining = due - Date.now();
      handle = setTimeout(
        remaining > MAX_TIMER_MS ? arm : fn,
        Math.max(0, Math.min(remaining, MAX_TIMER_MS)),
      );
      // Timers never keep a CLI process alive on their own.
      handle.unref?.();
    };
    arm();
    return { cancel: () => clearTimeout(handle) };
  },
};
