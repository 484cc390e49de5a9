// Client registrations in ~/.aws/sso/cache, shared with the AWS CLI
// (docs/protocol.md, "Client registrations"): same key, same content, same reuse rules,
// so the CLI reuses ours and we reuse theirs.

import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SignInFlow } from '../../shared/model';
import { pythonJsonDumps } from './python-json';
import { formatCliTimestamp, parseIsoTimestamp } from './token-file';
import { ensurePrivateDir, writeFileAtomic } from '../fs/atomic-write';

export interface RegistrationKeyArgs {
  readonly startUrl: string;
  readonly region: string;
  /** `sso_registration_scopes` as configured, or null when not configured. */
  readonly scopes: readonly string[] | null;
  /** The sso-session name, or null for legacy profiles. */
  readonly sessionName: string | null;
}

/** sha1 of Python `json.dumps(args, sort_keys=True)`, exactly as botocore computes it. */
export function registrationCacheKey(args: RegistrationKeyArgs): string {
  const text = pythonJsonDumps(
    {
      tool: 'botocore',
      startUrl: args.startUrl,
      region: args.region,
      scopes: args.scopes,
      session_name: args.sessionName,
    },
    { sortKeys: true },
  );
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

export interface ClientRegistration {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Epoch ms (clientSecretExpiresAt). */
  readonly expiresAt: number;
  readonly scopes: readonly string[] | null;
  readonly grantTypes: readonly string[] | null;
}

const stringList = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : null;

/** A registration file as the CLI or we wrote it; null for anything else. */
export function parseRegistration(text: string): ClientRegistration | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const raw = data as Record<string, unknown>;
  const expiresAt = parseIsoTimestamp(raw.expiresAt);
  if (
    typeof raw.clientId !== 'string' ||
    raw.clientId === '' ||
    typeof raw.clientSecret !== 'string' ||
    raw.clientSecret === '' ||
    expiresAt === null
  ) {
    return null;
  }
  return {
    clientId: raw.clientId,
    clientSecret: raw.clientSecret,
    expiresAt,
    scopes: stringList(raw.scopes),
    grantTypes: stringList(raw.grantTypes),
  };
}

/** The CLI's bytes: Python json.dumps in insertion order, `expiresAt` as `...Z`. */
export function serializeRegistration(registration: ClientRegistration): string {
  return pythonJsonDumps({
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    expiresAt: formatCliTimestamp(registration.expiresAt),
    scopes: registration.scopes ?? undefined,
    grantTypes: registration.grantTypes ?? undefined,
  });
}

// The CLI re-registers when less than this is left.
export const REGISTRATION_REUSE_MARGIN_MS = 15 * 60_000;

/**
 * Whether a cached registration can serve this flow: more than 15 minutes
 * left, the grant type fits (PKCE needs authorization_code, the device flow a
 * registration without it), and it was registered with every scope we ask for.
 */
export function registrationFits(
  registration: ClientRegistration,
  flow: SignInFlow,
  wantedScopes: readonly string[] | null,
  now: number,
): boolean {
  if (registration.expiresAt - now <= REGISTRATION_REUSE_MARGIN_MS) return false;
  const hasCodeGrant = registration.grantTypes?.includes('authorization_code') ?? false;
  if (flow === 'pkce' ? !hasCodeGrant : hasCodeGrant) return false;
  const have = new Set(registration.scopes ?? []);
  return (wantedScopes ?? []).every((scope) => have.has(scope));
}

export function registrationFile(cacheDir: string, key: string): string {
  return path.join(cacheDir, `${key}.json`);
}

/** The cached registration, or null when missing or unreadable (never throws). */
export async function readRegistration(
  cacheDir: string,
  key: string,
): Promise<ClientRegistration | null> {
  try {
    return parseRegistration(await fs.readFile(registrationFile(cacheDir, key), 'utf8'));
  } catch {
    return null;
  }
}

export async function writeRegistration(
  cacheDir: string,
  key: string,
  registration: ClientRegistration,
): Promise<void> {
  await ensurePrivateDir(cacheDir);
  await writeFileAtomic(registrationFile(cacheDir, key), serializeRegistration(registration));
}
