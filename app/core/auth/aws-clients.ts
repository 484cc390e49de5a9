// The real AWS SDK clients for SSO-OIDC and the SSO portal, configured from the
// core's environment. Endpoint overrides are the SDK's own variables
// (AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO, then AWS_ENDPOINT_URL),
// read from the core's env so the core and the SDK agree even when the core was
// started with an env other than process.env. Without them the SDK resolves
// its default endpoints (and ~/.aws/config `services` sections) itself.

import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { Env } from '../env';

/** `SSO OIDC` -> AWS_ENDPOINT_URL_SSO_OIDC, as the SDK derives it from the service id. */
export function configuredEndpoint(env: Env, serviceId: 'SSO OIDC' | 'SSO'): string | undefined {
  if ((env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true') return undefined;
  const specific = env[`AWS_ENDPOINT_URL_${serviceId.toUpperCase().replace(/ /g, '_')}`];
  return specific || env.AWS_ENDPOINT_URL || undefined;
}

// Sign-in requests are small; a dead network should fail in seconds, not minutes.
const REQUEST_HANDLER = { connectionTimeout: 10_000, requestTimeout: 30_000 };

export function createOidcClient(env: Env, region: string): SSOOIDCClient {
  const endpoint = configuredEndpoint(env, 'SSO OIDC');
  return new SSOOIDCClient({
    region,
    ...(endpoint ? { endpoint } : {}),
    requestHandler: REQUEST_HANDLER,
  });
}

/**
 * A portal client for every portal call (credentials, discovery, logout). Each
 * sends the access token as a bearer, so the endpoint comes only from the
 * core's environment, never from a profile's endpoint_url or a `services`
 * section of the user's config (a profile pointing at LocalStack must not
 * receive the token).
 */
export function createPortalClient(
  env: Env,
  region: string,
  options: { readonly maxAttempts?: number } = {},
): SSOClient {
  const endpoint = configuredEndpoint(env, 'SSO');
  return new SSOClient({
    region,
    ...(endpoint ? { endpoint } : {}),
    ignoreConfiguredEndpointUrls: true,
    requestHandler: REQUEST_HANDLER,
    ...options,
  });
}

/**
 * The base URL the OIDC client actually sends to (after any override), without
 * a trailing slash: the PKCE authorize page lives on the same host.
 */
export async function oidcBaseUrl(client: SSOOIDCClient): Promise<string> {
  const config = client.config;
  if (config.endpoint) {
    const e = await config.endpoint();
    return `${e.protocol}//${e.hostname}${e.port ? `:${e.port}` : ''}${e.path}`.replace(/\/+$/, '');
  }
  // The SDK applies ~/.aws/config endpoint settings lazily, at the first request;
  // ask for them now so the authorize page and the token calls use one host.
  const lazy = (config as { serviceConfiguredEndpoint?: () => Promise<string | undefined> })
    .serviceConfiguredEndpoint;
  const fromConfig = config.ignoreConfiguredEndpointUrls ? undefined : await lazy?.();
  if (fromConfig) return fromConfig.replace(/\/+$/, '');
  const resolved = config.endpointProvider({
    Region: await config.region(),
    UseFIPS: await config.useFipsEndpoint(),
    UseDualStack: await config.useDualstackEndpoint(),
  });
  return resolved.url.href.replace(/\/+$/, '');
}

/** One client per region, reused across sign-ins and renewals; destroyed on close. */
export class OidcClientPool {
  private readonly clients = new Map<string, SSOOIDCClient>();

  constructor(private readonly env: Env) {}

  get(region: string): SSOOIDCClient {
    let client = this.clients.get(region);
    if (!client) {
      client = createOidcClient(this.env, region);
      this.clients.set(region, client);
    }
    return client;
  }

  close(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
