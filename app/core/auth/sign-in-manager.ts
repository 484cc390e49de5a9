// Runs sign-ins: one attempt per session at a time (callers that ask while one
// runs join it, so parallel tools never open a storm of browser tabs), with
// cancellation and an optional overall timeout. It owns what views show about
// sign-ins (progress, the last failure) and reports each outcome as an event.

import type { CoreEvent } from '../../shared/events';
import type { SessionView, SignInFlow, SignInProgress } from '../../shared/model';
import { sessionLabel } from '../../shared/session-label';
import type { OidcApiPool } from '../aws/oidc-api';
import type { PortalApiPool } from '../aws/portal-api';
import type { Clock } from '../clock';
import type { AwsFiles } from '../sessions/aws-files';
import { writeCliToken } from '../token-cache/token-writer';
import { AuthError, toAuthError } from './auth-error';
import type { BrowserOpener, SignInPrompt } from './browser-opener';
import { runDeviceFlow } from './device-flow';
import {
  describeTarget,
  type FlowContext,
  type ProgressUpdate,
  type SignInTarget,
} from './flow-context';
import { runPkceFlow } from './pkce-flow';
import { resolveSignInTarget } from './sign-in-target';
import { signOut, type SignOutResult } from './sign-out';

export interface SignInManagerOptions {
  readonly files: AwsFiles;
  readonly oidc: OidcApiPool;
  readonly portal: PortalApiPool;
  readonly clock: Clock;
  /** How sign-in pages reach the user unless a request brings its own. */
  readonly opener: BrowserOpener;
  /**
   * The flow for a target, given what the request asked for (sign-in-flow-choice.ts:
   * legacy sessions always use the device flow; else the request, settings, config, environment).
   */
  readonly chooseFlow: (target: SignInTarget, requested: SignInFlow | undefined) => SignInFlow;
  /** How long the PKCE loopback listener waits for the browser. Default 10 minutes. */
  readonly loopbackTimeoutMs?: number;
  /** What happened (signed in, failed, cancelled). */
  readonly emit: (event: CoreEvent) => void;
  /** Progress or the last failure changed: the snapshot needs rebuilding. */
  readonly changed: () => void;
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

type LastError = NonNullable<SessionView['lastError']>;

export class SignInManager {
  private readonly attempts = new Map<string, Attempt>();
  private readonly progress = new Map<string, SignInProgress>();
  private readonly lastErrors = new Map<string, LastError>();

  constructor(private readonly options: SignInManagerOptions) {}

  /** Starts a sign-in for a session (or a profile's session), or joins the running one. */
  signIn(name: string, request: SignInRequest = {}): Promise<SignInOutcome> {
    let target;
    try {
      target = resolveSignInTarget(this.options.files.config(), name);
    } catch (error) {
      const failure = toAuthError(error, `sign in to ${name}`);
      this.options.emit({
        kind: 'sign-in-failed',
        at: this.options.clock.now(),
        session: name,
        code: failure.code,
        message: failure.message,
      });
      return Promise.resolve({ ok: false, session: null, error: failure });
    }
    const running = this.attempts.get(target.name);
    if (running) return running.promise;

    const flow = this.options.chooseFlow(target, request.flow);
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
    const session = this.sessionNameOf(name);
    const attempt = this.attempts.get(session);
    if (!attempt) return false;
    attempt.controller.abort(
      new AuthError('cancelled', `The sign-in of ${session} was cancelled.`),
    );
    return true;
  }

  isRunning(name: string): boolean {
    return this.attempts.has(this.sessionNameOf(name));
  }

  /** The running sign-in's progress, for the snapshot. */
  progressOf(session: string): SignInProgress | null {
    return this.progress.get(session) ?? null;
  }

  /** The last sign-in failure of a session, for the snapshot. */
  lastErrorOf(session: string): LastError | null {
    return this.lastErrors.get(session) ?? null;
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
    const result = await signOut({
      files: this.options.files,
      portal: this.options.portal,
      name,
      now: () => this.options.clock.now(),
    });
    this.setLastError(result.session, null);
    return result;
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
      return resolveSignInTarget(this.options.files.config(), name).name;
    } catch {
      return name;
    }
  }

  private setProgress(session: string, progress: SignInProgress | null): void {
    if (progress) this.progress.set(session, progress);
    else this.progress.delete(session);
    this.options.changed();
  }

  private setLastError(session: string, error: Omit<LastError, 'at'> | null): void {
    if (error) {
      const at = new Date(this.options.clock.now()).toISOString();
      this.lastErrors.set(session, { ...error, at });
    } else if (!this.lastErrors.delete(session)) {
      return;
    }
    this.options.changed();
  }

  private async run(
    target: ReturnType<typeof resolveSignInTarget>,
    flow: SignInFlow,
    attempt: Attempt,
    timeoutMs: number | undefined,
  ): Promise<SignInOutcome> {
    const { files, clock, emit } = this.options;
    const { signal } = attempt.controller;
    const label = sessionLabel(target.kind, target.name);
    const startedAt = new Date(clock.now()).toISOString();
    let shown: Pick<SignInProgress, 'url' | 'userCode'> = {};
    const progress = (update: ProgressUpdate) => {
      shown = {
        ...shown,
        ...(update.url ? { url: update.url } : {}),
        ...(update.userCode ? { userCode: update.userCode } : {}),
      };
      this.setProgress(target.name, { flow, phase: update.phase, startedAt, ...shown });
    };
    // A wait inside the flow (not background): the CLI must live to see it.
    const timer =
      timeoutMs === undefined
        ? null
        : clock.setTimer(timeoutMs, () =>
            attempt.controller.abort(
              new AuthError(
                'timeout',
                `The sign-in of ${label} timed out after ${Math.round(timeoutMs / 1000)} s.`,
              ),
            ),
          );
    const ctx: FlowContext = {
      target,
      oidc: this.options.oidc.get(target.region),
      clock,
      cacheDir: files.paths.cacheDir,
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
          this.setLastError(target.name, {
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
      await writeCliToken(files.paths.cacheDir, target.name, token);
      await files.reloadSession(target.name);
      this.setLastError(target.name, null);
      emit({
        kind: 'signed-in',
        at: clock.now(),
        session: target.name,
        flow,
        expiresAt: token.expiresAt,
        message: `Signed in to ${label}.`,
      });
      return { ok: true, session: target.name, expiresAt: token.expiresAt };
    } catch (error) {
      const failure = toAuthError(error, describeTarget(target), signal);
      if (failure.code === 'cancelled') {
        emit({
          kind: 'sign-in-cancelled',
          at: clock.now(),
          session: target.name,
          message: failure.message,
        });
      } else {
        this.setLastError(target.name, { code: failure.code, message: failure.message });
        emit({
          kind: 'sign-in-failed',
          at: clock.now(),
          session: target.name,
          code: failure.code,
          message: failure.message,
        });
      }
      return { ok: false, session: target.name, error: failure };
    } finally {
      timer?.cancel();
      if (this.attempts.get(target.name) === attempt) this.attempts.delete(target.name);
      this.setProgress(target.name, null);
    }
  }
}
