// One credentials request, the same for the socket and the container
// endpoint: exactly one backend call, bounded by a deadline, abandoned when
// the caller goes away or the broker stops, recorded in the activity.

import type { Clock } from '../clock';
import type { RoleCredentials } from '../credentials/role-credentials';
import type { BrokerActivity } from './broker-activity';
import type { BrokerBackend } from './broker-backend';
import { BrokerError, isCodedError } from './broker-error';
import { ANSWER_GRACE_SECONDS, type CallerInfo, type WireError } from './broker-protocol';

export type CredentialsOutcome =
  | { readonly ok: true; readonly credentials: RoleCredentials }
  | { readonly ok: false; readonly error: WireError };

export interface CredentialsCall {
  readonly profile: string;
  readonly waitMs: number;
  readonly caller: CallerInfo;
  /** Aborts when the caller disconnects. */
  readonly callerGone: AbortSignal;
}

export interface AnswerContext {
  readonly backend: BrokerBackend;
  readonly activity: BrokerActivity;
  readonly clock: Clock;
  /** Aborts when the broker stops. */
  readonly stopping: AbortSignal;
}

const INTERNAL_ERROR: WireError = {
  code: 'internal',
  message: 'The broker could not get credentials because of an internal error; see its log.',
};

function toWireError(error: unknown): WireError {
  return isCodedError(error) ? { code: error.code, message: error.message } : INTERNAL_ERROR;
}

/** Rejects with the signal's reason once it aborts. */
function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

export async function answerCredentials(
  context: AnswerContext,
  call: CredentialsCall,
  /** Receives errors that became `internal`, for the broker's log. */
  onInternalError: (error: unknown) => void = () => undefined,
): Promise<CredentialsOutcome> {
  const { profile, waitMs, caller, callerGone } = call;
  const controller = new AbortController();
  const abort = (code: string, message: string) => {
    if (!controller.signal.aborted) controller.abort(new BrokerError(code, message));
  };
  const deadlineMs = waitMs + ANSWER_GRACE_SECONDS * 1000;
  const deadlineSeconds = Math.ceil(deadlineMs / 1000);
  const timer = context.clock.setTimer(deadlineMs, () =>
    abort('timeout', `No credentials for profile ${profile} within ${deadlineSeconds} seconds.`),
  );
  const onGone = () => abort('cancelled', 'The caller went away before the answer.');
  const onStopping = () => abort('shutting-down', 'The broker is stopping; ask again.');
  callerGone.addEventListener('abort', onGone, { once: true });
  context.stopping.addEventListener('abort', onStopping, { once: true });
  if (callerGone.aborted) onGone();
  if (context.stopping.aborted) onStopping();

  const ticket = context.activity.begin(profile, caller);
  // A caller already gone (or a broker already stopping) costs no backend call.
  const backendCall = controller.signal.aborted
    ? whenAborted(controller.signal)
    : new Promise<RoleCredentials>((resolve) =>
        // The executor runs now; a backend that throws synchronously rejects.
        resolve(
          context.backend.credentials(profile, { waitMs, signal: controller.signal, caller }),
        ),
      );
  // Settling after the answer went out is allowed; it must not become unhandled.
  backendCall.catch(() => undefined);
  try {
    const credentials = await Promise.race([backendCall, whenAborted(controller.signal)]);
    ticket.finish('ok');
    return { ok: true, credentials };
  } catch (error) {
    const wire = toWireError(error);
    if (wire === INTERNAL_ERROR) onInternalError(error);
    ticket.finish(wire.code);
    return { ok: false, error: wire };
  } finally {
    timer.cancel();
    callerGone.removeEventListener('abort', onGone);
    context.stopping.removeEventListener('abort', onStopping);
    // A backend still waiting on our behalf stops now.
    abort('cancelled', 'The request was answered.');
  }
}
