// Shows what the planner decides: warnings from time (one timer for the next
// due one, a fresh plan on every snapshot, settings change, wake from sleep and
// timer) and outcomes from the core's events, one notice each. Each
// Notification is kept referenced until it closes, or its click handler could
// be garbage-collected with it.

import type {
  Notification as ElectronNotification,
  NotificationConstructorOptions,
} from 'electron';
import type { Settings } from '../shared/api';
import type { Snapshot } from '../shared/model';
import type { Clock, TimerHandle } from '../core';
import type { CoreEvent } from '../shared/events';
import {
  EMPTY_MEMORY,
  markWarningsTold,
  noticeForEvent,
  planNotifications,
  toolsWaitingNotice,
  type Notice,
  type NoticeAction,
  type NotifierMemory,
} from './notification-plan';

export interface NotificationClass {
  new (options?: NotificationConstructorOptions): ElectronNotification;
  isSupported(): boolean;
}

export interface NotifierDeps {
  readonly Notification: NotificationClass;
  readonly clock: Clock;
  readonly snapshot: () => Snapshot;
  readonly settings: () => Settings;
  readonly onAction: (action: NoticeAction) => void;
  /** Icon shown in the notification (Linux and Windows). */
  readonly icon?: string;
}

/** Old notices are dropped from memory once this many are alive. */
const MAX_LIVE = 20;

/**
 * A storm of tools asking at once (five Terraform providers, say) becomes one
 * notice: it waits this long for the others, then counts them.
 */
export const WAITING_TOOLS_GATHER_MS = 2_000;

export class Notifier {
  private memory: NotifierMemory = EMPTY_MEMORY;
  private readonly since: number;
  private timer: TimerHandle | null = null;
  private readonly live = new Set<ElectronNotification>();
  /** Sessions whose waiting tools were told (or are about to be), until none waits. */
  private readonly waitsTold = new Map<string, TimerHandle | null>();
  private stopped = false;

  constructor(private readonly deps: NotifierDeps) {
    this.since = deps.clock.now();
  }

  /** Recomputes the plan, shows what is due, and arms one timer for the next notice. */
  replan(): void {
    if (this.stopped) return;
    this.forgetFinishedWaits();
    const now = this.deps.clock.now();
    const plan = planNotifications({
      snapshot: this.deps.snapshot(),
      settings: this.deps.settings(),
      now,
      since: this.since,
      memory: this.memory,
    });
    this.memory = plan.memory;
    for (const notice of plan.due) this.showNotice(notice);
    this.timer?.cancel();
    this.timer = null;
    if (plan.nextDueAt !== null) {
      this.timer = this.deps.clock.setTimer(
        Math.max(0, plan.nextDueAt - now),
        () => {
          this.timer = null;
          this.replan();
        },
        { background: true },
      );
    }
  }

  /** An outcome from the core (signed in, failed, needs a sign-in): at most one notice. */
  onCoreEvent(event: CoreEvent): void {
    if (this.stopped) return;
    if (event.kind === 'credentials-requested') return this.gatherWaitingTools(event.session);
    const input = {
      snapshot: this.deps.snapshot(),
      settings: this.deps.settings(),
      now: this.deps.clock.now(),
      since: this.since,
    };
    const notice = noticeForEvent(event, input.snapshot, input.settings, input.now);
    if (!notice) return;
    this.showNotice(notice);
    this.memory = markWarningsTold(this.memory, event, input);
  }

  /** One notice per episode of waiting tools, after a moment to count them. */
  private gatherWaitingTools(session: string): void {
    if (this.waitsTold.has(session) || this.deps.settings().mutedSessions.includes(session)) {
      return;
    }
    const timer = this.deps.clock.setTimer(
      WAITING_TOOLS_GATHER_MS,
      () => {
        this.waitsTold.set(session, null);
        const view = this.deps.snapshot().sessions.find((s) => s.name === session);
        if (view && view.waiting.length > 0) this.showNotice(toolsWaitingNotice(view));
      },
      { background: true },
    );
    this.waitsTold.set(session, timer);
  }

  /** A session nobody waits for any more may be told again next time. */
  private forgetFinishedWaits(): void {
    const sessions = this.deps.snapshot().sessions;
    for (const [session, timer] of this.waitsTold) {
      if (timer !== null) continue;
      const view = sessions.find((s) => s.name === session);
      if (!view || view.waiting.length === 0) this.waitsTold.delete(session);
    }
  }

  showNotice(notice: Notice): void {
    this.show(
      {
        title: notice.title,
        body: notice.body,
        actions: notice.signInButton ? [{ type: 'button', text: 'Sign in' }] : [],
      },
      () => this.deps.onAction(notice.action),
    );
  }

  /** A one-off message (an action that failed, a settings file that was reset). */
  showMessage(title: string, body: string, options: { silent?: boolean } = {}): void {
    this.show({ title, body, silent: options.silent ?? false }, () =>
      this.deps.onAction({ kind: 'open-window' }),
    );
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.waitsTold.values()) timer?.cancel();
    this.waitsTold.clear();
    this.timer?.cancel();
    this.timer = null;
    this.live.clear();
  }

  private show(options: NotificationConstructorOptions, onActivate: () => void): void {
    const { Notification } = this.deps;
    if (!Notification.isSupported()) return;
    const notification = new Notification({
      ...options,
      ...(this.deps.icon ? { icon: this.deps.icon } : {}),
    });
    this.live.add(notification);
    if (this.live.size > MAX_LIVE) {
      const oldest = this.live.values().next().value;
      if (oldest) this.live.delete(oldest);
    }
    notification.on('click', onActivate);
    // Action 0 is the "Sign in" button (macOS and Windows show buttons).
    notification.on('action', (_event, index) => {
      if (index === 0) onActivate();
    });
    notification.on('close', () => this.live.delete(notification));
    notification.show();
  }
}
