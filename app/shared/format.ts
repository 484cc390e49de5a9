// Small formatting helpers shared by the tray, the window and the CLI.

/** "7h 12m", "12m", "45s", "3d 4h": the two largest units of a duration. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  if (minutes > 0) return `${minutes}m`;
  return `${seconds}s`;
}

/** "7h 12m left" / "expired 3h ago" / null when there is no expiry. */
export function describeExpiry(expiresAt: string | null, now: number): string | null {
  if (!expiresAt) return null;
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return null;
  return at > now ? `${formatDuration(at - now)} left` : `expired ${formatDuration(now - at)} ago`;
}
