// The AWS SDK clients are loaded on first use, so commands that never go to
// the network (status, doctor, export in profile mode) start without them. Only
// this module imports the SDK packages' code; others import their types.

import type * as OidcModule from '@aws-sdk/client-sso-oidc';
import type * as PortalModule from '@aws-sdk/client-sso';
import type * as StsModule from '@aws-sdk/client-sts';

export type OidcSdk = typeof OidcModule;
export type PortalSdk = typeof PortalModule;
export type StsSdk = typeof StsModule;

let oidc: Promise<OidcSdk> | undefined;
let portal: Promise<PortalSdk> | undefined;
let sts: Promise<StsSdk> | undefined;

export const loadOidcSdk = (): Promise<OidcSdk> => (oidc ??= import('@aws-sdk/client-sso-oidc'));
export const loadPortalSdk = (): Promise<PortalSdk> => (portal ??= import('@aws-sdk/client-sso'));
export const loadStsSdk = (): Promise<StsSdk> => (sts ??= import('@aws-sdk/client-sts'));
