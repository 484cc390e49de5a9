// Silent renewal of refreshable sso-session tokens, ahead of expiry (default 15
// minutes before, like botocore), at most one attempt per minute per session,
// backing off on failures. One timer for the next due renewal, no polling.
// A refused refresh (InvalidGrantException: the Identity Center session ended)
// or an expired registration means a browser sign-in is needed: the session is
// left alone until its token changes, and listeners get a `needs-sign-in` event.
// Network trouble keeps the old token and retries later.

import { isRefreshable, type CachedToken, type NewToken } from '../cache/token-file';
import type { Clock, TimerHandle } from '../clock';
import type { SessionService } from '../service/session-service';
import { AuthError, toAuthError } from './auth-error';
import type { OidcClientPool } from './aws-clients';
import { refreshSessionToken } from './refresh-token';
import { resolveSignInTarget } from './sign-in-target';
import { writeCliToken } from './token-writer';

export const DEFAULT_RENEWAL_LEAD_MS = 15 * 60_000;
export const MIN_ATTEMPT_GAP_MS = 60_000;
export const MAX_BACKOFF_MS = 15 * 60_000;
/** The last-error codes this scheduler sets (see renew and needsSignIn). */
const RENEWAL_ERROR_CODES: ReadonlySet<string> = new Set([
  'renewal-failed',
  'session-ended',
  'registration-expired',
  'start-url-changed',
]);
const RIVAL_WRITE_CHECKS = 5;
const RIVAL_WRITE_WAIT_MS = 100;

export interface RenewalSettings {
  readonly enabled: boolean;
  /** Renew when less than this is left. */
  readonly leadMs: number;
}

export type NeedsSignInReason = 'session-ended' | 'registration-expired' | 'start-url-changed';

export type RenewalEvent =
  | { readonly kind: 'renewed'; readonly session: string; readonly expiresAt: number }
  | {
      readonly kind: 'needs-sign-in';
      readonly session: string;
      readonly reason: NeedsSignInReason;
      readonly message: string;
      /** When the current access token lapses (epoch ms). */
      readonly expiresAt: number;
    }
  | {
      readonly kind: 'failed';
      readonly session: string;
      readonly code: string;
      readonly message: string;
      readonly retryAt: number;
    };

export interface RenewalSchedulerOptions {
  readonly sessions: SessionService;
  readonly clients: OidcClientPool;
  readonly clock: Clock;
  /** A browser sign-in for this session is running: leave it alone. */
  readonly isSigningIn: (session: string) => boolean;
  readonly settings?: Partial<RenewalSettings>;
}

/** Wait before the next attempt: 1 min, then 1, 2, 4, 8 ... min after failures, at most 15. */
export function backoffMs(failures: number): number {
  return failures === 0
    ? MIN_ATTEMPT_GAP_MS
    : Math.min(MIN_ATTEMPT_GAP_MS * 2 ** (failures - 1), MAX_BACKOFF_MS);
}

interface SessionRenewalState {
  lastAttemptAt: number | null;
  failures: number;
  /** The access token we gave up on; renewal resumes when the file holds another. */
  blockedToken: string | null;
  seenToken: string | null;
  inFlight: Promise<void> | null;
  /**
   * A renewed token we could not write (disk full, read-only), and the access
   * token it replaces. Identity Center has already rotated the refresh token,
   * so the one on disk is spent: the next attempt writes this one instead of
   * refreshing again (issue 9: otherwise a full disk ended the session).
   */
  unsaved: { readonly from: string; readonly token: NewToken } | null;
}

export class RenewalScheduler {
  private settings: RenewalSettings;
  private readonly states = new Map<string, SessionRenewalState>();
  private readonly listeners = new Set<(event: RenewalEvent) => void>();
  private timer: TimerHandle | null = null;
  private armedAt: number | null = null;
  private unsubscribe: (() => void) | null = null;
  private closed = false;

  constructor(private readonly options: RenewalSchedulerOptions) {
    this.settings = {
      enabled: options.settings?.enabled ?? true,
      leadMs: options.settings?.leadMs ?? DEFAULT_RENEWAL_LEAD_MS,
    };
  }

  /** Follows the session service and renews as tokens come due. */
  start(): void {
    if (this.unsubscribe || this.closed) return;
    this.unsubscribe = this.options.sessions.onSnapshot(() => this.arm());
    this.arm();
  }

  configure(patch: Partial<RenewalSettings>): void {
    this.settings = { ...this.settings, ...patch };
    this.arm(true);
  }

  onEvent(listener: (event: RenewalEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Convenience for the notifier: only the events that need the user. */
  onNeedsSignIn(
    listener: (event: Extract<RenewalEvent, { kind: 'needs-sign-in' }>) => void,
  ): () => void {
    return this.onEvent((event) => {
      if (event.kind === 'needs-sign-in') listener(event);
    });
  }

  /** When the next renewal attempt of a session is due (epoch ms), or null. */
  nextAttemptAt(session: string): number | null {
    if (!this.settings.enabled) return null;
    const token = this.options.sessions.token(session);
    const config = this.options.sessions.sessionConfig(session);
    if (!token || config?.kind !== 'sso-session') return null;
    return this.dueAt(session, token);
  }

  /**
   * Renews now when the token is inside the renewal window (or already expired)
   * and renewal is possible, and waits for it; joins an attempt already running.
   * Callers about to use the token (role credentials) get a fresh one, as the
   * SDKs refresh on use. Never throws: a failed renewal leaves the old token.
   */
  async renewIfDue(session: string): Promise<void> {
    if (!this.settings.enabled || this.closed) return;
    const running = this.states.get(session)?.inFlight;
    if (running) return void (await running);
    const token = this.options.sessions.token(session);
    if (!token || this.options.sessions.sessionConfig(session)?.kind !== 'sso-session') return;
    const due = this.dueAt(session, token);
    if (due === null || due > this.options.clock.now()) return;
    this.attempt(session);
    await this.states.get(session)?.inFlight;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.timer?.cancel();
    this.timer = null;
    this.listeners.clear();
    await Promise.all([...this.states.values()].map((s) => s.inFlight));
  }

  private state(session: string): SessionRenewalState {
    let state = this.states.get(session);
    if (!state) {
      state = {
        lastAttemptAt: null,
        failures: 0,
        blockedToken: null,
        seenToken: null,
        inFlight: null,
        unsaved: null,
      };
      this.states.set(session, state);
    }
    return state;
  }

  private dueAt(session: string, token: CachedToken): number | null {
    const state = this.state(session);
    if (state.seenToken !== token.accessToken) {
      // Someone (us, a sign-in, the AWS CLI) wrote a new token: start afresh.
      if (state.seenToken !== null) this.clearRenewalError(session);
      state.seenToken = token.accessToken;
      state.failures = 0;
    }
    if (!token.refreshToken) return null;
    if (state.blockedToken === token.accessToken) return null;
    const due = token.expiresAt - this.settings.leadMs;
    if (state.lastAttemptAt === null) return due;
    return Math.max(due, state.lastAttemptAt + backoffMs(state.failures));
  }

  /**
   * A new token makes our "could not renew" or "sign in again" moot (issue 9: it
   * stayed on a valid session after `aws sso login`). Deferred: this runs inside
   * a snapshot listener, and publishing from there would reorder snapshots.
   */
  private clearRenewalError(session: string): void {
    queueMicrotask(() => {
      if (this.closed) return;
      const shown = this.options.sessions.snapshot().sessions.find((s) => s.name === session);
      if (shown?.lastError && RENEWAL_ERROR_CODES.has(shown.lastError.code)) {
        this.options.sessions.setLastError(session, null);
      }
    });
  }

  /** One timer for the earliest due renewal; re-armed only when that time changes. */
  private arm(force = false): void {
    if (this.closed) return;
    let next: number | null = null;
    if (this.settings.enabled) {
      for (const session of this.options.sessions.config().sessions) {
        if (session.kind !== 'sso-session') continue;
        const token = this.options.sessions.token(session.name);
        // A renewal in flight re-arms when it finishes.
        const at =
          token && !this.states.get(session.name)?.inFlight
            ? this.dueAt(session.name, token)
            : null;
        if (at !== null && (next === null || at < next)) next = at;
      }
    }
    if (!force && next === this.armedAt && (next === null || this.timer)) return;
    this.timer?.cancel();
    this.timer = null;
    this.armedAt = next;
    if (next === null) return;
    this.timer = this.options.clock.setTimer(Math.max(0, next - this.options.clock.now()), () => {
      this.timer = null;
      this.armedAt = null;
      this.fire();
    });
  }

  private fire(): void {
    const now = this.options.clock.now();
    for (const session of this.options.sessions.config().sessions) {
      if (session.kind !== 'sso-session') continue;
      const token = this.options.sessions.token(session.name);
      const at = token ? this.dueAt(session.name, token) : null;
      if (at !== null && at <= now) this.attempt(session.name);
    }
    this.arm();
  }

  private attempt(session: string): void {
    const state = this.state(session);
    if (state.inFlight || this.options.isSigningIn(session)) return;
    state.inFlight = this.renew(session, state)
      .catch(() => null)
      .then((event) => {
        // Settle first, so a listener that reacts (or a test that advances time) sees the plan.
        state.inFlight = null;
        this.arm();
        if (event) this.emit(event);
      });
  }

  private async renew(session: string, state: SessionRenewalState): Promise<RenewalEvent | null> {
    const { sessions, clock } = this.options;
    // Another tool may have renewed it already: decide on what is on disk now.
    await sessions.reloadSession(session);
    const token = sessions.token(session);
    if (this.closed || !token?.refreshToken) return null;
    const now = clock.now();
    if (token.expiresAt - now > this.settings.leadMs) return null;

    let target;
    try {
      target = resolveSignInTarget(sessions.config(), session);
    } catch {
      return null; // the config changed under us; the next snapshot re-plans
    }
    if (token.startUrl !== null && token.startUrl !== target.startUrl) {
      return this.needsSignIn(
        session,
        token,
        'start-url-changed',
        `The cached sign-in of ${session} is for ${token.startUrl}, but the config now says ${target.startUrl}; sign in again.`,
      );
    }
    if (!isRefreshable(token, now)) {
      const expired = token.registrationExpiresAt !== null && token.registrationExpiresAt <= now;
      return this.needsSignIn(
        session,
        token,
        'registration-expired',
        expired
          ? `The client registration of ${session} has expired, so it cannot be renewed silently; sign in again.`
          : `The cached sign-in of ${session} lacks the client registration a renewal needs; sign in again.`,
      );
    }

    state.lastAttemptAt = now;
    // Another tool replaced the token since: what we could not write is stale.
    if (state.unsaved && state.unsaved.from !== token.accessToken) state.unsaved = null;
    const pending =
      state.unsaved && state.unsaved.token.expiresAt > now ? state.unsaved.token : null;
    try {
      const renewed =
        pending ??
        (await refreshSessionToken({
          client: this.options.clients.get(target.region),
          target,
          token,
          now: () => clock.now(),
        }));
      // Kept until it is on disk; written even while closing (close() waits for it),
      // because the refresh token on disk no longer works.
      state.unsaved = { from: token.accessToken, token: renewed };
      await writeCliToken(sessions.paths.cacheDir, session, renewed);
      state.unsaved = null;
      await sessions.reloadSession(session);
      state.failures = 0;
      sessions.setLastError(session, null);
      return { kind: 'renewed', session, expiresAt: renewed.expiresAt };
    } catch (error) {
      const failure = error instanceof AuthError ? error : toAuthError(error, `renew ${session}`);
      if (failure.code === 'session-ended' && (await this.renewedElsewhere(session, token))) {
        // The AWS CLI or another SSO Tray refreshed with the same (rotating) refresh
        // token first: the session is fine, nothing to tell the user (issue 9).
        state.failures = 0;
        sessions.setLastError(session, null);
        return null;
      }
      if (failure.code === 'session-ended' || failure.code === 'registration-rejected') {
        return this.needsSignIn(
          session,
          token,
          'session-ended',
          `IAM Identity Center ended the session of ${session}; sign in again in the browser.`,
        );
      }
      state.failures++;
      const retryAt = Math.max(
        token.expiresAt - this.settings.leadMs,
        now + backoffMs(state.failures),
      );
      const message = `Could not renew ${session} (${failure.code}); the current sign-in stays in use and renewal is retried at ${new Date(retryAt).toISOString()}.`;
      sessions.setLastError(session, { code: 'renewal-failed', message });
      return { kind: 'failed', session, code: failure.code, message, retryAt };
    }
  }

  /**
   * Whether the token file now holds another token than the one we tried to
   * renew. A rival writer gets its answer at about the time we get our
   * refusal, so its write may land a moment later: re-read a few times, in
   * real time (a file write, not a schedule on the app's clock).
   */
  private async renewedElsewhere(session: string, token: CachedToken): Promise<boolean> {
    for (let check = 0; check < RIVAL_WRITE_CHECKS; check++) {
      if (check > 0) await new Promise((resolve) => setTimeout(resolve, RIVAL_WRITE_WAIT_MS));
      await this.options.sessions.reloadSession(session);
      const current = this.options.sessions.token(session);
      if (current && current.accessToken !== token.accessToken) return true;
    }
    return false;
  }

  /** Gives up on this token until the file holds another; the event goes out once. */
  private needsSignIn(
    session: string,
    token: CachedToken,
    reason: NeedsSignInReason,
    message: string,
  ): RenewalEvent | null {
    const state = this.state(session);
    if (state.blockedToken === token.accessToken) return null;
    state.blockedToken = token.accessToken;
    this.options.sessions.setRenewalRefused(session, token.accessToken);
    this.options.sessions.setLastError(session, { code: reason, message });
    return { kind: 'needs-sign-in', session, reason, message, expiresAt: token.expiresAt };
  }

  private emit(event: RenewalEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A listener's failure must not stop renewal.
      }
    }
  }
}
