// Errors of discovery and profile planning: a machine code, one sentence for
// the user, and the action the UI should offer (sign in again) when there is one.

import { CoreError } from '../errors/core-error';

export type DiscoveryErrorCode =
  | 'unknown-session'
  | 'not-signed-in'
  | 'session-expired'
  | 'legacy-session'
  | 'throttled'
  | 'service-unavailable'
  | 'network'
  | 'discovery-failed'
  | 'invalid-template'
  | 'invalid-argument'
  | 'config-rejected'
  | 'empty-plan';

export class DiscoveryError extends CoreError<DiscoveryErrorCode> {
  constructor(
    code: DiscoveryErrorCode,
    message: string,
    readonly action?: { readonly kind: 'sign-in'; readonly session: string },
  ) {
    super(code, message, { signInSession: action?.session ?? null });
    this.name = 'DiscoveryError';
  }
}
