// How a role chain asks the user for the current code of an MFA device. The
// CLI asks in the terminal (app/cli/mfa-prompt.ts); the tray app asks in its
// own prompt. Either rejects with `mfaUnavailable` when nobody can be asked (or
// nobody answered), and with `mfaCancelled` when the user said no: the CLI
// exits 130 for that, as for any cancel, and 1 for the former.

import { CredentialsError } from './credentials-error';

/** Resolves to the code the user typed for device `serial`, needed by `profile`. */
export type MfaCodeProvider = (serial: string, profile: string) => Promise<string>;

export function mfaUnavailable(serial: string, profile: string, why: string): CredentialsError {
  return new CredentialsError(
    'mfa-unavailable',
    `Profile "${profile}" needs an MFA code from ${serial}, and ${why}.`,
  );
}

/** The user dismissed the prompt: Ctrl-C, Cancel, or closing it. */
export function mfaCancelled(profile: string): CredentialsError {
  return new CredentialsError(
    'mfa-cancelled',
    `Cancelled: no MFA code was entered for profile "${profile}".`,
  );
}

/** For callers that can never ask (a background refresh, say). */
export const noMfaPrompt: MfaCodeProvider = async (serial, profile) => {
  throw mfaUnavailable(serial, profile, 'nothing here can ask for it');
};

/** Whether the user is being asked now, and how long questions have been open so far. */
export interface UserPrompts {
  /** Settles once every question open now is answered; null when none is open. */
  readonly open: Promise<void> | null;
  /** Milliseconds during which at least one question was open (the current one included). */
  readonly spentMs: number;
}

/** A provider that knows when the user is being asked, so deadlines can leave that time out. */
export interface TrackedMfaPrompt {
  readonly provider: MfaCodeProvider;
  status(): UserPrompts;
}

export function trackMfaPrompt(provider: MfaCodeProvider, now: () => number): TrackedMfaPrompt {
  const open = new Set<Promise<string>>();
  let spentMs = 0;
  let openedAt = 0;
  return {
    provider: (serial, profile) => {
      const answer = provider(serial, profile);
      if (open.size === 0) openedAt = now();
      open.add(answer);
      const done = () => {
        open.delete(answer);
        if (open.size === 0) spentMs += now() - openedAt;
      };
      answer.then(done, done);
      return answer;
    },
    status: () => ({
      open: open.size === 0 ? null : Promise.allSettled([...open]).then(() => undefined),
      spentMs: spentMs + (open.size === 0 ? 0 : now() - openedAt),
    }),
  };
}
