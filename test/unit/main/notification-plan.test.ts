// The notification planner, driven through the real Notifier with a FakeClock
// (one timer, set for the next due warning) and the stand-in Notification class
// as the display: warnings come from time across lead times, expiry and sleep;
// outcomes (signed in, failed, needs a sign-in) from the core's events.

import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../app/shared/api';
import type { CoreEvent } from '../../../app/shared/events';
import type { Snapshot } from '../../../app/shared/model';
import {
  EMPTY_MEMORY,
  planNotifications,
  type NoticeAction,
} from '../../../app/main/notification-plan';
import { Notifier, type NotificationClass } from '../../../app/main/notifications';
import { Notification } from '../../support/electron-stand-in';
import { FakeClock } from '../../support/fake-clock';
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

function harness(initial: Snapshot, settings: Settings = settingsWith()) {
  const clock = new FakeClock(T0);
  let snapshot = initial;
  let current = settings;
  const actions: NoticeAction[] = [];
  Notification.instances.length = 0;
  const notifier = new Notifier({
    // The stand-in's Notification records what would be shown (test/support/electron-stand-in.ts).
    Notification: Notification as unknown as NotificationClass,
    clock,
    snapshot: () => snapshot,
    settings: () => current,
    onAction: (action) => actions.push(action),
  });
  const shown = () =>
    Notification.instances.map((n) => ({ title: n.options.title!, body: n.options.body! }));
  notifier.replan();
  return {
    clock,
    notifier,
    actions,
    shown,
    titles: () => shown().map((n) => n.title),
    /** Like the core emitting: the notifier re-plans on every snapshot. */
    emit(next: Snapshot) {
      snapshot = next;
      notifier.replan();
    },
    setSettings(next: Settings) {
      current = next;
      notifier.replan();
    },
    /** Like the core announcing an outcome. */
    event(event: CoreEvent) {
      notifier.onCoreEvent(event);
    },
  };
}

describe('notification plan across time', () => {
  it('warns 15 and 5 minutes before expiry and at expiry, each exactly once', () => {
    const h = harness(
      snapshotOf([sessionView('dev', { expiresInMs: HOUR, profiles: ['dev-admin'] })]),
    );
    h.clock.advance(45 * MINUTE - 1);
    expect(h.titles()).toEqual([]);
    h.clock.advance(1);
    expect(h.titles()).toEqual(['dev expires in 15m']);
    expect(h.shown()[0]!.body).toContain('(dev-admin)');
    h.clock.advance(10 * MINUTE);
    expect(h.titles()).toEqual(['dev expires in 15m', 'dev expires in 5m']);
    h.clock.advance(5 * MINUTE);
    expect(h.titles()).toEqual(['dev expires in 15m', 'dev expires in 5m', 'dev has expired']);
    h.clock.advance(5 * HOUR);
    expect(h.titles()).toHaveLength(3);
    // One timer per due notice: no polling in between.
    expect(h.clock.wakeUps).toBe(3);
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('re-planning on every snapshot never repeats a notice', () => {
    const snapshot = snapshotOf([sessionView('dev', { expiresInMs: 10 * MINUTE })]);
    const h = harness(snapshot);
    // Started 10 minutes before expiry: the 15-minute mark was before the app watched.
    expect(h.titles()).toEqual([]);
    h.clock.advance(5 * MINUTE);
    for (let i = 0; i < 5; i++) h.emit({ ...snapshot, version: i + 2 });
    expect(h.titles()).toEqual(['dev expires in 5m']);
  });

  it('honours the lead times from the settings', () => {
    const h = harness(
      snapshotOf([sessionView('dev', { expiresInMs: 2 * HOUR })]),
      settingsWith({ notificationLeadMinutes: [60] }),
    );
    h.clock.advance(HOUR);
    expect(h.titles()).toEqual(['dev expires in 1h']);
    h.setSettings(settingsWith({ notificationLeadMinutes: [60, 30] }));
    h.clock.advance(30 * MINUTE);
    expect(h.titles()).toEqual(['dev expires in 1h', 'dev expires in 30m']);
  });

  it('stays silent for a session that renews by itself', () => {
    const h = harness(snapshotOf([sessionView('dev', { expiresInMs: HOUR, renewal: RENEWS })]));
    h.clock.advance(3 * HOUR);
    expect(h.titles()).toEqual([]);
    expect(h.clock.wakeUps).toBe(0);
  });

  it('warns as usual when the core says renewal is off', () => {
    const off = { mode: 'off' as const, reason: 'Silent renewal is turned off in Preferences.' };
    const h = harness(snapshotOf([sessionView('dev', { expiresInMs: HOUR, renewal: off })]));
    h.clock.advance(HOUR);
    expect(h.titles()).toEqual(['dev expires in 15m', 'dev expires in 5m', 'dev has expired']);
  });

  it('says once that a browser sign-in is needed (the event), then counts down (the time)', () => {
    const session = sessionView('dev', { expiresInMs: HOUR, renewal: RENEWS });
    const h = harness(snapshotOf([session]));
    h.clock.advance(45 * MINUTE);
    expect(h.titles()).toEqual([]);
    const message = 'IAM Identity Center ended the session of dev; sign in again in the browser.';
    h.event({
      kind: 'needs-sign-in',
      at: h.clock.now(),
      session: 'dev',
      reason: 'session-ended',
      message,
      expiresAt: T0 + HOUR,
    });
    expect(h.titles()).toEqual(['dev needs you to sign in']);
    expect(h.shown()[0]!.body).toContain(message);
    // The core now says it cannot renew: it counts down like any session that will not renew.
    h.emit(snapshotOf([{ ...session, renewal: { mode: 'not-possible', reason: message } }]));
    expect(h.titles()).toHaveLength(1);
    h.clock.advance(10 * MINUTE);
    expect(h.titles()).toEqual(['dev needs you to sign in', 'dev expires in 5m']);
  });

  it('does not shout about a network hiccup, but warns before expiry while renewal keeps failing', () => {
    const session = sessionView('dev', { expiresInMs: HOUR, renewal: RENEWS });
    const h = harness(snapshotOf([session]));
    const message = 'Could not renew dev (network).';
    h.event({
      kind: 'renewal-failed',
      at: T0,
      session: 'dev',
      code: 'network',
      message,
      retryAt: T0 + MINUTE,
    });
    h.emit(
      snapshotOf([{ ...session, renewal: { mode: 'failing', reason: message, retryAt: at(T0) } }]),
    );
    expect(h.titles()).toEqual([]);
    h.clock.advance(45 * MINUTE);
    expect(h.titles()).toEqual(['dev expires in 15m']);
  });

  it('sends nothing for muted sessions', () => {
    const h = harness(
      snapshotOf([
        sessionView('dev', { expiresInMs: HOUR }),
        sessionView('sandbox', { expiresInMs: HOUR }),
      ]),
      settingsWith({ mutedSessions: ['sandbox'] }),
    );
    h.clock.advance(2 * HOUR);
    h.event({ kind: 'sign-in-failed', at: T0, session: 'sandbox', code: 'network', message: 'x' });
    expect(h.titles().every((t) => t.startsWith('dev'))).toBe(true);
    expect(h.titles()).toHaveLength(3);
  });

  it('holds warnings while a sign-in runs, then tells its outcome from the event', () => {
    const before = sessionView('dev', { expiresInMs: 20 * MINUTE });
    const h = harness(snapshotOf([before]));
    const signingIn = {
      ...before,
      signIn: { flow: 'pkce' as const, phase: 'waiting-for-browser' as const, startedAt: at(T0) },
    };
    h.emit(snapshotOf([signingIn]));
    h.clock.advance(6 * MINUTE); // past the 15-minute mark, still signing in
    expect(h.titles()).toEqual([]);
    const signedIn = sessionView('dev', { expiresInMs: 8 * HOUR, now: h.clock.now() });
    h.emit(snapshotOf([signedIn]));
    h.event({
      kind: 'signed-in',
      at: h.clock.now(),
      session: 'dev',
      flow: 'pkce',
      expiresAt: h.clock.now() + 8 * HOUR,
      message: 'Signed in to dev.',
    });
    expect(h.titles()).toEqual(['Signed in to dev']);
    expect(h.shown()[0]!.body).toContain('8h');
    h.clock.advance(HOUR);
    expect(h.titles()).toHaveLength(1);
  });

  it('tells a failed sign-in once with its message; a cancel or a browser that did not open, not at all', () => {
    const h = harness(snapshotOf([sessionView('dev', { expiresInMs: null })]));
    h.event({
      kind: 'sign-in-failed',
      at: T0,
      session: 'dev',
      code: 'access-denied',
      message: 'You declined the request.',
    });
    expect(h.titles()).toEqual(['Sign-in to dev failed']);
    expect(h.shown()[0]!.body).toBe('You declined the request. Click to try again.');
    h.event({ kind: 'sign-in-cancelled', at: T0, session: 'dev', message: 'Cancelled.' });
    h.event({
      kind: 'sign-in-failed',
      at: T0,
      session: 'dev',
      code: 'browser-failed',
      message: 'No browser.',
    });
    expect(h.titles()).toHaveLength(1);
  });

  it('never announces a token another tool wrote as a sign-in', () => {
    const h = harness(snapshotOf([sessionView('dev', { expiresInMs: null })]));
    h.clock.advance(2_000);
    h.emit(snapshotOf([sessionView('dev', { expiresInMs: 8 * HOUR, now: h.clock.now() })]));
    expect(h.titles()).toEqual([]);
  });

  it('after sleep, missed notices collapse: one per session, then one for all', () => {
    const h = harness(
      snapshotOf([
        sessionView('dev', { expiresInMs: HOUR }),
        sessionView('prod', { expiresInMs: 50 * MINUTE }),
      ]),
    );
    h.clock.jump(2 * HOUR); // asleep: no timer ran
    h.notifier.replan(); // powerMonitor 'resume'
    expect(h.titles()).toEqual(['2 sessions need attention']);
    expect(h.shown()[0]!.body).toBe('dev has expired; prod has expired');
    h.clock.advance(HOUR);
    expect(h.titles()).toHaveLength(1);
  });

  it('after sleep into the warning window, the late notice tells the real time left', () => {
    const h = harness(snapshotOf([sessionView('dev', { expiresInMs: HOUR })]));
    h.clock.jump(57 * MINUTE);
    h.notifier.replan();
    // Both lead times were missed: one notice with the truth.
    expect(h.titles()).toEqual(['dev expires in 3m']);
  });

  it('survives the clock stepping back: notices still come at the right wall time', () => {
    const h = harness(snapshotOf([sessionView('dev', { expiresInMs: HOUR })]));
    h.clock.advance(30 * MINUTE);
    h.clock.jump(-10 * MINUTE);
    h.clock.advance(15 * MINUTE);
    // A real setTimeout armed at 30m for 15 minutes fires now, at wall time 35m: too early.
    h.notifier.replan();
    expect(h.titles()).toEqual([]);
    expect(h.clock.nextDue()).toBe(T0 + 45 * MINUTE);
    h.clock.advance(10 * MINUTE); // wall time 45m
    expect(h.titles()).toEqual(['dev expires in 15m']);
  });

  it('does not report deadlines that passed before the app started', () => {
    const h = harness(
      snapshotOf([sessionView('old', { expiresInMs: -24 * HOUR, state: 'expired' })]),
    );
    h.clock.advance(HOUR);
    expect(h.titles()).toEqual([]);
  });

  it('a click asks for the sign-in of that session; the summary opens the window', () => {
    const h = harness(snapshotOf([sessionView('dev', { expiresInMs: 20 * MINUTE })]));
    h.clock.advance(5 * MINUTE);
    Notification.instances[0]!.click();
    Notification.instances[0]!.pressAction(0);
    expect(h.actions).toEqual([
      { kind: 'sign-in', session: 'dev' },
      { kind: 'sign-in', session: 'dev' },
    ]);
  });
});

describe('planNotifications (pure)', () => {
  it('names the next due time so main can set one timer', () => {
    const plan = planNotifications({
      snapshot: snapshotOf([
        sessionView('dev', { expiresInMs: HOUR }),
        sessionView('prod', { expiresInMs: 30 * MINUTE }),
      ]),
      settings: settingsWith(),
      now: T0,
      since: T0,
      memory: EMPTY_MEMORY,
    });
    expect(plan.due).toEqual([]);
    expect(plan.nextDueAt).toBe(T0 + 15 * MINUTE);
  });

  it('keeps its memory bounded to the tokens that still exist', () => {
    let memory = EMPTY_MEMORY;
    let now = T0;
    for (let i = 0; i < 50; i++) {
      const snapshot = snapshotOf([sessionView('dev', { expiresInMs: 4 * MINUTE, now })]);
      memory = planNotifications({
        snapshot,
        settings: settingsWith(),
        now,
        since: T0,
        memory,
      }).memory;
      now += HOUR;
    }
    expect(memory.delivered.size).toBeLessThanOrEqual(2);
  });

  it('reports nothing for a session without a token', () => {
    const plan = planNotifications({
      snapshot: snapshotOf([sessionView('dev', { expiresInMs: null })]),
      settings: settingsWith(),
      now: T0,
      since: T0,
      memory: EMPTY_MEMORY,
    });
    expect(plan).toMatchObject({ due: [], nextDueAt: null });
  });
});
