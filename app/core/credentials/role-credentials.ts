// A role's temporary credentials from the SSO portal (GetRoleCredentials).
// Secrets: they stay in the core's memory and reach only the clipboard or
// stdout on an explicit user action; never a file, a log or the renderer.

export interface RoleCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string | null;
  /** Epoch milliseconds, or null when the portal gave none. */
  readonly expiration: number | null;
}

/** Every secret value in a set of credentials, for masking. */
export function secretValuesOf(credentials: RoleCredentials): string[] {
  return [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken].filter(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
}
