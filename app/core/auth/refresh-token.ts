// One silent renewal: CreateToken with grantType refresh_token (aws-sso-protocol.md
// section 3), and the token file the AWS CLI would write for the answer.

import { CreateTokenCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { CachedToken, NewToken } from '../cache/token-file';
import { AuthError, toAuthError } from './auth-error';
import type { CreateTokenResult, SignInTarget } from './flow-context';

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
  if (!response.accessToken || response.expiresIn === undefined) {
    throw new AuthError(
      'service-error',
      `IAM Identity Center returned no access token for ${target.name}.`,
    );
  }
  return {
    // Like botocore: start URL and region from the config, registration kept from the file.
    startUrl: target.startUrl,
    region: target.region,
    accessToken: response.accessToken,
    expiresAt: Math.floor(input.now() / 1000) * 1000 + response.expiresIn * 1000,
    clientId: token.clientId,
    clientSecret: token.clientSecret,
    registrationExpiresAt: token.registrationExpiresAt,
    // Keep the old refresh token when the service does not rotate it (botocore would drop it).
    refreshToken: response.refreshToken ?? token.refreshToken,
  };
}
