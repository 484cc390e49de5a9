// A console sign-in URL built from role credentials through the AWS federation
// endpoint (getSigninToken, then Action=login). The result signs anyone in for
// 15 minutes: it is a secret, returned to the caller only, never logged or put
// into an error message.

import type { RoleCredentials } from '../credentials/role-credentials';
import { CredentialsError } from '../credentials/credentials-error';
import { consoleHomeUrl, partitionOfRegion, type Partition } from './partitions';
import { requireHttpsUrl } from './portal-link';

export interface FederationRequest {
  readonly credentials: RoleCredentials;
  /** The Identity Center region: the credentials belong to its partition. */
  readonly ssoRegion: string;
  /** The credentials' partition when they are not Identity Center's (an assumed role's). */
  readonly partition?: Partition;
  /** The console region to land in (the profile's region). */
  readonly region: string | null;
  /** Where to land; default the console home of `region`. */
  readonly destination?: string;
  /** Where the console sends the user when the session ends (the access portal), if anywhere. */
  readonly issuer: string | null;
}

export interface FederationOptions {
  readonly fetch?: typeof fetch;
  /** Replaces the partition's federation endpoint (a proxy, or a local stand-in in tests). */
  readonly federationUrl?: string;
  readonly timeoutMs?: number;
}

export async function federatedConsoleUrl(
  request: FederationRequest,
  options: FederationOptions = {},
): Promise<string> {
  const { credentials } = request;
  if (!credentials.sessionToken) {
    throw new CredentialsError(
      'service-error',
      'Console sign-in needs temporary credentials with a session token.',
    );
  }
  const partition = request.partition ?? partitionOfRegion(request.ssoRegion);
  const destination =
    request.destination ?? consoleHomeUrl(partition, request.region ?? request.ssoRegion);
  requireHttpsUrl(destination, 'The destination');
  const endpoint = options.federationUrl ?? partition.federationUrl;
  const session = JSON.stringify({
    sessionId: credentials.accessKeyId,
    sessionKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
  });
  const tokenUrl = `${endpoint}?Action=getSigninToken&Session=${encodeURIComponent(session)}`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(tokenUrl, {
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      redirect: 'error',
    });
  } catch {
    throw new CredentialsError(
      'network',
      `Could not reach the AWS sign-in endpoint for the ${partition.name} partition. Check the network and try again.`,
    );
  }
  let signinToken: unknown;
  if (response.ok) {
    signinToken = ((await response.json().catch(() => null)) as { SigninToken?: unknown } | null)
      ?.SigninToken;
  }
  if (typeof signinToken !== 'string' || signinToken === '') {
    throw new CredentialsError(
      'service-error',
      `The AWS sign-in endpoint did not accept the role credentials (HTTP ${response.status}).`,
    );
  }
  return (
    `${endpoint}?Action=login` +
    (request.issuer === null ? '' : `&Issuer=${encodeURIComponent(request.issuer)}`) +
    `&Destination=${encodeURIComponent(destination)}` +
    `&SigninToken=${encodeURIComponent(signinToken)}`
  );
}
