// The IAM Identity Center portal calls discovery needs, over the real
// @aws-sdk/client-sso. The endpoint comes from the core's environment
// (AWS_ENDPOINT_URL_SSO, then AWS_ENDPOINT_URL, as the SDK itself resolves
// them), never from a profile's endpoint_url in the user's config: a profile
// pointing at LocalStack must not receive the SSO access token.

import { ListAccountRolesCommand, ListAccountsCommand } from '@aws-sdk/client-sso';
import { createPortalClient } from '../auth/aws-clients';
import type { Env } from '../env';

export interface AccountPage {
  readonly accounts: readonly {
    readonly accountId: string;
    readonly accountName: string;
    readonly emailAddress: string | null;
  }[];
  readonly nextToken: string | null;
}

export interface RolePage {
  readonly roleNames: readonly string[];
  readonly nextToken: string | null;
}

export interface SsoPortal {
  listAccounts(nextToken: string | null): Promise<AccountPage>;
  listAccountRoles(accountId: string, nextToken: string | null): Promise<RolePage>;
  close(): void;
}

export function createSsoPortal(options: {
  readonly region: string;
  readonly accessToken: string;
  readonly env: Env;
}): SsoPortal {
  // Retries are ours (retry.ts): one policy for throttling across many calls.
  const client = createPortalClient(options.env, options.region, { maxAttempts: 1 });
  const accessToken = options.accessToken;
  return {
    async listAccounts(nextToken) {
      const out = await client.send(
        new ListAccountsCommand({ accessToken, ...(nextToken ? { nextToken } : {}) }),
      );
      return {
        accounts: (out.accountList ?? []).flatMap((account) =>
          account.accountId
            ? [
                {
                  accountId: account.accountId,
                  accountName: account.accountName ?? account.accountId,
                  emailAddress: account.emailAddress ?? null,
                },
              ]
            : [],
        ),
        nextToken: out.nextToken || null,
      };
    },
    async listAccountRoles(accountId, nextToken) {
      const out = await client.send(
        new ListAccountRolesCommand({
          accessToken,
          accountId,
          ...(nextToken ? { nextToken } : {}),
        }),
      );
      return {
        roleNames: (out.roleList ?? []).flatMap((role) => (role.roleName ? [role.roleName] : [])),
        nextToken: out.nextToken || null,
      };
    },
    close: () => client.destroy(),
  };
}
