// The console link for a profile: the access portal's shortcut by default (no
// credentials involved), or a federation sign-in URL from role credentials.

import type { RoleCredentialsService } from '../credentials/role-credentials-service';
import { federatedConsoleUrl, type FederationOptions } from './federation';
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
  credentials: RoleCredentialsService,
  profile: string,
  options: ConsoleLinkOptions = {},
): Promise<ConsoleLink> {
  const target = credentials.target(profile);
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
