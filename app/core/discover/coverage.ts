// Marks each discovered role with the existing profiles that already point at
// it: same account and role, through this session or another session with the
// same start URL (the same IAM Identity Center, so the same login).

import type { DiscoveredAccount, DiscoveryResult } from '../../shared/api';
import type { ConfigModel, SessionConfig } from '../config/config-model';
import type { AccountAssignments } from './list-assignments';

const byText = (a: string, b: string) =>
  a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);

/** Sessions that share `session`'s login (itself included). */
export function sameLoginSessions(session: SessionConfig, model: ConfigModel): Set<string> {
  const names = new Set([session.name]);
  if (session.startUrl === null) return names;
  for (const other of model.sessions) {
    if (other.startUrl === session.startUrl) names.add(other.name);
  }
  return names;
}

export function buildDiscoveryResult(
  session: SessionConfig,
  model: ConfigModel,
  assignments: readonly AccountAssignments[],
  fetchedAt: string,
): DiscoveryResult {
  const sessions = sameLoginSessions(session, model);
  const profilesFor = (accountId: string, roleName: string) =>
    model.profiles
      .filter(
        (p) =>
          p.kind === 'sso' &&
          p.session !== null &&
          sessions.has(p.session) &&
          p.accountId === accountId &&
          p.roleName === roleName,
      )
      .map((p) => p.name)
      .sort(byText);
  const accounts: DiscoveredAccount[] = assignments
    .map((account) => ({
      accountId: account.accountId,
      accountName: account.accountName,
      emailAddress: account.emailAddress,
      roles: [...account.roleNames]
        .sort(byText)
        .map((roleName) => ({ roleName, profiles: profilesFor(account.accountId, roleName) })),
    }))
    .sort((a, b) => byText(a.accountName, b.accountName) || byText(a.accountId, b.accountId));
  return { session: session.name, fetchedAt, accounts };
}
