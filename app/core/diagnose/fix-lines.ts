// Fix lines in the user's own shell, with the same quoting the export snippets
// use, so a fix can be pasted as is.

import type { ExportShell } from '../../shared/api';
import {
  needsQuoting,
  quoteFish,
  quoteNushell,
  quotePosix,
  quotePowerShell,
} from '../export/shell-quote';
import { buildSnippet, clearVariableLines, setVariableLine } from '../export/snippets';

/** Fixes are typed into a terminal: a .env user gets bash lines. */
const terminal = (shell: ExportShell): ExportShell => (shell === 'dotenv' ? 'bash' : shell);

/** One command-line argument, quoted for `shell`. */
export function shellArg(shell: ExportShell, value: string): string {
  switch (terminal(shell)) {
    case 'fish':
      return quoteFish(value);
    case 'powershell':
      // Bare words can still mean something (@splat, $var); a verbatim string never does.
      return quotePowerShell(value);
    case 'nushell':
      return needsQuoting(value) ? quoteNushell(value) : value;
    case 'cmd':
      return needsQuoting(value) ? `"${value.replaceAll('"', '""')}"` : value;
    default:
      return quotePosix(value);
  }
}

/** The lines that select `profile` and clear the keys that would override it. */
export function selectProfileLines(shell: ExportShell, profile: string): string[] {
  return buildSnippet({ target: terminal(shell), mode: 'profile', profile, region: null })
    .text.trimEnd()
    .split('\n');
}

export const unsetLines = (shell: ExportShell, names: readonly string[]): string[] =>
  clearVariableLines(terminal(shell), names);

export const setLine = (shell: ExportShell, name: string, value: string): string =>
  setVariableLine(terminal(shell), name, value);

/** How to sign in again: ours, and the AWS CLI's own command. */
export function signInLines(
  shell: ExportShell,
  session: { readonly name: string; readonly kind: 'sso-session' | 'legacy' },
  profile: string | null,
): string[] {
  const legacy = session.kind === 'legacy';
  const ours = `sso-tray login ${shellArg(shell, legacy && profile ? profile : session.name)}`;
  const aws = legacy
    ? `aws sso login --profile ${shellArg(shell, profile ?? session.name)}`
    : `aws sso login --sso-session ${shellArg(shell, session.name)}`;
  return [ours, aws];
}
