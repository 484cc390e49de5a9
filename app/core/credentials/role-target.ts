// Which account and role a profile means, and through which session: the facts
// GetRoleCredentials and the portal's console link need.

import type { ConfigModel } from '../config/config-model';
import { CredentialsError } from './credentials-error';

export interface RoleTarget {
  readonly profile: string;
  /** The sso-session name, or the start URL of a legacy profile. */
  readonly session: string;
  readonly startUrl: string;
  readonly ssoRegion: string;
  readonly accountId: string;
  readonly roleName: string;
  /** The profile's own `region`, if any. */
  readonly region: string | null;
}

export function resolveRoleTarget(config: ConfigModel, profileName: string): RoleTarget {
  const profile = config.profiles.find((p) => p.name === profileName);
  if (!profile) {
    throw new CredentialsError(
      'unknown-profile',
      `No profile named "${profileName}" in the AWS config file.`,
    );
  }
  if (profile.kind === 'chained') {
    throw new CredentialsError(
      'not-sso-profile',
      `Profile "${profileName}" assumes ${profile.roleArn ?? 'a role'} through profile "${profile.sourceProfile ?? '?'}" (STS); it has no IAM Identity Center role of its own.`,
    );
  }
  if (profile.kind === 'other') {
    throw new CredentialsError(
      'not-sso-profile',
      `Profile "${profileName}" does not use IAM Identity Center (it has no sso_session or sso_start_url).`,
    );
  }
  const session = profile.session
    ? config.sessions.find((s) => s.name === profile.session)
    : undefined;
  if (!session) {
    throw new CredentialsError(
      'profile-incomplete',
      `Profile "${profileName}" names an sso_session that has no [sso-session] section in the AWS config file.`,
    );
  }
  const missing = [
    profile.accountId === null ? 'sso_account_id' : null,
    profile.roleName === null ? 'sso_role_name' : null,
    session.startUrl === null ? 'sso_start_url' : null,
    session.region === null ? 'sso_region' : null,
  ].filter((k): k is string => k !== null);
  if (
    missing.length > 0 ||
    profile.accountId === null ||
    profile.roleName === null ||
    session.startUrl === null ||
    session.region === null
  ) {
    throw new CredentialsError(
      'profile-incomplete',
      `Profile "${profileName}" has no ${missing.join(', ')}; add it to the AWS config file.`,
    );
  }
  return {
    profile: profileName,
    session: session.name,
    startUrl: session.startUrl,
    ssoRegion: session.region,
    accountId: profile.accountId,
    roleName: profile.roleName,
    region: profile.region,
  };
}
