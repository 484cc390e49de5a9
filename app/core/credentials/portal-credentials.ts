// GetRoleCredentials through the portal API (app/core/aws/portal-api.ts: the
// bearer token only ever goes to the portal the core's environment names).

import { isNetworkError, serviceErrorName } from '../auth/auth-error';
import { NoAnswerError } from '../aws/network';
import type { PortalApiPool } from '../aws/portal-api';
import { CredentialsError } from './credentials-error';
import type { RoleCredentials } from './role-credentials';
import type { RoleTarget } from './role-target';

export interface RoleCredentialsFetcher {
  fetch(target: RoleTarget, accessToken: string, signal?: AbortSignal): Promise<RoleCredentials>;
}

/** Turns an SDK failure into a CredentialsError whose message names the profile, never a value. */
export function toCredentialsError(error: unknown, target: RoleTarget): CredentialsError {
  if (error instanceof CredentialsError) return error;
  if (error instanceof NoAnswerError) return new CredentialsError('no-answer', error.message);
  const name = serviceErrorName(error);
  const role = `${target.roleName} in account ${target.accountId}`;
  switch (name) {
    case 'UnauthorizedException':
      return new CredentialsError(
        'session-expired',
        `The sign-in for ${target.session} has ended or was revoked; sign in to ${target.session} again.`,
        target.session,
      );
    case 'ForbiddenException':
    case 'ResourceNotFoundException':
      return new CredentialsError(
        'access-denied',
        `The user signed in to ${target.session} has no access to ${role} (profile "${target.profile}").`,
      );
    case 'TooManyRequestsException':
      return new CredentialsError(
        'service-error',
        `IAM Identity Center is throttling requests for ${role}; try again in a moment.`,
      );
  }
  if (name !== null) {
    return new CredentialsError(
      'service-error',
      `IAM Identity Center answered ${name.replace(/[^\w.-]/g, '')} for ${role}.`,
    );
  }
  if (isNetworkError(error)) {
    const code = (error as { code?: unknown }).code;
    return new CredentialsError(
      'network',
      `Could not reach IAM Identity Center${typeof code === 'string' ? ` (${code})` : ''} for profile "${target.profile}". Check the network and try again.`,
    );
  }
  return new CredentialsError(
    'service-error',
    `Unexpected failure getting credentials for profile "${target.profile}".`,
  );
}

export function createPortalCredentialsFetcher(portal: PortalApiPool): RoleCredentialsFetcher {
  return {
    async fetch(target, accessToken, signal) {
      let out;
      try {
        out = await portal
          .get(target.ssoRegion)
          .getRoleCredentials(
            { accessToken, accountId: target.accountId, roleName: target.roleName },
            signal,
          );
      } catch (error) {
        throw toCredentialsError(error, target);
      }
      const c = out.roleCredentials;
      if (!c?.accessKeyId || !c.secretAccessKey) {
        throw new CredentialsError(
          'service-error',
          `IAM Identity Center returned no credentials for profile "${target.profile}".`,
        );
      }
      return {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken || null,
        expiration: typeof c.expiration === 'number' && c.expiration > 0 ? c.expiration : null,
      };
    },
  };
}
