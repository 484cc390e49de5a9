// Runs sign-ins: one attempt per session at a time (callers that ask while one
// runs join it, so parallel tools never open a storm of browser tabs), with
// cancellation, an optional overall timeout, progress published into the
// snapshot and failures recorded as the session's last error.

import type { SignInFlow, SignInProgress } from '../../shared/model';
import type { Clock } from '../clock';
import type { SessionService } from '../service/session-service';
import { AuthError, toAuthError } from './auth-error';
import type { Env } from '../env';
import type { OidcClientPool } from './aws-clients';
import type { BrowserOpener, SignInPrompt } from './browser-opener';
import { runDeviceFlow } from './device-flow';
import { describeTarget, type FlowContext, type ProgressUpdate } from './flow-context';
import { runPkceFlow } from './pkce-flow';
import { resolveSignInTarget } from './sign-in-target';
import { signOut, type SignOutResult } from './sign-out';
import { writeCliToken } from './token-writer';

export interface SignInManagerOptions {
  readonly sessions: SessionService;
  readonly clients: OidcClientPool;
  readonly clock: Clock;
  /** The core's environment (portal endpoint for sign-out). */
  readonly env: Env;
  /** How sign-in pages reach the user unless a request brings its own. */
  readonly opener: BrowserOpener;
  /** Flow for sso-sessions when a request does not say (legacy sessions always use the device flow). */
  readonly defaultFlow?: SignInFlow;
  /** How long the PKCE loopback listener waits for the browser. Default 10 minutes. */
  readonly loopbackTimeoutMs?: number;
}

export interface SignInRequest {
  readonly flow?: SignInFlow;
  /** The opener for this attempt; callers that join a running attempt share its opener. */
  readonly opener?: BrowserOpener;
  /** Give up after this long, whatever the flow is waiting for. */
  readonly timeoutMs?: number;
}

export type SignInOutcome =
  | { readonly ok: true; readonly session: string; readonly expiresAt: number }
  | { readonly ok: false; readonly session: string | null; readonly error: AuthError };

interface Attempt {
  readonly controller: AbortController;
  promise: Promise<SignInOutcome>;
  readonly opener: BrowserOpener;
  prompt: SignInPrompt | null;
}

export class SignInManager {
  private readonly attempts = new Map<string, Attempt>();
  private defaultFlow: SignInFlow;

  constructor(private readonly options: SignInManagerOptions) {
    this.defaultFlow = options.defaultFlow ?? 'pkce';
  }

  setDefaultFlow(flow: SignInFlow): void {
    this.defaultFlow = flow;
  }

  /** Starts a sign-in for a session (or a profile's session), or joins the running one. */
  signIn(name: string, request: SignInRequest = {}): Promise<SignInOutcome> {
    let target;
    try {
      target = resolveSignInTarget(this.options.sessions.config(), name);
    } catch (error) {
      return Promise.resolve({
        ok: false,
        session: null,
        error: toAuthError(error, `sign in to ${name}`),
      });
    }
    const running = this.attempts.get(target.name);
    if (running) return running.promise;

    const flow: SignInFlow =
      target.kind === 'legacy' ? 'device-code' : (request.flow ?? this.defaultFlow);
    const controller = new AbortController();
    const attempt: Attempt = {
      controller,
      opener: request.opener ?? this.options.opener,
      prompt: null,
      promise: Promise.resolve({
        ok: false,
        session: target.name,
        error: new AuthError('cancelled', 'Not started.'),
      }),
    };
    // Registered before the flow starts, so a caller in the same tick joins it.
    this.attempts.set(target.name, attempt);
    attempt.promise = this.run(target, flow, attempt, request.timeoutMs);
    return attempt.promise;
  }

  /** Cancels the running sign-in of a session; false when none runs. */
  cancel(name: string): boolean {
    const attempt = this.attempts.get(this.sessionNameOf(name));
    if (!attempt) return false;
    attempt.controller.abort(
      new AuthError('cancelled', `The sign-in of ${this.sessionNameOf(name)} was cancelled.`),
    );
    return true;
  }

  isRunning(name: string): boolean {
    return this.attempts.has(this.sessionNameOf(name));
  }

  /** Opens the running sign-in's page again; false when there is none (yet). */
  async reopen(name: string): Promise<boolean> {
    const attempt = this.attempts.get(this.sessionNameOf(name));
    if (!attempt?.prompt) return false;
    await attempt.opener(attempt.prompt);
    return true;
  }

  /** Signs one session out (a running sign-in of it is cancelled first). */
  async signOut(name: string): Promise<SignOutResult> {
    const running = this.attempts.get(this.sessionNameOf(name));
    if (running) {
      this.cancel(name);
      await running.promise;
    }
    return signOut({
      sessions: this.options.sessions,
      env: this.options.env,
      name,
      now: () => this.options.clock.now(),
    });
  }

  /** Cancels every running sign-in and waits for them to wind down. */
  async close(): Promise<void> {
    const running = [...this.attempts.values()];
    for (const attempt of running) {
      attempt.controller.abort(new AuthError('cancelled', 'SSO Tray is shutting down.'));
    }
    await Promise.all(running.map((a) => a.promise));
  }

  private sessionNameOf(name: string): string {
    try {
      return resolveSignInTarget(this.options.sessions.config(), name).name;
    } catch {
      return name;
    }
  }

  private async run(
    target: ReturnType<typeof resolveSignInTarget>,
    flow: SignInFlow,
    attempt: Attempt,
    timeoutMs: number | undefined,
  ): Promise<SignInOutcome> {
    const { sessions, clock } = this.options;
    const { signal } = attempt.controller;
    const startedAt = new Date(clock.now()).toISOString();
    let shown: Pick<SignInProgress, 'url' | 'userCode'> = {};
    const progress = (update: ProgressUpdate) => {
      shown = {
        ...shown,
        ...(update.url ? { url: update.url } : {}),
        ...(update.userCode ? { userCode: update.userCode } : {}),
      };
      sessions.setSignInProgress(target.name, { flow, phase: update.phase, startedAt, ...shown });
    };
    const timer =
      timeoutMs === undefined
        ? null
        : clock.setTimer(timeoutMs, () =>
            attempt.controller.abort(
              new AuthError(
                'timeout',
                `The sign-in of ${target.name} timed out after ${Math.round(timeoutMs / 1000)} s.`,
              ),
            ),
          );
    const ctx: FlowContext = {
      target,
      client: this.options.clients.get(target.region),
      clock,
      cacheDir: sessions.paths.cacheDir,
      signal,
      progress,
      loopbackTimeoutMs: this.options.loopbackTimeoutMs,
      present: async (page) => {
        attempt.prompt = { session: target.name, flow, ...page };
        try {
          await attempt.opener(attempt.prompt);
        } catch (error) {
          // The flow goes on: the page is in the progress, the user can open it by hand.
          const reason = error instanceof AuthError ? error.message : 'The browser did not open.';
          sessions.setLastError(target.name, {
            code: 'browser-failed',
            message: `${reason} Open the sign-in page by hand.`,
          });
        }
      },
    };
    try {
      progress({ phase: 'registering' });
      const token = flow === 'pkce' ? await runPkceFlow(ctx) : await runDeviceFlow(ctx);
      if (signal.aborted) throw signal.reason;
      progress({ phase: 'writing-token' });
      await writeCliToken(sessions.paths.cacheDir, target.name, token);
      await sessions.reloadSession(target.name);
      sessions.setLastError(target.name, null);
      return { ok: true, session: target.name, expiresAt: token.expiresAt };
    } catch (error) {
      const failure = toAuthError(error, describeTarget(target), signal);
      if (failure.code !== 'cancelled') {
        sessions.setLastError(target.name, { code: failure.code, message: failure.message });
      }
      return { ok: false, session: target.name, error: failure };
    } finally {
      timer?.cancel();
      if (this.attempts.get(target.name) === attempt) this.attempts.delete(target.name);
      sessions.setSignInProgress(target.name, null);
    }
  }
}
