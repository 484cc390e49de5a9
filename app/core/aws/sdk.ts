// The AWS SDK clients are loaded on first use, so commands that never go to
// the network (status, doctor, export in profile mode) start without them. Only
// this module imports the SDK packages' code; others import their types.

type OidcSdk = typeof import('@aws-sdk/client-sso-oidc');
type PortalSdk = typeof import('@aws-sdk/client-sso');
type StsSdk = typeof import('@aws-sdk/client-sts');

let oidc: Promise<OidcSdk> | undefined;
let portal: Promise<PortalSdk> | undefined;
let sts: Promise<StsSdk> | undefined;

export const loadOidcSdk = (): Promise<OidcSdk> => (oidc ??= import('@aws-sdk/client-sso-oidc'));
export const loadPortalSdk = (): Promise<PortalSdk> => (portal ??= import('@aws-sdk/client-sso'));
export const loadStsSdk = (): Promise<StsSdk> => (sts ??= import('@aws-sdk/client-sts'));
