// Which session a name means: an [sso-session] name, a legacy start URL, or a
// profile name (its session). The AWS CLI accepts both on `aws sso login`.

import type { ConfigModel, SessionConfig } from '../config/config-model';
import { AuthError } from './auth-error';
import type { SignInTarget } from './flow-context';

/** The session a name means, or an `unknown-session` AuthError. */
export function findSession(config: ConfigModel, name: string): SessionConfig {
  const session =
    config.sessions.find((s) => s.name === name) ??
    (() => {
      const profile = config.profiles.find((p) => p.name === name);
      return profile?.session ? config.sessions.find((s) => s.name === profile.session) : undefined;
    })();
  if (!session) {
    const profile = config.profiles.find((p) => p.name === name);
    throw new AuthError(
      'unknown-session',
      profile
        ? `Profile "${name}" does not use IAM Identity Center (no sso_session or sso_start_url).`
        : `No sso-session or profile named "${name}" in the AWS config file.`,
    );
  }
  return session;
}

/** The session a name means, with the start URL and region a sign-in needs. */
export function resolveSignInTarget(config: ConfigModel, name: string): SignInTarget {
  const session = findSession(config, name);
  const missing = [
    session.startUrl === null ? 'sso_start_url' : null,
    session.region === null ? 'sso_region' : null,
  ].filter(Boolean);
  if (session.startUrl === null || session.region === null) {
    throw new AuthError(
      'session-incomplete',
      `${session.kind === 'sso-session' ? `[sso-session ${session.name}]` : session.name} has no ${missing.join(' or ')}; add it to the AWS config file.`,
    );
  }
  return {
    name: session.name,
    kind: session.kind,
    startUrl: session.startUrl,
    region: session.region,
    registrationScopes: session.registrationScopes,
  };
}
