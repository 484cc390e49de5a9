// What to type to sign in again, and the warning for a profile whose session
// needs it: the same words in `status`, `export` and wherever else.

import type { SessionState, SessionView, Snapshot } from '../shared/model';

/** A name as one shell word (POSIX quoting only when needed). */
const shellWord = (name: string) =>
  /^[\w@%+=:,./-]+$/.test(name) ? name : `'${name.replaceAll("'", `'\\''`)}'`;

/** `sso-tray login NAME`: a legacy session by a profile, as `aws sso login` takes it. */
export function loginCommandFor(session: SessionView, profile?: string): string {
  const name =
    session.kind === 'legacy' ? (profile ?? session.profiles[0] ?? session.name) : session.name;
  return `sso-tray login ${shellWord(name)}`;
}

const NOT_USABLE: Partial<Record<SessionState, (label: string) => string>> = {
  expired: (label) => `the sign-in for ${label} has expired`,
  'signed-out': (label) => `${label} is not signed in`,
  invalid: (label) => `the sign-in for ${label} cannot be read`,
};

/** One line for stderr when `profile`'s session cannot give credentials now; null when it can. */
export function signInWarning(snapshot: Snapshot, profile: string): string | null {
  const sessionName = snapshot.profiles.find((p) => p.name === profile)?.session;
  const session = snapshot.sessions.find((s) => s.name === sessionName);
  const problem = session && NOT_USABLE[session.state];
  if (!session || !problem) return null;
  return `sso-tray: warning: ${problem(session.label)}; tools using ${profile} fail until you sign in: ${loginCommandFor(session, profile)}\n`;
}
