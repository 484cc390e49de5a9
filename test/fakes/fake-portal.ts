// The SSO portal (client-sso): GetRoleCredentials, ListAccounts,
// ListAccountRoles with pagination, and Logout, all behind the
// `x-amz-sso_bearer_token` header.

import type { ServerResponse } from 'node:http';
import { fakeRoleCredentials } from './fake-role-credentials';
import type { AccessTokenRecord, FakeState } from './fake-state';
import { sendJson, sendPortalError } from './fake-wire';

export const BEARER_HEADER = 'x-amz-sso_bearer_token';

function bearer(
  state: FakeState,
  headers: Record<string, string>,
  res: ServerResponse,
): AccessTokenRecord | null {
  const record = state.validBearer(headers[BEARER_HEADER]);
  if (!record) sendPortalError(res, 'UnauthorizedException', 'Session token not found or invalid');
  return record;
}

function page<T>(items: readonly T[], query: URLSearchParams, pageSize: number) {
  const token = query.get('next_token');
  const start = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) : 0;
  const max = Math.min(Number(query.get('max_result') ?? pageSize) || pageSize, pageSize);
  if (!Number.isInteger(start) || start < 0 || start > items.length) return null;
  const end = start + max;
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined,
  };
}

export function getRoleCredentials(
  state: FakeState,
  query: URLSearchParams,
  headers: Record<string, string>,
  res: ServerResponse,
): void {
  if (!bearer(state, headers, res)) return;
  const accountId = query.get('account_id');
  const roleName = query.get('role_name');
  if (!accountId || !roleName) {
    return sendPortalError(res, 'InvalidRequestException', 'account_id and role_name required');
  }
  const account = state.knobs.accounts.find((a) => a.accountId === accountId);
  if (!account?.roles.includes(roleName)) {
    return sendPortalError(res, 'ForbiddenException', 'No access');
  }
  sendJson(res, 200, {
    roleCredentials: fakeRoleCredentials(accountId, roleName, state.knobs.roleCredentialsExpiresAt),
  });
}

export function listAccounts(
  state: FakeState,
  query: URLSearchParams,
  headers: Record<string, string>,
  res: ServerResponse,
): void {
  if (!bearer(state, headers, res)) return;
  const result = page(state.knobs.accounts, query, state.knobs.pageSize);
  if (!result) return sendPortalError(res, 'InvalidRequestException', 'Invalid next token');
  sendJson(res, 200, {
    ...(result.nextToken ? { nextToken: result.nextToken } : {}),
    accountList: result.items.map((a) => ({
      accountId: a.accountId,
      accountName: a.accountName,
      ...(a.emailAddress ? { emailAddress: a.emailAddress } : {}),
    })),
  });
}

export function listAccountRoles(
  state: FakeState,
  query: URLSearchParams,
  headers: Record<string, string>,
  res: ServerResponse,
): void {
  if (!bearer(state, headers, res)) return;
  const account = state.knobs.accounts.find((a) => a.accountId === query.get('account_id'));
  if (!account) return sendPortalError(res, 'ResourceNotFoundException', 'Account not found');
  const result = page(account.roles, query, state.knobs.pageSize);
  if (!result) return sendPortalError(res, 'InvalidRequestException', 'Invalid next token');
  sendJson(res, 200, {
    ...(result.nextToken ? { nextToken: result.nextToken } : {}),
    roleList: result.items.map((roleName) => ({ roleName, accountId: account.accountId })),
  });
}

export function logout(
  state: FakeState,
  headers: Record<string, string>,
  res: ServerResponse,
): void {
  const record = bearer(state, headers, res);
  if (!record) return;
  state.endSignIn(record.signInId);
  res.writeHead(200, { 'content-length': 0 });
  res.end();
}
