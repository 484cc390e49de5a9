// How a role chain asks the user for the current code of an MFA device. The
// CLI asks in the terminal (app/cli/mfa-prompt.ts); the tray app asks in its
// own prompt. Either rejects with `mfaUnavailable` when nobody can be asked.

import { CredentialsError } from './credentials-error';

/** Resolves to the code the user typed for device `serial`, needed by `profile`. */
export type MfaCodeProvider = (serial: string, profile: string) => Promise<string>;

export function mfaUnavailable(serial: string, profile: string, why: string): CredentialsError {
  return new CredentialsError(
    'mfa-unavailable',
    `Profile "${profile}" needs an MFA code from ${serial}, and ${why}.`,
  );
}

/** For callers that can never ask (a background refresh, say). */
export const noMfaPrompt: MfaCodeProvider = async (serial, profile) => {
  throw mfaUnavailable(serial, profile, 'nothing here can ask for it');
};
