// Pure helpers over the doctor's findings: how many need the user, which a
// sign-in fixes, and when the doctor should look again.
import type { Finding, FindingSeverity } from '../../../app/shared/api';
import type { SessionView, Snapshot } from '../../../app/shared/model';

/** Findings the user should act on (the header badge counts exactly these). */
export const isProblem = (finding: Finding): boolean => finding.severity !== 'info';

export function findingCounts(findings: readonly Finding[]): {
  readonly problems: number;
  readonly notes: number;
} {
  const problems = findings.filter(isProblem).length;
  return { problems, notes: findings.length - problems };
}

export function worstSeverity(findings: readonly Finding[]): FindingSeverity | null {
  if (findings.some((f) => f.severity === 'error')) return 'error';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  return findings.length > 0 ? 'info' : null;
}

/** "4 problems, 1 note", "No problems". */
export function countsText(findings: readonly Finding[]): string {
  const { problems, notes } = findingCounts(findings);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [problems > 0 ? plural(problems, 'problem') : 'No problems'];
  if (notes > 0) parts.push(plural(notes, 'note'));
  return parts.join(', ');
}

// Findings about a session's sign-in: a Sign in button fixes them in one click.
const SIGN_IN_FINDINGS = new Set([
  'session-signed-out',
  'session-expired',
  'session-invalid',
  'session-expiring',
  'token-start-url-mismatch',
]);

/** The session a Sign in button fixes this finding for, or null. */
export function signInFixes(finding: Finding, snapshot: Snapshot | null): SessionView | null {
  if (!finding.session || !SIGN_IN_FINDINGS.has(finding.id)) return null;
  return snapshot?.sessions.find((s) => s.name === finding.session) ?? null;
}

/**
 * Changes when something the doctor reads from the snapshot changes (states,
 * problems, profiles), and not for a sign-in's progress or a renewal's new expiry.
 */
export function diagnosisKey(snapshot: Snapshot | null): string | null {
  if (!snapshot) return null;
  return [
    snapshot.configFile,
    ...snapshot.sessions.map((s) => `${s.name}=${s.state}:${s.renewal.mode}`),
    ...snapshot.profiles.map((p) => p.name),
    ...snapshot.problems.map((p) => `${p.code}@${p.file ?? ''}:${p.line ?? ''}`),
  ].join('\n');
}
