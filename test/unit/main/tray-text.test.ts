// Tray tooltip, macOS title, icon state and the one timer for the next change
// of any countdown the tray shows.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatTimeLeft,
  nextTimeLeftChange,
  nextTrayTextChange,
  TOOLTIP_MAX_LENGTH,
  trayTitle,
  trayTooltip,
} from '../../../app/main/tray-text';
import {
  TRAY_ICON_STATES,
  trayIconFileName,
  trayIconPath,
  trayIconState,
} from '../../../app/main/tray-icon';
import {
  HOUR,
  MINUTE,
  RENEWS,
  T0,
  at,
  sessionView,
  settingsWith,
  snapshotOf,
} from './snapshot-builders';

const ICON_DIR = fileURLToPath(new URL('../../../build/icons', import.meta.url));

describe('tooltip', () => {
  it('names each session with its time left or state', () => {
    const snapshot = snapshotOf([
      sessionView('dev', { expiresInMs: 7 * HOUR + 12 * MINUTE }),
      sessionView('prod', { expiresInMs: -HOUR }),
    ]);
    expect(trayTooltip(snapshot, T0)).toBe('2 sessions: dev 7h 12m, prod expired');
  });

  it('covers every state and a running sign-in', () => {
    const snapshot = snapshotOf([
      sessionView('a', { expiresInMs: 30_000 }),
      sessionView('b', { expiresInMs: null }),
      sessionView('c', { expiresInMs: null, state: 'invalid' }),
      sessionView('d', {
        expiresInMs: null,
        signIn: { flow: 'pkce', phase: 'registering', startedAt: at(T0) },
      }),
    ]);
    expect(trayTooltip(snapshot, T0)).toBe(
      '4 sessions: a <1m, b signed out, c unreadable token, d signing in',
    );
    expect(trayTooltip(snapshotOf([sessionView('x', { expiresInMs: 3 * 24 * HOUR })]), T0)).toBe(
      '1 session: x 3d',
    );
  });

  it('says when nothing is configured', () => {
    expect(trayTooltip(snapshotOf([]), T0)).toBe(
      'SSO Tray: no IAM Identity Center sessions configured',
    );
  });

  it('counts instead of naming when the names do not fit the OS limit', () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      sessionView(`a-rather-long-session-name-${i}`, { expiresInMs: i < 10 ? HOUR : -HOUR }),
    );
    const text = trayTooltip(snapshotOf(many), T0);
    expect(text).toBe('12 sessions: 10 valid, 2 need sign-in');
    expect(text.length).toBeLessThanOrEqual(TOOLTIP_MAX_LENGTH);
  });
});

describe('macOS title', () => {
  it('shows the shortest time left of a session that will not renew by itself', () => {
    const snapshot = snapshotOf([
      sessionView('renews', { expiresInMs: 10 * MINUTE, renewal: RENEWS }),
      sessionView('dev', { expiresInMs: 42 * MINUTE }),
      sessionView('prod', { expiresInMs: 3 * HOUR }),
      sessionView('gone', { expiresInMs: -HOUR }),
    ]);
    expect(trayTitle(snapshot, settingsWith(), T0)).toBe('42m');
    expect(trayTitle(snapshot, settingsWith({ mutedSessions: ['dev'] }), T0)).toBe('3h');
  });

  it('is empty when nothing counts down', () => {
    const snapshot = snapshotOf([sessionView('renews', { expiresInMs: HOUR, renewal: RENEWS })]);
    expect(trayTitle(snapshot, settingsWith(), T0)).toBe('');
  });
});

describe('next change of the shown countdowns', () => {
  it('is exactly when the minute (or, beyond a day, the hour) shown ticks over', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 * 24 * HOUR }), (left) => {
        const expiresAt = T0 + left;
        const next = nextTimeLeftChange(expiresAt, T0);
        const shown = (t: number) => formatTimeLeft(expiresAt - t);
        if (next === null) {
          // Under a minute: "<1m" until expiry, which the core reports as a state change.
          expect(left).toBeLessThan(MINUTE);
          return;
        }
        expect(next).toBeGreaterThan(T0);
        expect(shown(next)).not.toBe(shown(T0));
        expect(shown(next - 1)).toBe(shown(T0));
      }),
    );
  });

  it('takes the earliest countdown and ignores sessions without one', () => {
    const snapshot = snapshotOf([
      sessionView('a', { expiresInMs: 2 * HOUR + 30_000 }),
      sessionView('b', { expiresInMs: 5 * HOUR + 10_000 }),
      sessionView('c', { expiresInMs: -HOUR }),
    ]);
    expect(nextTrayTextChange(snapshot, T0)).toBe(T0 + 10_001);
    expect(
      nextTrayTextChange(snapshotOf([sessionView('c', { expiresInMs: null })]), T0),
    ).toBeNull();
  });
});

describe('tray icon', () => {
  const state = (...sessions: Parameters<typeof sessionView>[]) =>
    trayIconState(snapshotOf(sessions.map((args) => sessionView(...args))), settingsWith());

  it('shows the worst state at a glance', () => {
    expect(state()).toBe('not-configured');
    expect(state(['a', { expiresInMs: HOUR }])).toBe('ok');
    expect(state(['a', { expiresInMs: HOUR }], ['b', { expiresInMs: 5 * MINUTE }])).toBe(
      'expiring',
    );
    expect(state(['a', { expiresInMs: 5 * MINUTE }], ['b', { expiresInMs: -MINUTE }])).toBe(
      'needs-sign-in',
    );
    expect(state(['a', { expiresInMs: null, state: 'invalid' }])).toBe('needs-sign-in');
    expect(
      state(
        ['a', { expiresInMs: -MINUTE }],
        [
          'b',
          { expiresInMs: null, signIn: { flow: 'pkce', phase: 'registering', startedAt: at(T0) } },
        ],
      ),
    ).toBe('signing-in');
  });

  it('treats signed-out sessions as needing sign-in only when nothing is signed in', () => {
    expect(state(['a', { expiresInMs: null }])).toBe('needs-sign-in');
    expect(state(['a', { expiresInMs: null }], ['b', { expiresInMs: HOUR }])).toBe('ok');
  });

  it('ignores muted sessions', () => {
    const snapshot = snapshotOf([
      sessionView('a', { expiresInMs: HOUR }),
      sessionView('muted', { expiresInMs: -HOUR }),
    ]);
    expect(trayIconState(snapshot, settingsWith({ mutedSessions: ['muted'] }))).toBe('ok');
  });

  it('has an asset for every state on every platform, with its @2x sibling', () => {
    for (const s of TRAY_ICON_STATES) {
      for (const platform of ['darwin', 'win32', 'linux'] as const) {
        const file = trayIconPath(ICON_DIR, s, platform);
        expect(existsSync(file), file).toBe(true);
        expect(existsSync(file.replace(/\.png$/, '@2x.png')), file).toBe(true);
      }
    }
    expect(trayIconFileName('ok', 'darwin')).toBe('tray-okTemplate.png');
    expect(trayIconFileName('expiring', 'win32')).toBe('tray-expiring-16.png');
    expect(trayIconFileName('needs-sign-in', 'linux')).toBe('tray-needs-sign-in-32.png');
  });
});
