// Every error code the core can report, and what it means: the category a
// view acts on (offer a sign-in, say "check the network") and the CLI's exit
// status. One table, so `login`, `export` and `credential-process` agree, and
// the README's "Exit codes" table is this table in prose.

export type ErrorCategory =
  /** Unknown command, option or argument value. */
  | 'usage'
  /** No such profile or session, or not an IAM Identity Center one. */
  | 'unknown-name'
  /** A browser sign-in fixes it: not signed in, expired, the session ended. */
  | 'needs-sign-in'
  /** Nobody answered in time: the network, a deadline, a stalled server. */
  | 'network'
  /** IAM Identity Center (or STS) answered no: access denied, a refused client, a service error. */
  | 'refused'
  /** The AWS config is one the AWS tools refuse, or lacks what the command needs. */
  | 'config'
  /** The user (or a signal) stopped it. */
  | 'cancelled'
  /** Anything else: a file that cannot be written, an unexpected failure. */
  | 'failed';

/** The CLI's exit status per category (README "Exit codes"). */
export const EXIT_CODES: Readonly<Record<ErrorCategory, number>> = {
  failed: 1,
  usage: 2,
  'unknown-name': 3,
  'needs-sign-in': 4,
  network: 5,
  refused: 6,
  config: 7,
  cancelled: 130,
};

const CATEGORIES = {
  // usage
  usage: 'usage',
  'invalid-argument': 'usage',
  'invalid-template': 'usage',
  'unsupported-target': 'usage',
  // names
  'unknown-session': 'unknown-name',
  'unknown-profile': 'unknown-name',
  'not-sso-profile': 'unknown-name',
  // sign-in needed
  'not-signed-in': 'needs-sign-in',
  'session-expired': 'needs-sign-in',
  'session-ended': 'needs-sign-in',
  'device-code-expired': 'needs-sign-in',
  'registration-expired': 'needs-sign-in',
  'start-url-changed': 'needs-sign-in',
  // network and deadlines
  network: 'network',
  timeout: 'network',
  'no-answer': 'network',
  'service-unavailable': 'network',
  // the broker's own
  busy: 'network',
  'shutting-down': 'network',
  'connect-timeout': 'network',
  'answer-timeout': 'network',
  'connection-lost': 'network',
  throttled: 'network',
  // refusals
  'access-denied': 'refused',
  'registration-rejected': 'refused',
  'authorization-failed': 'refused',
  'state-mismatch': 'refused',
  'service-error': 'refused',
  'discovery-failed': 'refused',
  // config
  'config-refused': 'config',
  'chain-invalid': 'config',
  'not-supported': 'config',
  'legacy-session': 'config',
  'session-incomplete': 'config',
  'profile-incomplete': 'config',
  'config-rejected': 'config',
  'config-changed': 'config',
  'config-unreadable': 'config',
  'unsafe-profile': 'config',
  'not-generated': 'config',
  'duplicate-name': 'config',
  'unsafe-value': 'config',
  'missing-credentials': 'config',
  // cancelled
  cancelled: 'cancelled',
  'mfa-cancelled': 'cancelled',
  // other failures
  'write-failed': 'failed',
  'config-write-failed': 'failed',
  'edit-unverified': 'failed',
  'browser-failed': 'failed',
  'mfa-unavailable': 'failed',
  'url-refused': 'failed',
  'copy-refused': 'failed',
  'unknown-plan': 'failed',
  'empty-plan': 'failed',
  'settings-write-failed': 'failed',
  'invalid-settings': 'usage',
  unexpected: 'failed',
  internal: 'failed',
  'no-broker': 'failed',
  'no-container-endpoint': 'failed',
  'token-unreadable': 'failed',
  'bad-answer': 'failed',
  'unsupported-version': 'failed',
} as const satisfies Record<string, ErrorCategory>;

export type ErrorCode = keyof typeof CATEGORIES;

export function categoryOf(code: string): ErrorCategory {
  return (CATEGORIES as Record<string, ErrorCategory>)[code] ?? 'failed';
}

export const exitCodeOf = (code: string): number => EXIT_CODES[categoryOf(code)];
