// `aws configure export-credentials --format F`, byte for byte
// (docs/protocol.md, "export-credentials output"; awscli/customizations/configure/exportcreds.py).
// The only deviation: a value that a shell would interpret gets quoted. Real
// credentials (letters, digits, / + =) never need it, so real output matches.

import { pythonJsonDumps } from '../token-cache/python-json';
import type { RoleCredentials } from '../credentials/role-credentials';
import {
  cmdSetLine,
  fishDoubleQuoteSafe,
  powerShellDoubleQuoteSafe,
  quoteFish,
  quotePosix,
  quotePowerShell,
} from './shell-quote';

export const AWS_CLI_FORMATS = [
  'env',
  'env-no-export',
  'powershell',
  'windows-cmd',
  'fish',
  'process',
] as const;
export type AwsCliFormat = (typeof AWS_CLI_FORMATS)[number];

export const isAwsCliFormat = (value: string): value is AwsCliFormat =>
  (AWS_CLI_FORMATS as readonly string[]).includes(value);

/**
 * The CLI's expiry: botocore keeps whole seconds (`%Y-%m-%dT%H:%M:%SZ`), and
 * the export prints `datetime.isoformat()`, so `2026-01-01T12:00:00+00:00`.
 */
export function formatCliExpiration(epochMs: number): string {
  const seconds = new Date(Math.floor(epochMs / 1000) * 1000).toISOString();
  return `${seconds.slice(0, 19)}+00:00`;
}

/** Variable names and values in the CLI's order; token and expiry only when present. */
export function credentialVariables(credentials: RoleCredentials): [string, string][] {
  const vars: [string, string][] = [
    ['AWS_ACCESS_KEY_ID', credentials.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey],
  ];
  if (credentials.sessionToken !== null) vars.push(['AWS_SESSION_TOKEN', credentials.sessionToken]);
  if (credentials.expiration !== null) {
    vars.push(['AWS_CREDENTIAL_EXPIRATION', formatCliExpiration(credentials.expiration)]);
  }
  return vars;
}

/** One `name = value` line in a per-line format. */
export function cliLine(format: Exclude<AwsCliFormat, 'process'>, name: string, value: string) {
  switch (format) {
    case 'env':
      return `export ${name}=${quotePosix(value)}`;
    case 'env-no-export':
      return `${name}=${quotePosix(value)}`;
    case 'powershell':
      return powerShellDoubleQuoteSafe(value)
        ? `$Env:${name}="${value}"`
        : `$Env:${name}=${quotePowerShell(value)}`;
    case 'windows-cmd':
      return cmdSetLine(name, value);
    case 'fish':
      return fishDoubleQuoteSafe(value)
        ? `set -gx ${name} "${value}"`
        : `set -gx ${name} ${quoteFish(value)}`;
  }
}

/** Python's `json.dumps(output, indent=2, separators=(',', ': '))` plus the trailing newline. */
function processJson(credentials: RoleCredentials): string {
  const entries: [string, string | number][] = [
    ['Version', 1],
    ['AccessKeyId', credentials.accessKeyId],
    ['SecretAccessKey', credentials.secretAccessKey],
  ];
  if (credentials.sessionToken !== null) entries.push(['SessionToken', credentials.sessionToken]);
  if (credentials.expiration !== null) {
    entries.push(['Expiration', formatCliExpiration(credentials.expiration)]);
  }
  const body = entries
    .map(([key, value]) => `  ${pythonJsonDumps(key)}: ${pythonJsonDumps(value)}`)
    .join(',\n');
  return `{\n${body}\n}\n`;
}

export function formatAwsCliCredentials(
  credentials: RoleCredentials,
  format: AwsCliFormat,
): string {
  if (format === 'process') return processJson(credentials);
  return credentialVariables(credentials)
    .map(([name, value]) => `${cliLine(format, name, value)}\n`)
    .join('');
}
