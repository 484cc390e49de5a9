// The shared clock keeps one timeout for the earliest wake, whatever the
// number of texts waiting, and runs each wake once when it is due.
import { describe, expect, it } from 'vitest';
import { SharedClock, type TimerHost } from '../../../renderer/src/time/shared-clock';

/** A timer host whose time moves only when the test says so. */
function fakeHost() {
  let now = 1_000;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  const host: TimerHost = {
    now: () => now,
    setTimeout: (run, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].run();
    }
    now = end;
  };
  return { host, advance, timers };
}

describe('SharedClock', () => {
  it('holds one timeout for many wakes and runs each when due', () => {
    const { host, advance, timers } = fakeHost();
    const clock = new SharedClock(host);
    const ran: string[] = [];
    clock.wakeAt(1_000 + 5_000, () => ran.push('5s'));
    clock.wakeAt(1_000 + 60_000, () => ran.push('60s'));
    clock.wakeAt(1_000 + 5_000, () => ran.push('5s again'));
    expect(timers.size).toBe(1);
    advance(4_999);
    expect(ran).toEqual([]);
    advance(1);
    expect(ran).toEqual(['5s', '5s again']);
    expect(timers.size).toBe(1);
    advance(55_000);
    expect(ran).toEqual(['5s', '5s again', '60s']);
    expect(timers.size).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('a cancelled wake never runs, and with nothing waiting no timer is left', () => {
    const { host, advance, timers } = fakeHost();
    const clock = new SharedClock(host);
    const ran: string[] = [];
    const cancel = clock.wakeAt(2_000, () => ran.push('cancelled'));
    clock.wakeAt(3_000, () => ran.push('kept'));
    cancel();
    advance(5_000);
    expect(ran).toEqual(['kept']);
    expect(timers.size).toBe(0);
  });

  it('a wake beyond what setTimeout can wait is re-planned, not lost', () => {
    const { host, advance } = fakeHost();
    const clock = new SharedClock(host);
    const ran: number[] = [];
    const far = 1_000 + 40 * 24 * 3_600_000;
    clock.wakeAt(far, () => ran.push(host.now()));
    advance(30 * 24 * 3_600_000);
    expect(ran).toEqual([]);
    advance(10 * 24 * 3_600_000);
    expect(ran).toEqual([far]);
  });
});
