// Every account the signed-in user can reach and every role in each: all pages
// of ListAccounts, then ListAccountRoles per account with bounded concurrency,
// each call retried on throttling / 5xx / network failures. All or nothing: a
// partial list would make pruning remove profiles of accounts we failed to read.

import { mapWithConcurrency } from './concurrency';
import { withRetry, type RetryContext } from './retry';
import type { SsoPortal } from './sso-portal';

export interface AccountAssignments {
  readonly accountId: string;
  readonly accountName: string;
  readonly emailAddress: string | null;
  readonly roleNames: readonly string[];
}

// A portal that keeps handing out next tokens would otherwise loop forever.
const MAX_PAGES = 10_000;

async function allPages<T>(
  fetchPage: (
    nextToken: string | null,
  ) => Promise<{ items: readonly T[]; nextToken: string | null }>,
  what: string,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let nextToken: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetchPage(nextToken);
    items.push(...result.items);
    if (result.nextToken === null) return items;
    if (seen.has(result.nextToken)) throw new Error(`${what} repeated a page token`);
    seen.add(result.nextToken);
    nextToken = result.nextToken;
  }
  throw new Error(`${what} returned more than ${MAX_PAGES} pages`);
}

export async function listAssignments(
  portal: SsoPortal,
  options: { readonly concurrency: number; readonly retry: RetryContext },
): Promise<AccountAssignments[]> {
  const accounts = await allPages(async (token) => {
    const page = await withRetry(() => portal.listAccounts(token), options.retry);
    return { items: page.accounts, nextToken: page.nextToken };
  }, 'ListAccounts');
  // The same account twice (a portal quirk) must not plan its roles twice.
  const unique = [...new Map(accounts.map((a) => [a.accountId, a])).values()];
  return mapWithConcurrency(unique, options.concurrency, async (account) => {
    const roleNames = await allPages(async (token) => {
      const page = await withRetry(
        () => portal.listAccountRoles(account.accountId, token),
        options.retry,
      );
      return { items: page.roleNames, nextToken: page.nextToken };
    }, `ListAccountRoles for ${account.accountId}`);
    return { ...account, roleNames: [...new Set(roleNames)] };
  });
}
