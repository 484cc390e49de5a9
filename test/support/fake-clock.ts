// A clock the test drives. Counts how often a timer woke the code up, so tests
// and the benchmark can prove there is no polling.
import type { Clock, TimerHandle } from '../../app/core/clock';

interface PendingTimer {
  readonly id: number;
  readonly due: number;
  readonly fn: () => void;
}

export class FakeClock implements Clock {
  private time: number;
  private nextId = 1;
  private timers: PendingTimer[] = [];
  /** Number of timer callbacks that have run. */
  wakeUps = 0;

  constructor(start: number | string = '2026-01-01T12:00:00Z') {
    this.time = typeof start === 'number' ? start : Date.parse(start);
  }

  now(): number {
    return this.time;
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    const timer = { id: this.nextId++, due: this.time + Math.max(0, ms), fn };
    this.timers.push(timer);
    return { cancel: () => (this.timers = this.timers.filter((t) => t.id !== timer.id)) };
  }

  pendingTimers(): number {
    return this.timers.length;
  }

  /** The time the next timer is due, or null. */
  nextDue(): number | null {
    return this.timers.length ? Math.min(...this.timers.map((t) => t.due)) : null;
  }

  /** Moves time forward, running every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers
        .filter((t) => t.due <= end)
        .sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t.id !== due.id);
      this.time = Math.max(this.time, due.due);
      this.wakeUps++;
      due.fn();
    }
    this.time = end;
  }

  /** Jumps the wall clock without running timers (sleep/resume, NTP step). */
  jump(ms: number): void {
    this.time += ms;
  }
}
