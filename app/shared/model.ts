// View-model types shared by core, main, preload, renderer and CLI.
// Everything here is plain, serialisable data and never holds a secret
// (no access/refresh token, client secret, role credential or federation URL).

export type SessionState = 'valid' | 'expiring' | 'expired' | 'signed-out' | 'invalid';

export type SessionKind = 'sso-session' | 'legacy';

export type ProblemSeverity = 'error' | 'warning' | 'info';

/** Something wrong with one item; everything else still loads. */
export interface Problem {
  /** Stable machine code, e.g. `config-duplicate-section`, `token-unreadable`. */
  readonly code: string;
  /** One human sentence (or two) that says what is wrong and, where possible, what to do. */
  readonly message: string;
  readonly severity: ProblemSeverity;
  /** File the problem was found in, when known. */
  readonly file: string | null;
  /** 1-based line in `file`, when known. */
  readonly line: number | null;
  /** The session or profile the problem belongs to, when it belongs to one. */
  readonly session?: string;
  readonly profile?: string;
  /** Exact lines that fix it, when the fix is that simple. */
  readonly fix?: readonly string[];
}

export type SignInFlow = 'pkce' | 'device-code';

export type SignInPhase =
  | 'registering'
  | 'waiting-for-browser'
  | 'waiting-for-user-code'
  | 'exchanging-code'
  | 'writing-token';

/** A running sign-in, as far as a view may know about it. */
export interface SignInProgress {
  readonly flow: SignInFlow;
  readonly phase: SignInPhase;
  readonly startedAt: string;
  /** Device flow only: the code the user confirms in the browser. Not a secret. */
  readonly userCode?: string;
  /**
   * The URL the user opens: the verification URL (device flow) or the authorize URL (PKCE).
   * Neither carries a secret: the PKCE verifier never leaves the process.
   */
  readonly url?: string;
}

/** Whether a session renews by itself: automatic, off (the user's setting), failing, not possible. */
export type RenewalMode = 'automatic' | 'off' | 'failing' | 'not-possible';

/** The one truth about silent renewal: every view reads it, none recomputes it. */
export interface Renewal {
  readonly mode: RenewalMode;
  /** Why it is off, failing or not possible, in one sentence; null when automatic. */
  readonly reason: string | null;
  /** `failing` only: when the next attempt is due, ISO-8601. */
  readonly retryAt?: string;
}

/** A tool that asked for credentials (through the broker) and waits for a sign-in of this session. */
export interface WaitingTool {
  readonly profile: string;
  /** The process name the caller reported, or null. */
  readonly caller: string | null;
  /** ISO-8601. */
  readonly since: string;
}

export interface SessionView {
  /** sso-session name, or the start URL exactly as written for legacy profiles. */
  readonly name: string;
  /** How people see the session named (legacy start URLs without the scheme): one rule for every view. */
  readonly label: string;
  readonly kind: SessionKind;
  readonly startUrl: string | null;
  readonly region: string | null;
  readonly state: SessionState;
  /** ISO-8601 UTC, or null when there is no usable token. */
  readonly expiresAt: string | null;
  /** Whether it renews by itself, honouring the user's setting. */
  readonly renewal: Renewal;
  /** When the token file was last written (a sign-in or a renewal), ISO-8601. */
  readonly lastSignIn: string | null;
  /** Absolute path of the token cache file this session reads and writes. */
  readonly tokenFile: string;
  readonly profiles: readonly string[];
  readonly signIn: SignInProgress | null;
  /** Tools waiting for a sign-in of this session, oldest first. */
  readonly waiting: readonly WaitingTool[];
  /** The last sign-in failure shown to the user, if any (renewal trouble is in `renewal`). */
  readonly lastError: {
    readonly code: string;
    readonly message: string;
    readonly at: string;
  } | null;
  readonly problems: readonly Problem[];
}

export type ProfileKind = 'sso' | 'chained' | 'other';

/** What a chained profile's chain rests on: an SSO profile's role, or a profile's static keys. */
export interface ChainSourceView {
  readonly kind: 'sso' | 'static-keys';
  readonly profile: string;
}

export interface ProfileView {
  readonly name: string;
  readonly kind: ProfileKind;
  /** The session whose token this profile uses (for chained profiles: the source's session). */
  readonly session: string | null;
  readonly accountId: string | null;
  /** The account's name, once a discovery in this run has seen the account. */
  readonly accountName?: string | null;
  readonly roleName: string | null;
  readonly region: string | null;
  /** For chained profiles: the role assumed on top of the source profile. */
  readonly roleArn?: string | null;
  /** For chained profiles: the profile whose credentials assume the role ("via <source profile>"). */
  readonly sourceProfile?: string | null;
  /** For chained profiles: the bottom of the chain, decided once in the core as botocore does. */
  readonly chainSource?: ChainSourceView | null;
  readonly problems: readonly Problem[];
}

export interface Snapshot {
  /** Increases with every snapshot the service emits. */
  readonly version: number;
  /** The service clock's time when the snapshot was computed, ISO-8601. */
  readonly generatedAt: string;
  readonly configFile: string;
  readonly credentialsFile: string;
  readonly cacheDir: string;
  readonly sessions: readonly SessionView[];
  readonly profiles: readonly ProfileView[];
  /** Every problem, including those also attached to a session or profile. */
  readonly problems: readonly Problem[];
}
