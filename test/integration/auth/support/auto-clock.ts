// A FakeClock that lets short waits (device-flow polling) pass at once, in fake
// time: a timer of at most `autoAdvanceMs` is fired on the next turn of the event
// loop by moving the clock to its due time. Longer timers (expiry boundaries,
// renewal, loopback timeouts) wait for the test to call advance().
import type { TimerHandle } from '../../../../app/core/clock';
import { FakeClock } from '../../../support/fake-clock';

export class AutoClock extends FakeClock {
  /** Every delay a timer was set for, in order (fake milliseconds). */
  readonly delays: number[] = [];

  constructor(
    start?: number | string,
    private readonly autoAdvanceMs = 60_000,
  ) {
    super(start);
  }

  override setTimer(ms: number, fn: () => void): TimerHandle {
    this.delays.push(ms);
    const handle = super.setTimer(ms, fn);
    if (ms <= this.autoAdvanceMs) {
      const due = this.now() + Math.max(0, ms);
      setImmediate(() => {
        if (this.now() < due) this.advance(due - this.now());
        else this.advance(0);
      });
    }
    return handle;
  }
}
