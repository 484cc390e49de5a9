// An overall deadline for commands other tools wait on (credential-process,
// export of credentials): when it passes, the command fails naming what did not
// answer, instead of hanging the AWS CLI, Terraform or an SDK that called it.

import { CoreError, systemClock, type Core } from '../core';

export const DEFAULT_DEADLINE_SECONDS = 30;

export async function withDeadline<T>(
  core: Core,
  seconds: number,
  task: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = systemClock.setTimer(seconds * 1000, () => {
    const pending = core.pendingCalls();
    const what = pending.length > 0 ? pending.join(' and ') : 'IAM Identity Center';
    controller.abort(new CoreError('no-answer', `${what} did not answer within ${seconds} s.`));
  });
  try {
    return await task(controller.signal);
  } finally {
    timer.cancel();
  }
}
