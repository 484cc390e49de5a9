// One timer for every time text in the window: each asks to be woken when its
// own text changes, and the clock keeps a single timeout for the earliest of
// those moments. Nothing ticks while no text is about to change.

export interface TimerHost {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

interface Wake {
  readonly at: number;
  readonly run: () => void;
}

// setTimeout cannot wait longer than this; a later wake re-plans when it fires.
const LONGEST_TIMEOUT_MS = 2 ** 31 - 1;

export class SharedClock {
  private readonly wakes = new Set<Wake>();
  private timer: unknown = null;
  private timerAt = Number.POSITIVE_INFINITY;

  constructor(private readonly host: TimerHost) {}

  now(): number {
    return this.host.now();
  }

  /** Runs `run` once, at or after `at` (epoch ms). Returns the cancel function. */
  wakeAt(at: number, run: () => void): () => void {
    const wake: Wake = { at, run };
    this.wakes.add(wake);
    this.plan();
    return () => {
      if (this.wakes.delete(wake)) this.plan();
    };
  }

  /** How many wakes are waiting (for tests). */
  get pending(): number {
    return this.wakes.size;
  }

  private plan(): void {
    let next = Number.POSITIVE_INFINITY;
    for (const wake of this.wakes) next = Math.min(next, wake.at);
    if (next === this.timerAt) return;
    if (this.timer !== null) this.host.clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = next;
    if (next === Number.POSITIVE_INFINITY) return;
    const delay = Math.min(LONGEST_TIMEOUT_MS, Math.max(0, next - this.host.now()));
    this.timer = this.host.setTimeout(() => this.fire(), delay);
  }

  private fire(): void {
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
    const now = this.host.now();
    const due = [...this.wakes].filter((wake) => wake.at <= now);
    for (const wake of due) this.wakes.delete(wake);
    for (const wake of due) wake.run();
    this.plan();
  }
}
