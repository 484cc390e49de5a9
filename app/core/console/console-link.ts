// The console link for a profile: the access portal's shortcut by default (no
// credentials involved), or a federation sign-in URL from role credentials. A
// chained profile's role is assumed through STS, where the portal has no
// shortcut: only the federation link reaches its console.

import { CredentialsError } from '../credentials/credentials-error';
import type { ProfileCredentials } from '../credentials/profile-credentials';
import { federatedConsoleUrl, type FederationOptions } from './federation';
import { partitionOfArn } from './partitions';
import { portalConsoleUrl } from './portal-link';

export interface ConsoleLinkOptions {
  readonly federated?: boolean;
  readonly destination?: string;
  readonly federation?: FederationOptions;
}

export interface ConsoleLink {
  readonly url: string;
  /** A federation URL signs anyone in: show it only to the user who asked, never log it. */
  readonly secret: boolean;
}

export async function consoleLink(
  credentials: ProfileCredentials,
  profile: string,
  options: ConsoleLinkOptions = {},
): Promise<ConsoleLink> {
  const signsInAs = credentials.consoleTarget(profile);
  if (signsInAs.kind === 'assumed-role') {
    if (!options.federated) {
      throw new CredentialsError(
        'not-supported',
        `Profile "${profile}" assumes ${signsInAs.roleArn} through STS; the access portal has no console link for it. In a terminal, \`sso-tray console ${profile} --federated\` prints a sign-in link made from its credentials.`,
      );
    }
    const partition = partitionOfArn(signsInAs.roleArn);
    const url = await federatedConsoleUrl(
      {
        credentials: await credentials.get(profile),
        ssoRegion: signsInAs.region ?? partition.homeRegion,
        partition,
        region: signsInAs.region,
        destination: options.destination,
        issuer: signsInAs.startUrl,
      },
      options.federation,
    );
    return { url, secret: true };
  }
  const { target } = signsInAs;
  if (!options.federated) {
    return { url: portalConsoleUrl(target, options.destination), secret: false };
  }
  const url = await federatedConsoleUrl(
    {
      credentials: await credentials.get(profile),
      ssoRegion: target.ssoRegion,
      region: target.region,
      destination: options.destination,
      issuer: target.startUrl,
    },
    options.federation,
  );
  return { url, secret: true };
}
