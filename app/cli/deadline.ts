// An overall deadline for commands other tools wait on (credential-process,
// export of credentials): when it passes, the command fails naming what did not
// answer, instead of hanging the AWS CLI, Terraform or an SDK that called it.
// Time the user spends typing an MFA code does not count.

import { CoreError, systemClock, type Core, type TimerHandle } from '../core';

export const DEFAULT_DEADLINE_SECONDS = 30;

export async function withDeadline<T>(
  core: Core,
  seconds: number,
  task: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const state: { timer: TimerHandle | null; finished: boolean; userMs: number } = {
    timer: null,
    finished: false,
    userMs: core.userPrompts().spentMs,
  };
  const expire = () => {
    if (state.finished) return;
    const prompts = core.userPrompts();
    if (prompts.open) {
      void prompts.open.then(expire);
      return;
    }
    // The user was asked meanwhile: that long again.
    const asked = prompts.spentMs - state.userMs;
    state.userMs = prompts.spentMs;
    if (asked > 0) {
      state.timer = systemClock.setTimer(asked, expire);
      return;
    }
    const pending = core.pendingCalls();
    const what = pending.length > 0 ? pending.join(' and ') : 'IAM Identity Center';
    controller.abort(new CoreError('no-answer', `${what} did not answer within ${seconds} s.`));
  };
  state.timer = systemClock.setTimer(seconds * 1000, expire);
  try {
    return await task(controller.signal);
  } finally {
    state.finished = true;
    state.timer?.cancel();
  }
}
