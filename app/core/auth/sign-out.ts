// Per-session sign-out (docs/protocol.md, "Sign-out"): tell the portal (Logout
// with that session's token; a failure is tolerated), then delete that
// session's token file only. Registrations, other sessions' tokens and other
// tools' files stay. (`aws sso logout` instead deletes every token.)

import type { PortalApiPool } from '../aws/portal-api';
import type { AwsFiles } from '../sessions/aws-files';
import { deleteCliToken } from '../token-cache/token-writer';
import { toAuthError, type AuthError } from './auth-error';
import { findSession } from './sign-in-target';

export interface SignOutResult {
  readonly session: string;
  /** A token file was there and is gone. */
  readonly removed: boolean;
  /** What happened at the portal: told, nothing to tell (no usable token), or failed (tolerated). */
  readonly portal: 'logged-out' | 'skipped' | { readonly failed: AuthError };
}

export async function signOut(input: {
  readonly files: AwsFiles;
  readonly portal: PortalApiPool;
  readonly name: string;
  readonly now: () => number;
}): Promise<SignOutResult> {
  const { files } = input;
  const target = findSession(files.config(), input.name);
  await files.reloadSession(target.name);
  const token = files.token(target.name);

  let portal: SignOutResult['portal'] = 'skipped';
  const region = token?.region ?? target.region;
  if (token && region && token.expiresAt > input.now()) {
    try {
      await input.portal.get(region).logout({ accessToken: token.accessToken });
      portal = 'logged-out';
    } catch (error) {
      portal = { failed: toAuthError(error, `sign out of ${target.name} at IAM Identity Center`) };
    }
  }
  const removed = await deleteCliToken(files.paths.cacheDir, target.name);
  await files.reloadSession(target.name);
  return { session: target.name, removed, portal };
}
