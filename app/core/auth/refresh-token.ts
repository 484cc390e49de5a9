// One silent renewal: CreateToken with grantType refresh_token (docs/protocol.md,
// "Renewal"), and the token file the AWS CLI would write for the answer.

import type { OidcApi } from '../aws/oidc-api';
import type { CachedToken, NewToken } from '../token-cache/token-file';
import { AuthError, toAuthError } from './auth-error';
import { tokenFromResponse, type CreateTokenResult, type SignInTarget } from './flow-context';

export async function refreshSessionToken(input: {
  readonly oidc: OidcApi;
  readonly target: SignInTarget;
  readonly token: CachedToken;
  readonly now: () => number;
  readonly signal?: AbortSignal;
}): Promise<NewToken> {
  const { oidc, target, token } = input;
  if (!token.refreshToken || !token.clientId || !token.clientSecret) {
    throw new AuthError(
      'session-ended',
      `The cached token of ${target.name} cannot be renewed (no refresh token or client registration); sign in again.`,
    );
  }
  let response: CreateTokenResult;
  try {
    response = await oidc.createToken(
      {
        grantType: 'refresh_token',
        clientId: token.clientId,
        clientSecret: token.clientSecret,
        refreshToken: token.refreshToken,
      },
      input.signal,
    );
  } catch (error) {
    throw toAuthError(error, `renew the sign-in of ${target.name}`, input.signal);
  }
  // Like botocore: start URL and region from the config, registration kept from the file.
  const renewed = tokenFromResponse(
    target,
    {
      clientId: token.clientId,
      clientSecret: token.clientSecret,
      expiresAt: token.registrationExpiresAt,
    },
    response,
    input.now(),
  );
  // Keep the old refresh token when the service does not rotate it (botocore would drop it).
  return { ...renewed, refreshToken: response.refreshToken ?? token.refreshToken };
}
