// Words for times the window shows, and when each will next change: a leaf
// re-renders at that moment, not on a fixed tick (see components/time-text.tsx).
import { describeExpiry, formatDuration } from '../../../app/shared/format';

export interface TimedText {
  readonly text: string;
  /** Milliseconds until the text changes; null when it never will. */
  readonly changesIn: number | null;
}

export type TimeTextKind = 'expiry' | 'ago';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** The smallest unit (in seconds) formatDuration shows for a whole number of seconds. */
function smallestUnitSeconds(seconds: number): number {
  if (seconds >= 86_400) return 3_600;
  if (seconds >= 60) return 60;
  return 1;
}

/** When a duration counting up from `elapsedMs` first reads differently. */
function nextChangeUp(elapsedMs: number): number {
  const seconds = Math.floor(elapsedMs / SECOND);
  const unit = smallestUnitSeconds(seconds);
  return (Math.floor(seconds / unit) + 1) * unit * SECOND - elapsedMs;
}

/** When a duration counting down from `remainingMs` (> 0) first reads differently. */
function nextChangeDown(remainingMs: number): number {
  const seconds = Math.floor(remainingMs / SECOND);
  const floor = Math.floor(seconds / smallestUnitSeconds(seconds)) * smallestUnitSeconds(seconds);
  // Below one second the next change is the expiry itself.
  return floor === 0 ? remainingMs : remainingMs - floor * SECOND + 1;
}

/** "7h 12m left", "expired 3h ago"; empty without a usable expiry (the state word says it). */
export function expiryText(iso: string | null, now: number): TimedText {
  const text = describeExpiry(iso, now);
  if (text === null || iso === null) return { text: '', changesIn: null };
  const at = Date.parse(iso);
  return { text, changesIn: at > now ? nextChangeDown(at - now) : nextChangeUp(now - at) };
}

/** "just now", "3m ago", "2h 5m ago"; empty without a time. */
export function agoText(iso: string | null, now: number): TimedText {
  const at = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(at)) return { text: '', changesIn: null };
  const elapsed = now - at;
  if (elapsed < MINUTE) return { text: 'just now', changesIn: MINUTE - elapsed };
  return { text: `${formatDuration(elapsed)} ago`, changesIn: nextChangeUp(elapsed) };
}

export function timedText(kind: TimeTextKind, iso: string | null, now: number): TimedText {
  return kind === 'expiry' ? expiryText(iso, now) : agoText(iso, now);
}
