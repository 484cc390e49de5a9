// What the window says about a session or a profile, in one place, so the row,
// the details pane and the status line never disagree. Pure: no React.
import type {
  ProblemSeverity,
  ProfileView,
  SessionState,
  SessionView,
} from '../../app/shared/model';
import { ATTENTION_STATES, type AttentionState } from '../../app/shared/attention';

export const STATE_WORD: Readonly<Record<SessionState, string>> = {
  valid: 'Valid',
  expiring: 'Expiring soon',
  expired: 'Expired',
  'signed-out': 'Signed out',
  invalid: 'Invalid',
};

// The states that need the user, in the order every view lists them (the CLI too).
export { ATTENTION_STATES, type AttentionState };

/** Short words for the footer's counts ("2 expired"). */
export const STATE_COUNT_WORD: Readonly<Record<AttentionState, string>> = {
  expired: 'expired',
  expiring: 'expiring',
  invalid: 'invalid',
  'signed-out': 'signed out',
};

/** How a session that stops its profiles from working is described: "contractor has expired". */
export const NOT_WORKING: Partial<Record<SessionState, string>> = {
  expired: 'has expired',
  'signed-out': 'is not signed in',
  invalid: 'needs a new sign-in',
};

/** Whether the session needs a sign-in (or soon will): anything but valid. */
export const needsSignIn = (session: SessionView): boolean => session.state !== 'valid';

/**
 * Whether it renews by itself, from the core's one renewal truth. Only a
 * session that still works gets words: an expired one never "renews".
 */
export function renewalWords(session: SessionView): string | null {
  if (session.state !== 'valid' && session.state !== 'expiring') return null;
  switch (session.renewal.mode) {
    case 'automatic':
      return 'renews automatically';
    case 'off':
      return 'renewal off';
    case 'failing':
      return 'renewal failing';
    case 'not-possible':
      return 'no renewal';
  }
}

export interface Notice {
  readonly tone: 'error' | ProblemSeverity;
  readonly text: string;
}

/**
 * What the row says in full on its last line, if anything needs saying: the
 * last sign-in error, a problem, or why a session that ends soon will not renew.
 */
export function sessionNotice(session: SessionView): Notice | null {
  if (session.lastError) return { tone: 'error', text: session.lastError.message };
  const problem = session.problems[0];
  if (problem) return { tone: problem.severity, text: problem.message };
  const { mode, reason } = session.renewal;
  const working = session.state === 'valid' || session.state === 'expiring';
  if (
    working &&
    reason &&
    (mode === 'failing' || (mode === 'not-possible' && session.state === 'expiring'))
  ) {
    return { tone: mode === 'failing' ? 'warning' : 'info', text: reason };
  }
  return null;
}

export function profileNotice(profile: ProfileView): Notice | null {
  const problem = profile.problems.find((p) => p.severity !== 'info') ?? profile.problems[0];
  return problem ? { tone: problem.severity, text: problem.message } : null;
}

export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** "acme.awsapps.com · us-east-1 · 3 profiles" (or "1 of 3 profiles" while searching). */
export function sessionDetails(session: SessionView, shown: number, total: number): string {
  const count = shown === total ? `${total}` : `${shown} of ${total}`;
  return [
    hostOf(session.startUrl),
    session.region,
    `${count} ${total === 1 ? 'profile' : 'profiles'}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Why a chained profile's console button is off: the portal has no link for a role assumed through STS. */
export const chainedConsoleTitle = (profile: string): string =>
  `The access portal has no console link for an assumed role; in a terminal, sso-tray console ${profile} --federated prints one`;

/** "acme-prod (222222222222) · ReadOnly · us-east-1", or the chain for chained profiles. */
export function profileDetails(profile: ProfileView, accountName: string | null): string {
  if (profile.kind === 'chained') {
    return [
      profile.sourceProfile ? `via ${profile.sourceProfile}` : null,
      profile.roleArn,
      profile.region,
    ]
      .filter(Boolean)
      .join(' · ');
  }
  const account = profile.accountId
    ? accountName
      ? `${accountName} (${profile.accountId})`
      : profile.accountId
    : null;
  return [account, profile.roleName, profile.region].filter(Boolean).join(' · ');
}
