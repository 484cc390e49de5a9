// The IAM Identity Center portal (role credentials, account discovery,
// sign-out) over the real @aws-sdk/client-sso, loaded on first use. Every call
// sends the access token as a bearer, so the endpoint comes only from the
// core's environment (AWS_ENDPOINT_URL_SSO, then AWS_ENDPOINT_URL), never from a
// profile's endpoint_url or a `services` section of the user's config (a
// profile pointing at LocalStack must not receive the token). Every call has
// deadlines.

import type {
  GetRoleCredentialsCommandInput,
  GetRoleCredentialsCommandOutput,
  ListAccountRolesCommandInput,
  ListAccountRolesCommandOutput,
  ListAccountsCommandInput,
  ListAccountsCommandOutput,
  LogoutCommandInput,
  SSOClient,
} from '@aws-sdk/client-sso';
import type { Env } from '../env';
import {
  answeredInTime,
  configuredEndpoint,
  hostOf,
  requestHandlerOptions,
  type CallContext,
  type NetworkDeadlines,
} from './network';
import { loadPortalSdk, type PortalSdk } from './sdk';

export interface PortalApi {
  getRoleCredentials(
    input: GetRoleCredentialsCommandInput,
    signal?: AbortSignal,
  ): Promise<GetRoleCredentialsCommandOutput>;
  listAccounts(
    input: ListAccountsCommandInput,
    signal?: AbortSignal,
  ): Promise<ListAccountsCommandOutput>;
  listAccountRoles(
    input: ListAccountRolesCommandInput,
    signal?: AbortSignal,
  ): Promise<ListAccountRolesCommandOutput>;
  logout(input: LogoutCommandInput, signal?: AbortSignal): Promise<void>;
}

export interface PortalOptions {
  /** 1 when the caller retries itself (discovery has one policy across many calls). */
  readonly maxAttempts?: number;
}

const SERVICE = 'The IAM Identity Center portal';

async function createClient(
  env: Env,
  region: string,
  deadlines: NetworkDeadlines,
  options: PortalOptions,
): Promise<SSOClient> {
  const { SSOClient } = await loadPortalSdk();
  const endpoint = configuredEndpoint(env, 'SSO');
  return new SSOClient({
    region,
    ...(endpoint ? { endpoint } : {}),
    ignoreConfiguredEndpointUrls: true,
    requestHandler: requestHandlerOptions(deadlines),
    ...options,
  });
}

function portalApi(env: Env, region: string, context: CallContext, options: PortalOptions) {
  let client: Promise<SSOClient> | null = null;
  const get = () => (client ??= createClient(env, region, context.deadlines, options));
  const host = async () => {
    const endpoint = configuredEndpoint(env, 'SSO');
    return endpoint ? hostOf(endpoint) : `portal.sso.${region}.amazonaws.com`;
  };
  const call = <T>(run: (client: SSOClient, sdk: PortalSdk) => Promise<T>) =>
    answeredInTime(SERVICE, host, context, async () => run(await get(), await loadPortalSdk()));
  const api: PortalApi = {
    getRoleCredentials: (input, signal) =>
      call((c, sdk) => c.send(new sdk.GetRoleCredentialsCommand(input), { abortSignal: signal })),
    listAccounts: (input, signal) =>
      call((c, sdk) => c.send(new sdk.ListAccountsCommand(input), { abortSignal: signal })),
    listAccountRoles: (input, signal) =>
      call((c, sdk) => c.send(new sdk.ListAccountRolesCommand(input), { abortSignal: signal })),
    logout: (input, signal) =>
      call(async (c, sdk) => {
        await c.send(new sdk.LogoutCommand(input), { abortSignal: signal });
      }),
  };
  return { api, destroy: () => void client?.then((c) => c.destroy()) };
}

/** One portal client per region (and retry policy), reused; destroyed on close. */
export class PortalApiPool {
  private readonly apis = new Map<string, ReturnType<typeof portalApi>>();

  constructor(
    private readonly env: Env,
    private readonly context: CallContext,
  ) {}

  get(region: string, options: PortalOptions = {}): PortalApi {
    const key = `${region} ${options.maxAttempts ?? ''}`;
    let entry = this.apis.get(key);
    if (!entry) {
      entry = portalApi(this.env, region, this.context, options);
      this.apis.set(key, entry);
    }
    return entry.api;
  }

  close(): void {
    for (const entry of this.apis.values()) entry.destroy();
    this.apis.clear();
  }
}
