// Quoting a value so that each shell (or .env reader) sets exactly that string
// and runs nothing else. Values that need no quoting stay bare, so snippets
// for ordinary names and real credentials read like the AWS CLI's output.

import { SnippetError } from './snippet-error';

/**
 * Characters every shell takes literally in a bare word. `=` is safe inside a
 * word but not first (zsh expands `=cmd` to a path), `~` never (tilde expansion).
 */
const BARE_SAFE = /^[A-Za-z0-9_@%+:,./-][A-Za-z0-9_@%+=:,./-]*$/;

export const needsQuoting = (value: string): boolean => !BARE_SAFE.test(value);

function refuseNul(value: string, where: string): void {
  // An environment variable cannot hold NUL in any OS.
  if (value.includes('\0')) {
    throw new SnippetError(
      'unsafe-value',
      `A value with a NUL character cannot be set in ${where}.`,
    );
  }
}

/** POSIX sh, bash, dash, zsh: single quotes; a quote inside becomes '\''. */
export function quotePosix(value: string): string {
  refuseNul(value, 'a shell');
  if (!needsQuoting(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** fish: single quotes, where only \' and \\ are escapes. */
export function quoteFish(value: string): string {
  refuseNul(value, 'fish');
  // A leading % was process expansion before fish 3.0.
  if (!needsQuoting(value) && !value.startsWith('%')) return value;
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/**
 * fish inside double quotes (the AWS CLI's `set -gx K "V"`): literal unless $ " \ or a newline.
 * NUL goes to quoteFish, which refuses it (fish stops reading the file at a NUL).
 */
export const fishDoubleQuoteSafe = (value: string): boolean => !/["$\\\n\r\0]/.test(value);

// PowerShell also treats the typographic quotes as quote characters.
const PS_SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;
const PS_DOUBLE_QUOTE_SPECIAL = /["`$\u201c\u201d\u201e]/;

/** PowerShell: a single-quoted string is verbatim; each quote character is doubled. */
export function quotePowerShell(value: string): string {
  refuseNul(value, 'PowerShell');
  return `'${value.replace(PS_SINGLE_QUOTES, (q) => q + q)}'`;
}

/**
 * PowerShell inside double quotes (the AWS CLI's `$Env:K="V"`): literal unless " ` $.
 * NUL goes to quotePowerShell, which refuses it like every other format.
 */
export const powerShellDoubleQuoteSafe = (value: string): boolean =>
  !PS_DOUBLE_QUOTE_SPECIAL.test(value) && !value.includes('\0');

/**
 * cmd.exe `set` line. Bare when safe (the AWS CLI's `set K=V`); otherwise the
 * quoted form `set "K=V"`, which keeps & | < > ^ ( ) literal. cmd has no
 * escape for " % ! or a line break inside quotes (%VAR% expands even there),
 * so such values are refused.
 */
export function cmdSetLine(name: string, value: string): string {
  refuseNul(value, 'cmd');
  if (!needsQuoting(value) && !value.includes('%')) return `set ${name}=${value}`;
  if (/["%!\r\n]/.test(value)) {
    throw new SnippetError(
      'unsafe-value',
      `cmd.exe cannot set ${name} to this value safely (it contains " % ! or a line break). Use PowerShell.`,
    );
  }
  return `set "${name}=${value}"`;
}

/** Nushell: single quotes are verbatim; a value with a quote gets a double-quoted string with escapes. */
export function quoteNushell(value: string): string {
  refuseNul(value, 'Nushell');
  if (!value.includes("'")) return `'${value}'`;
  const escaped = value
    .replaceAll('\\', '\\\\')
    .replaceAll('"', '\\"')
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
    .replaceAll('\t', '\\t');
  return `"${escaped}"`;
}

/**
 * A .env value that Node's dotenv / util.parseEnv, python-dotenv, Docker
 * Compose and a POSIX `set -a; . ./.env` all read as the same string: bare,
 * or single quotes, or double quotes without anything they interpret.
 */
export function quoteDotenv(value: string): string {
  refuseNul(value, 'a .env file');
  if (!needsQuoting(value)) return value;
  if (!/['\n\r]/.test(value)) return `'${value}'`;
  if (!/["$\\`\n\r]/.test(value)) return `"${value}"`;
  throw new SnippetError(
    'unsafe-value',
    'This value cannot be written to a .env file so that every reader sees the same string (it mixes quotes with $, \\, ` or a line break). Use a shell snippet.',
  );
}
