// Masked previews: what the window may show of a snippet. The preview is built
// from stand-in credentials (so no secret ever enters it) and then scanned for
// the real values as a second guard.

import type { ExportPreview } from '../../shared/api';
import type { RoleCredentials } from '../credentials/role-credentials';
import { secretValuesOf } from '../credentials/role-credentials';
import { buildSnippet, type SnippetInput } from './snippets';

export const SECRET_MASK = '••••••••';

// Letters only, so quoting never changes them and each is found again verbatim.
const STAND_INS = {
  accessKeyId: 'SSOTRAYMASKEDACCESSKEYID',
  secretAccessKey: 'SSOTRAYMASKEDSECRETACCESSKEY',
  sessionToken: 'SSOTRAYMASKEDSESSIONTOKEN',
} as const;

/** Replaces every occurrence of every secret value with the mask (longest first). */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of [...secrets].filter(Boolean).sort((a, b) => b.length - a.length)) {
    masked = masked.replaceAll(secret, SECRET_MASK);
  }
  return masked;
}

function standInCredentials(credentials: RoleCredentials): RoleCredentials {
  return {
    accessKeyId: STAND_INS.accessKeyId,
    secretAccessKey: STAND_INS.secretAccessKey,
    sessionToken: credentials.sessionToken === null ? null : STAND_INS.sessionToken,
    expiration: credentials.expiration,
  };
}

/** The snippet as the window may show it: same lines, every secret value masked. */
export function previewSnippet(input: SnippetInput): ExportPreview {
  const real = input.credentials ?? null;
  const snippet = buildSnippet({
    ...input,
    credentials: real === null ? real : standInCredentials(real),
  });
  const text = maskSecrets(snippet.text, Object.values(STAND_INS));
  return {
    maskedText: real === null ? text : maskSecrets(text, secretValuesOf(real)),
    expiresAt: snippet.expiresAt,
  };
}
