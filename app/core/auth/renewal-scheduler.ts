// Silent renewal of refreshable sso-session tokens, ahead of expiry (default 15
// minutes before, like botocore), at most one attempt per minute per session,
// backing off on failures. One background timer for the next due renewal, no
// polling; it re-plans when the files change (never from inside a snapshot).
// A refused refresh (InvalidGrantException: the Identity Center session ended)
// or an expired registration means a browser sign-in is needed: the token is
// left alone until the file holds another, and a `needs-sign-in` event goes out
// once. Network trouble keeps the old token and retries later. What it knows
// about each session's current token feeds the renewal truth (renewal-status.ts).

import type { CoreEvent, NeedsSignInReason } from '../../shared/events';
import type { OidcApiPool } from '../aws/oidc-api';
import { delay, systemClock, type Clock, type TimerHandle } from '../clock';
import type { AwsFiles } from '../sessions/aws-files';
import { isRefreshable, type CachedToken, type NewToken } from '../token-cache/token-file';
import { writeCliToken } from '../token-cache/token-writer';
import { AuthError, toAuthError } from './auth-error';
import { refreshSessionToken } from './refresh-token';
import type { RenewalTrouble } from './renewal-status';
import { resolveSignInTarget } from './sign-in-target';

export const DEFAULT_RENEWAL_LEAD_MS = 15 * 60_000;
export const MIN_ATTEMPT_GAP_MS = 60_000;
export const MAX_BACKOFF_MS = 15 * 60_000;
const RIVAL_WRITE_CHECKS = 5;
const RIVAL_WRITE_WAIT_MS = 100;

export interface RenewalSettings {
  readonly enabled: boolean;
  /** Renew when less than this is left. */
  readonly leadMs: number;
}

export interface RenewalSchedulerOptions {
  readonly files: AwsFiles;
  readonly oidc: OidcApiPool;
  readonly clock: Clock;
  /** A browser sign-in for this session is running: leave it alone. */
  readonly isSigningIn: (session: string) => boolean;
  /** The user's settings, read at each decision. */
  readonly settings: () => RenewalSettings;
  readonly emit: (event: CoreEvent) => void;
  /** What the scheduler knows about a session changed: the snapshot needs rebuilding. */
  readonly changed: () => void;
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
  /** The access token whose renewal failed, and why (cleared when the file holds another). */
  trouble: { readonly token: string; readonly trouble: RenewalTrouble } | null;
  seenToken: string | null;
  inFlight: Promise<void> | null;
  /**
   * A renewed token we could not write (disk full, read-only), and the access
   * token it replaces. Identity Center has already rotated the refresh token,
   * so the one on disk is spent: the next attempt writes this one instead of
   * refreshing again (otherwise a full disk would end the session).
   */
  unsaved: { readonly from: string; readonly token: NewToken } | null;
}

export class RenewalScheduler {
  private readonly states = new Map<string, SessionRenewalState>();
  private timer: TimerHandle | null = null;
  private armedAt: number | null = null;
  private unsubscribe: (() => void) | null = null;
  private closed = false;
  /** Aborts renewal requests in flight on close (a write already under way still finishes). */
  private readonly stopping = new AbortController();

  constructor(private readonly options: RenewalSchedulerOptions) {}

  /** Follows the files and renews as tokens come due. */
  start(): void {
    if (this.unsubscribe || this.closed) return;
    this.unsubscribe = this.options.files.onChange(() => this.arm());
    this.arm();
  }

  /** The user changed the renewal settings: plan again. */
  settingsChanged(): void {
    this.arm(true);
    this.options.changed();
  }

  /** A renewal of this session is under way, and when it ends. */
  inFlight(session: string): Promise<void> | null {
    return this.states.get(session)?.inFlight ?? null;
  }

  /** What went wrong renewing the session's current token, if anything. */
  troubleOf(session: string): RenewalTrouble | null {
    const state = this.states.get(session);
    const token = this.options.files.token(session);
    if (!state?.trouble || !token || state.trouble.token !== token.accessToken) return null;
    return state.trouble.trouble;
  }

  /**
   * Renews now when the token is inside the renewal window (or already expired)
   * and renewal is possible, and waits for it; joins an attempt already running.
   * Callers about to use the token (role credentials) get a fresh one, as the
   * SDKs refresh on use. Never throws: a failed renewal leaves the old token.
   */
  async renewIfDue(session: string): Promise<void> {
    if (!this.options.settings().enabled || this.closed) return;
    const running = this.states.get(session)?.inFlight;
    if (running) return void (await running);
    const token = this.options.files.token(session);
    if (!token || this.options.files.sessionConfig(session)?.kind !== 'sso-session') return;
    const due = this.dueAt(session, token);
    if (due === null || due > this.options.clock.now()) return;
    this.attempt(session);
    await this.states.get(session)?.inFlight;
  }

  /**
   * Renews now, however much time is left (the user asked): the outcome as an
   * event (renewed, renewal-failed, needs-sign-in), or null when there is
   * nothing to renew (no refresh token, a legacy session, closing).
   */
  async renewNow(session: string): Promise<CoreEvent | null> {
    if (this.closed || this.options.files.sessionConfig(session)?.kind !== 'sso-session') {
      return null;
    }
    const state = this.state(session);
    if (state.inFlight) {
      await state.inFlight;
      return null;
    }
    let outcome: CoreEvent | null = null;
    this.attempt(session, { force: true, report: (event) => (outcome = event) });
    await state.inFlight;
    return outcome;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopping.abort();
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.timer?.cancel();
    this.timer = null;
    await Promise.all([...this.states.values()].map((s) => s.inFlight));
  }

  private state(session: string): SessionRenewalState {
    let state = this.states.get(session);
    if (!state) {
      state = {
        lastAttemptAt: null,
        failures: 0,
        trouble: null,
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
      state.seenToken = token.accessToken;
      state.failures = 0;
    }
    if (!token.refreshToken) return null;
    if (state.trouble?.token === token.accessToken && state.trouble.trouble.kind === 'refused') {
      return null;
    }
    const due = token.expiresAt - this.options.settings().leadMs;
    if (state.lastAttemptAt === null) return due;
    return Math.max(due, state.lastAttemptAt + backoffMs(state.failures));
  }

  /** One background timer for the earliest due renewal; re-armed only when that time changes. */
  private arm(force = false): void {
    if (this.closed) return;
    let next: number | null = null;
    if (this.options.settings().enabled) {
      for (const session of this.options.files.config().sessions) {
        if (session.kind !== 'sso-session') continue;
        const token = this.options.files.token(session.name);
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
    this.timer = this.options.clock.setTimer(
      Math.max(0, next - this.options.clock.now()),
      () => {
        this.timer = null;
        this.armedAt = null;
        this.fire();
      },
      { background: true },
    );
  }

  private fire(): void {
    const now = this.options.clock.now();
    for (const session of this.options.files.config().sessions) {
      if (session.kind !== 'sso-session') continue;
      const token = this.options.files.token(session.name);
      const at = token ? this.dueAt(session.name, token) : null;
      if (at !== null && at <= now) this.attempt(session.name);
    }
    this.arm();
  }

  private attempt(
    session: string,
    options: { force?: boolean; report?: (event: CoreEvent | null) => void } = {},
  ): void {
    const state = this.state(session);
    if (state.inFlight || this.options.isSigningIn(session)) return;
    state.inFlight = this.renew(session, state, options.force === true)
      .catch(() => null)
      .then((event) => {
        options.report?.(event);
        // Settle first, so a listener that reacts (or a test that advances time) sees the plan.
        state.inFlight = null;
        this.arm();
        // The outcome first, then the state it leads to: a view that tells the user
        // "sign in" can then hold back the warnings the new state would repeat.
        if (event) this.options.emit(event);
        this.options.changed();
      });
  }

  private setTrouble(state: SessionRenewalState, token: string, trouble: RenewalTrouble | null) {
    state.trouble = trouble ? { token, trouble } : null;
  }

  private async renew(
    session: string,
    state: SessionRenewalState,
    force: boolean,
  ): Promise<CoreEvent | null> {
    const { files, clock } = this.options;
    // Another tool may have renewed it already: decide on what is on disk now.
    await files.reloadSession(session);
    const token = files.token(session);
    if (this.closed || !token?.refreshToken) return null;
    const now = clock.now();
    if (!force && token.expiresAt - now > this.options.settings().leadMs) return null;

    let target;
    try {
      target = resolveSignInTarget(files.config(), session);
    } catch {
      return null; // the config changed under us; the next change re-plans
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
          oidc: this.options.oidc.get(target.region),
          target,
          token,
          now: () => clock.now(),
          signal: this.stopping.signal,
        }));
      // Kept until it is on disk; written even while closing (close() waits for it),
      // because the refresh token on disk no longer works.
      state.unsaved = { from: token.accessToken, token: renewed };
      await writeCliToken(files.paths.cacheDir, session, renewed);
      state.unsaved = null;
      await files.reloadSession(session);
      state.failures = 0;
      this.setTrouble(state, token.accessToken, null);
      return {
        kind: 'renewed',
        at: clock.now(),
        session,
        expiresAt: renewed.expiresAt,
        message: `Renewed the sign-in of ${session}.`,
      };
    } catch (error) {
      const failure = error instanceof AuthError ? error : toAuthError(error, `renew ${session}`);
      if (failure.code === 'session-ended' && (await this.renewedElsewhere(session, token))) {
        // The AWS CLI or another SSO Tray refreshed with the same (rotating) refresh
        // token first: the session is fine, nothing to tell the user.
        state.failures = 0;
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
        token.expiresAt - this.options.settings().leadMs,
        now + backoffMs(state.failures),
      );
      const message = `Could not renew ${session} (${failure.code}); the current sign-in stays in use and renewal is retried at ${new Date(retryAt).toISOString()}.`;
      this.setTrouble(state, token.accessToken, { kind: 'failing', message, retryAt });
      return {
        kind: 'renewal-failed',
        at: clock.now(),
        session,
        code: failure.code,
        message,
        retryAt,
      };
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
      if (check > 0) await delay(systemClock, RIVAL_WRITE_WAIT_MS);
      await this.options.files.reloadSession(session);
      const current = this.options.files.token(session);
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
  ): CoreEvent | null {
    const state = this.state(session);
    if (state.trouble?.token === token.accessToken && state.trouble.trouble.kind === 'refused') {
      return null;
    }
    this.setTrouble(state, token.accessToken, { kind: 'refused', message });
    return {
      kind: 'needs-sign-in',
      at: this.options.clock.now(),
      session,
      reason,
      message,
      expiresAt: token.expiresAt,
    };
  }
}
