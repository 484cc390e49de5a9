// Turns a failed portal listing into a DiscoveryError the user can act on.
// Never includes the request (it carries the bearer token), only the SDK's
// error name and message, which hold no secrets.

import { DiscoveryError } from './discovery-error';
import { RetriesExhausted, classifyFailure } from './retry';

export const signInAction = (session: string) => ({ kind: 'sign-in' as const, session });

export function portalFailure(error: unknown, session: string, portal: string): DiscoveryError {
  if (error instanceof DiscoveryError) return error;
  if ((error as { name?: unknown })?.name === 'UnauthorizedException') {
    return new DiscoveryError(
      'session-expired',
      `IAM Identity Center no longer accepts the sign-in for ${session} (expired or signed out). Sign in again.`,
      signInAction(session),
    );
  }
  const kind = error instanceof RetriesExhausted ? error.kind : classifyFailure(error);
  const attempts = error instanceof RetriesExhausted ? ` after ${error.attempts} attempts` : '';
  switch (kind) {
    case 'throttled':
      return new DiscoveryError(
        'throttled',
        `IAM Identity Center kept throttling the account listing${attempts}. Try again in a minute.`,
      );
    case 'server':
      return new DiscoveryError(
        'service-unavailable',
        `IAM Identity Center (${portal}) kept failing${attempts}. Try again later.`,
      );
    case 'network':
      return new DiscoveryError(
        'network',
        `Cannot reach IAM Identity Center at ${portal}${attempts}. Check the network or proxy.`,
      );
    default: {
      // The SDK's messages carry no secrets; the name tells support what happened.
      const name = (error as { name?: unknown })?.name;
      return new DiscoveryError(
        'discovery-failed',
        `Listing accounts failed: ${typeof name === 'string' ? `${name}: ` : ''}${(error as Error)?.message ?? 'unknown error'}`,
      );
    }
  }
}
