// SSO-OIDC (sign-in and renewal) over the real @aws-sdk/client-sso-oidc,
// loaded on first use. The endpoint comes from the SDK's own variables read
// from the core's environment (AWS_ENDPOINT_URL_SSO_OIDC, then
// AWS_ENDPOINT_URL), so the core and the SDK agree even when the core was
// started with an env other than process.env. Every call has deadlines.

import type {
  CreateTokenCommandInput,
  CreateTokenCommandOutput,
  RegisterClientCommandInput,
  RegisterClientCommandOutput,
  SSOOIDCClient,
  StartDeviceAuthorizationCommandInput,
  StartDeviceAuthorizationCommandOutput,
} from '@aws-sdk/client-sso-oidc';
import type { Env } from '../env';
import {
  answeredInTime,
  configuredEndpoint,
  hostOf,
  requestHandlerOptions,
  type CallContext,
  type NetworkDeadlines,
} from './network';
import { loadOidcSdk } from './sdk';

export interface OidcApi {
  registerClient(
    input: RegisterClientCommandInput,
    signal?: AbortSignal,
  ): Promise<RegisterClientCommandOutput>;
  startDeviceAuthorization(
    input: StartDeviceAuthorizationCommandInput,
    signal?: AbortSignal,
  ): Promise<StartDeviceAuthorizationCommandOutput>;
  createToken(
    input: CreateTokenCommandInput,
    signal?: AbortSignal,
  ): Promise<CreateTokenCommandOutput>;
  /** The base URL the client sends to (after any override), without a trailing slash. */
  baseUrl(): Promise<string>;
}

const SERVICE = 'IAM Identity Center';

async function createClient(env: Env, region: string, deadlines: NetworkDeadlines) {
  const { SSOOIDCClient } = await loadOidcSdk();
  const endpoint = configuredEndpoint(env, 'SSO OIDC');
  return new SSOOIDCClient({
    region,
    ...(endpoint ? { endpoint } : {}),
    requestHandler: requestHandlerOptions(deadlines),
  });
}

/** The base URL of an OIDC client: the PKCE authorize page lives on the same host. */
async function clientBaseUrl(client: SSOOIDCClient): Promise<string> {
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

function oidcApi(env: Env, region: string, context: CallContext) {
  let client: Promise<SSOOIDCClient> | null = null;
  const get = () => (client ??= createClient(env, region, context.deadlines));
  const baseUrl = async () => clientBaseUrl(await get());
  const host = async () => hostOf(await baseUrl());
  const call = <T>(run: (client: SSOOIDCClient) => Promise<T>) =>
    answeredInTime(SERVICE, host, context, async () => run(await get()));
  const api: OidcApi = {
    registerClient: (input, signal) =>
      call(async (c) =>
        c.send(new (await loadOidcSdk()).RegisterClientCommand(input), { abortSignal: signal }),
      ),
    startDeviceAuthorization: (input, signal) =>
      call(async (c) =>
        c.send(new (await loadOidcSdk()).StartDeviceAuthorizationCommand(input), {
          abortSignal: signal,
        }),
      ),
    createToken: (input, signal) =>
      call(async (c) =>
        c.send(new (await loadOidcSdk()).CreateTokenCommand(input), { abortSignal: signal }),
      ),
    baseUrl,
  };
  return { api, destroy: () => void client?.then((c) => c.destroy()) };
}

/** One OIDC client per region, reused across sign-ins and renewals; destroyed on close. */
export class OidcApiPool {
  private readonly apis = new Map<string, ReturnType<typeof oidcApi>>();

  constructor(
    private readonly env: Env,
    private readonly context: CallContext,
  ) {}

  get(region: string): OidcApi {
    let entry = this.apis.get(region);
    if (!entry) {
      entry = oidcApi(this.env, region, this.context);
      this.apis.set(region, entry);
    }
    return entry.api;
  }

  close(): void {
    for (const entry of this.apis.values()) entry.destroy();
    this.apis.clear();
  }
}
