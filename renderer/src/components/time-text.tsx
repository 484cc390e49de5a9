// A time that reads differently as time passes ("7h 12m left", "3m ago"): a
// leaf that re-renders only when its own words change, woken by the window's
// one shared clock. Nothing above it re-renders for time.
import { useCallback, useSyncExternalStore } from 'react';
import { SharedClock } from '../time/shared-clock';
import { timedText, type TimeTextKind } from '../time/time-text';

const clock = new SharedClock({
  now: () => Date.now(),
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
});

// Timers sleep with the window (or the machine): read every text again on return.
const resumers = new Set<() => void>();
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') for (const resume of resumers) resume();
});

interface TimeTextProps {
  readonly kind: TimeTextKind;
  readonly iso: string | null;
  readonly id?: string;
  readonly className?: string;
  readonly testId?: string;
  /** Words before the time ("updated "), shown only when there is a time. */
  readonly prefix?: string;
}

function useTimeText(kind: TimeTextKind, iso: string | null): string {
  const subscribe = useCallback(
    (notify: () => void) => {
      let cancel = () => {};
      const arm = () => {
        const now = clock.now();
        const { changesIn } = timedText(kind, iso, now);
        cancel =
          changesIn === null
            ? () => {}
            : clock.wakeAt(now + changesIn, () => {
                notify();
                arm();
              });
      };
      arm();
      resumers.add(notify);
      return () => {
        cancel();
        resumers.delete(notify);
      };
    },
    [kind, iso],
  );
  // A string: React re-renders only when the words differ.
  return useSyncExternalStore(subscribe, () => timedText(kind, iso, clock.now()).text);
}

export function TimeText({ kind, iso, id, className, testId, prefix = '' }: TimeTextProps) {
  const text = useTimeText(kind, iso);
  return (
    <span id={id} className={`time-text${className ? ` ${className}` : ''}`} data-testid={testId}>
      {text ? `${prefix}${text}` : ''}
    </span>
  );
}
