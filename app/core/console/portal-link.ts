// The access portal's console shortcut: the portal signs the user in to the
// role itself, so no credentials leave this machine
// (docs/protocol.md, "Sign-out and console").

import { CredentialsError } from '../credentials/credentials-error';
import type { RoleTarget } from '../credentials/role-target';

/** Accepts only an absolute https URL; a console link must never open anything else. */
export function requireHttpsUrl(
  value: string,
  what: string,
  code: 'invalid-argument' | 'profile-incomplete' = 'invalid-argument',
): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CredentialsError(code, `${what} is not a URL: ${JSON.stringify(value)}.`);
  }
  if (url.protocol !== 'https:') {
    throw new CredentialsError(code, `${what} must be an https:// URL.`);
  }
  return url;
}

/** `<start URL>/#/console?account_id=..&role_name=..[&destination=..]` */
export function portalConsoleUrl(target: RoleTarget, destination?: string): string {
  requireHttpsUrl(target.startUrl, `The start URL of ${target.session}`, 'profile-incomplete');
  if (destination !== undefined) requireHttpsUrl(destination, 'The destination');
  const base = target.startUrl.replace(/#.*$/, '').replace(/\/+$/, '');
  const query = [
    `account_id=${encodeURIComponent(target.accountId)}`,
    `role_name=${encodeURIComponent(target.roleName)}`,
    ...(destination === undefined ? [] : [`destination=${encodeURIComponent(destination)}`]),
  ].join('&');
  return `${base}/#/console?${query}`;
}
