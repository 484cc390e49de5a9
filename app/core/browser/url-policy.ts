// Which URLs may leave the app for the user's browser: only https URLs of the
// kinds the app builds itself. Sign-in: the Identity Center start URL's host,
// the regional OIDC host (PKCE authorize page) and the device verification
// host. Console: the AWS sign-in and console hosts of each partition. Anything
// else (a link injected into the window, a `javascript:` or `file:` URL) is
// refused. The one exception is an SSO-OIDC / portal endpoint the user set in
// AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO: the SDK sends the sign-in
// there, so its authorize page is one the app built too.

export interface UrlPolicyContext {
  /** Start URLs from the config (sso-session and legacy profiles). */
  readonly startUrls: readonly string[];
  /** Endpoint overrides the core's SDK clients honour (exact origins are allowed). */
  readonly endpointOverrides: readonly string[];
}

export type UrlCheck =
  { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d+';
const AWS_SUFFIX = 'amazonaws\\.com(?:\\.cn)?';

/** Hosts the app's sign-in and console links use, whatever the region. */
const FIXED_HOST_PATTERNS: readonly RegExp[] = [
  new RegExp(`^oidc\\.${REGION}\\.${AWS_SUFFIX}$`),
  new RegExp(`^device\\.sso\\.${REGION}\\.${AWS_SUFFIX}$`),
  new RegExp(`^(?:${REGION}\\.)?signin\\.aws\\.amazon\\.com$`),
  new RegExp(`^(?:${REGION}\\.)?console\\.aws\\.amazon\\.com$`),
  /^signin\.amazonaws-us-gov\.com$/,
  /^console\.amazonaws-us-gov\.com$/,
  /^signin\.amazonaws\.cn$/,
  /^console\.amazonaws\.cn$/,
];

function parse(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** The origins of configured endpoint overrides, from the environment the core reads. */
export function endpointOverrides(env: Readonly<Record<string, string | undefined>>): string[] {
  return [env.AWS_ENDPOINT_URL_SSO_OIDC, env.AWS_ENDPOINT_URL_SSO, env.AWS_ENDPOINT_URL]
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .map((v) => parse(v)?.origin)
    .filter((o): o is string => o !== undefined && o !== 'null');
}

export function checkExternalUrl(text: string, context: UrlPolicyContext): UrlCheck {
  if (text.length > 8192) return { ok: false, reason: 'the address is too long' };
  const url = parse(text);
  if (!url) return { ok: false, reason: 'not a valid address' };
  if (url.username || url.password) {
    return { ok: false, reason: 'addresses with a user name or password are not opened' };
  }
  if (context.endpointOverrides.includes(url.origin)) return { ok: true, url: url.href };
  if (url.protocol !== 'https:') return { ok: false, reason: 'only https addresses are opened' };
  if (url.port !== '') return { ok: false, reason: 'only the standard https port is allowed' };
  const host = url.hostname.toLowerCase();
  const startHosts = context.startUrls
    .map((s) => parse(s))
    .filter((u): u is URL => u !== null && u.protocol === 'https:')
    .map((u) => u.hostname.toLowerCase());
  if (startHosts.includes(host) || FIXED_HOST_PATTERNS.some((p) => p.test(host))) {
    return { ok: true, url: url.href };
  }
  return { ok: false, reason: `${host} is not an IAM Identity Center or AWS console address` };
}

/** The policy context of a config: its sessions' start URLs, and the endpoint overrides in `env`. */
export function policyContextOf(
  sessions: readonly { readonly startUrl: string | null }[],
  env: Readonly<Record<string, string | undefined>>,
): UrlPolicyContext {
  return {
    startUrls: sessions.map((s) => s.startUrl).filter((u): u is string => u !== null),
    endpointOverrides: endpointOverrides(env),
  };
}
