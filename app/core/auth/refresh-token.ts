// One silent renewal: CreateToken with grantType refresh_token (aws-sso-protocol.md
// section 3), and the token file the AWS CLI would write for the answer.

import { CreateTokenCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { CachedToken, NewToken } from '../cache/token-file';
import { AuthError, toAuthError } from './auth-error';
import { tokenFromResponse, type CreateTokenResult, type SignInTarget } from './flow-context';

export async function refreshSessionToken(input: {
  readonly client: SSOOIDCClient;
  readonly target: SignInTarget;
  readonly token: CachedToken;
  readonly now: () => number;
  readonly signal?: AbortSignal;
}): Promise<NewToken> {
  const { client, target, token } = input;
  if (!token.refreshToken || !token.clientId || !token.clientSecret) {
    throw new AuthError(
      'session-ended',
      `The cached token of ${target.name} cannot be renewed (no refresh token or client registration); sign in again.`,
    );
  }
  let response: CreateTokenResult;
  try {
    response = await client.send(
      new CreateTokenCommand({
        grantType: 'refresh_token',
        clientId: token.clientId,
        clientSecret: token.clientSecret,
        refreshToken: token.refreshToken,
      }),
      { abortSignal: input.signal },
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
