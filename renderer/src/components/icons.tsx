// Inline SVG icons (no icon font, nothing fetched). Decorative: every control
// that shows one also has an accessible name.
import type { SessionState } from '../../../app/shared/model';

const PATHS = {
  check: 'M5 12.5l4.5 4.5L19 7.5',
  warning: 'M12 4l9 16H3zM12 10v4.5M12 17.5v.5',
  cross: 'M6 6l12 12M18 6L6 18',
  circle: 'M12 4a8 8 0 1 0 0 16a8 8 0 1 0 0-16',
  alert: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M12 7.5v6M12 16.5v.5',
  copy: 'M9 9h10v11H9zM5 15V4h10',
  sliders: 'M4 7h10M18 7h2M4 17h4M12 17h8M16 5v4M10 15v4',
  external: 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6',
  stethoscope: 'M6 4v6a4 4 0 0 0 8 0V4M10 14v2a4 4 0 0 0 8 0v-3M18 13a2 2 0 1 0 0-4a2 2 0 1 0 0 4',
  star: 'M12 3.5l2.6 5.5 6 .7-4.5 4.1 1.2 5.9L12 16.8 6.7 19.7l1.2-5.9L3.4 9.7l6-.7z',
  signOut: 'M10 4H5v16h5M15 8l4 4-4 4M19 12H9',
  search: 'M10.5 4a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13M15.5 15.5L20 20',
  chevron: 'M9 6l6 6-6 6',
  discover: 'M4 6h16M4 12h10M4 18h7M17 14v6M14 17h6',
  gear: 'M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1',
  back: 'M15 6l-6 6 6 6',
  refresh: 'M20 11a8 8 0 1 0-2.3 5.7M20 5v6h-6',
  spinner: 'M12 3a9 9 0 1 0 9 9',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  keyboard: 'M3 7h18v10H3zM7 10h.01M11 10h.01M15 10h.01M7 14h10',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, filled = false }: { name: IconName; filled?: boolean }) {
  return (
    <svg
      className={`icon icon-${name}`}
      viewBox="0 0 24 24"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d={PATHS[name]}
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export const STATE_ICON: Readonly<Record<SessionState, IconName>> = {
  valid: 'check',
  expiring: 'warning',
  expired: 'cross',
  'signed-out': 'circle',
  invalid: 'alert',
};
