// The IAM Identity Center portal calls discovery needs, as pages, over the
// portal API (app/core/aws/portal-api.ts).

import type { PortalApi } from '../aws/portal-api';

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
}

/** `portal` should make one attempt per call: the retries are ours (retry.ts). */
export function createSsoPortal(portal: PortalApi, accessToken: string): SsoPortal {
  return {
    async listAccounts(nextToken) {
      const out = await portal.listAccounts({ accessToken, ...(nextToken ? { nextToken } : {}) });
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
      const out = await portal.listAccountRoles({
        accessToken,
        accountId,
        ...(nextToken ? { nextToken } : {}),
      });
      return {
        roleNames: (out.roleList ?? []).flatMap((role) => (role.roleName ? [role.roleName] : [])),
        nextToken: out.nextToken || null,
      };
    },
  };
}
