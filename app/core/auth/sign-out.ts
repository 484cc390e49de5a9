// Per-session sign-out (aws-sso-protocol.md section 8): tell the portal
// (Logout with that session's token; a failure is tolerated), then delete that
// session's token file only. Registrations, other sessions' tokens and other
// tools' files stay. (`aws sso logout` instead deletes every token.)

import { LogoutCommand } from '@aws-sdk/client-sso';
import type { SessionService } from '../service/session-service';
import { toAuthError, type AuthError } from './auth-error';
import type { Env } from '../env';
import { createPortalClient } from './aws-clients';
import { findSession } from './sign-in-target';
import { deleteCliToken } from './token-writer';

export interface SignOutResult {
  readonly session: string;
  /** A token file was there and is gone. */
  readonly removed: boolean;
  /** What happened at the portal: told, nothing to tell (no usable token), or failed (tolerated). */
  readonly portal: 'logged-out' | 'skipped' | { readonly failed: AuthError };
}

export async function signOut(input: {
  readonly sessions: SessionService;
  readonly env: Env;
  readonly name: string;
  readonly now: () => number;
}): Promise<SignOutResult> {
  const { sessions, env } = input;
  const target = findSession(sessions.config(), input.name);
  await sessions.reloadSession(target.name);
  const token = sessions.token(target.name);

  let portal: SignOutResult['portal'] = 'skipped';
  const region = token?.region ?? target.region;
  if (token && region && token.expiresAt > input.now()) {
    const client = createPortalClient(env, region);
    try {
      await client.send(new LogoutCommand({ accessToken: token.accessToken }));
      portal = 'logged-out';
    } catch (error) {
      portal = { failed: toAuthError(error, `sign out of ${target.name} at IAM Identity Center`) };
    } finally {
      client.destroy();
    }
  }
  const removed = await deleteCliToken(sessions.paths.cacheDir, target.name);
  await sessions.reloadSession(target.name);
  sessions.setLastError(target.name, null);
  return { session: target.name, removed, portal };
}
