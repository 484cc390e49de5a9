// Words for times the window shows, built on the shared formatters.
import { describeExpiry, formatDuration } from '../../app/shared/format';
import type { SessionView } from '../../app/shared/model';

/** "7h 12m left", "expired 3h ago"; empty without a usable expiry (the state word says it). */
export function timeLeftText(session: SessionView, now: number): string {
  return describeExpiry(session.expiresAt, now) ?? '';
}

/** "signed in 2h ago", "signed in just now". */
export function agoText(iso: string | null, now: number): string | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  const ms = now - at;
  return ms < 60_000 ? 'just now' : `${formatDuration(ms)} ago`;
}
