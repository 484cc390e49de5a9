// The contract between the window and the main process: one interface, plain
// serialisable data, implemented by the preload (over ipcRenderer.invoke) and
// by the e2e/demo bridge (over HTTP on loopback). Renamed or re-typed calls
// fail to compile on both sides. Arguments are validated at the boundary with
// the zod schemas in api-schema.ts.
//
// Secrets never cross this interface: no access/refresh token, client secret,
// role credential or federation URL. Copying credentials happens in main; the
// window gets a masked preview.

import type { SignInFlow, Snapshot } from './model';
import type { z } from 'zod';
import type { settingsSchema } from './api-schema';

export interface ApiError {
  /** Machine code, e.g. `not-signed-in`, `unknown-profile`, `network`, `invalid-argument`. */
  readonly code: string;
  /** One sentence for the user. */
  readonly message: string;
  /** What the UI should offer next, if anything. */
  readonly action?: { readonly kind: 'sign-in'; readonly session: string };
}

export type ApiResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

// ---- export snippets ---------------------------------------------------------

export const EXPORT_SHELLS = [
  'bash',
  'zsh',
  'fish',
  'powershell',
  'cmd',
  'nushell',
  'dotenv',
] as const;
export type ExportShell = (typeof EXPORT_SHELLS)[number];

/** Tool helpers offered next to the shells. */
export const EXPORT_TOOLS = ['pulumi', 'credential-process'] as const;
export type ExportTool = (typeof EXPORT_TOOLS)[number];

export type ExportTarget = ExportShell | ExportTool;

/** How the tray menu and the window name each target. */
export const EXPORT_TARGET_LABELS: Readonly<Record<ExportTarget, string>> = {
  bash: 'bash',
  zsh: 'zsh',
  fish: 'fish',
  powershell: 'PowerShell',
  cmd: 'cmd.exe',
  nushell: 'Nushell',
  dotenv: '.env file',
  pulumi: 'Pulumi (stack config)',
  'credential-process': 'credential_process (JSON)',
};

export const EXPORT_MODES = ['profile', 'credentials', 'container'] as const;
/**
 * `profile`: select the profile and clear overriding keys; `credentials`: the
 * role's temporary keys; `container`: point the shell at the broker's
 * container-credentials endpoint (the broker serves and renews them).
 */
export type ExportMode = (typeof EXPORT_MODES)[number];

export interface ExportRequest {
  readonly profile: string;
  readonly target: ExportTarget;
  readonly mode: ExportMode;
  /** Add AWS_REGION / AWS_DEFAULT_REGION from the profile. Default: the setting. */
  readonly includeRegion?: boolean;
}

export interface ExportPreview {
  /** The snippet with every secret value replaced by a mask. Safe to show. */
  readonly maskedText: string;
  /** ISO-8601 expiry of the credentials in the snippet (credentials mode). */
  readonly expiresAt: string | null;
}

// ---- diagnostics -------------------------------------------------------------

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable check id, e.g. `env-static-keys-override-profile`. */
  readonly id: string;
  readonly severity: FindingSeverity;
  readonly title: string;
  /** Why it matters, naming the tools it affects. */
  readonly explanation: string;
  /** Exact lines that fix it (shell commands or config lines); may be empty. */
  readonly fix: readonly string[];
  readonly profile?: string;
  readonly session?: string;
  readonly file?: string;
  readonly line?: number;
}

export interface DiagnosisReport {
  readonly checkedAt: string;
  /** The profile the checks were focused on, if any. */
  readonly profile: string | null;
  readonly findings: readonly Finding[];
}

// ---- discovery -----------------------------------------------------------------

export interface DiscoveredRole {
  readonly roleName: string;
  /** Existing profiles that already point at this account + role. */
  readonly profiles: readonly string[];
}

export interface DiscoveredAccount {
  readonly accountId: string;
  readonly accountName: string;
  readonly emailAddress: string | null;
  readonly roles: readonly DiscoveredRole[];
}

export interface DiscoveryResult {
  readonly session: string;
  readonly fetchedAt: string;
  readonly accounts: readonly DiscoveredAccount[];
}

export interface ProfilePlanRequest {
  readonly session: string;
  /** Default `{account_name}-{role_name}`; placeholders {account_id} {account_name} {role_name} {session}. */
  readonly template?: string;
  readonly region?: string;
  readonly output?: string;
  readonly prune?: boolean;
}

export interface PlannedProfile {
  readonly name: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly roleName: string;
  readonly region: string | null;
  /** `output` to write; absent or null: none. */
  readonly output?: string | null;
}

export interface ProfilePlan {
  readonly session: string;
  readonly configFile: string;
  readonly additions: readonly PlannedProfile[];
  readonly removals: readonly string[];
  /** Unified diff of the config file. */
  readonly diff: string;
  /** Hash of the config file the plan was made from; applying refuses if it changed. */
  readonly baseHash: string;
}

export interface ApplyPlanResult {
  readonly added: number;
  readonly removed: number;
  readonly backupFile: string;
}

// ---- settings ----------------------------------------------------------------

/** `T` with every property and array read-only, all the way down. */
type ReadonlyDeep<T> = T extends readonly (infer Item)[]
  ? readonly ReadonlyDeep<Item>[]
  : T extends object
    ? { readonly [K in keyof T]: ReadonlyDeep<T[K]> }
    : T;

/**
 * The window's settings: the type is what the settings schema accepts
 * (`settingsSchema` in api-schema.ts, where each field is explained), so the
 * two cannot drift apart.
 */
export type Settings = ReadonlyDeep<z.infer<typeof settingsSchema>>;

export const DEFAULT_SETTINGS: Settings = {
  notificationLeadMinutes: [15, 5],
  mutedSessions: [],
  defaultShell: 'bash',
  defaultExportMode: 'profile',
  includeRegion: true,
  signInFlow: 'pkce',
  sessionSignIn: {},
  renewal: { enabled: true, leadMinutes: 15 },
  clipboardClearSeconds: 60,
  launchAtLogin: false,
  toolSignIn: 'when-active',
  favourites: [],
};

export type SettingsPatch = Partial<Settings>;

export const TOOL_SIGN_IN = ['at-once', 'when-active', 'on-click'] as const;
export type ToolSignIn = (typeof TOOL_SIGN_IN)[number];

/**
 * The browser sign-in pages and console links open in, as the window may know
 * it: a line to show. It is chosen only in main's own dialog (chooseBrowser);
 * the window never sees or sends a program or a command line.
 */
export interface BrowserSummary {
  /** `system`, a detected browser and profile, a program picked in the file picker, or a command line set before this version (read-only). */
  readonly kind: 'system' | 'installed' | 'program' | 'legacy-command';
  /** E.g. "Firefox: work", "System default browser". */
  readonly label: string;
  /** Asked for one session: true when it has no browser of its own and uses the default. */
  readonly usesDefault?: boolean;
}

export interface SignInOptions {
  /** Default: the setting (PKCE), device code for legacy sessions. */
  readonly flow?: SignInFlow;
}

export interface AppInfo {
  readonly version: string;
  readonly platform: string;
}

// ---- the credentials broker -----------------------------------------------------

/** A request the broker is answering now. */
export interface BrokerWaitingRequest {
  readonly profile: string;
  /** Who asked, as the caller reported it: "python3 (pid 4242)", "aws-cli/2.9.19 (container endpoint)". */
  readonly caller: string;
  /** ISO-8601. */
  readonly since: string;
}

/** A request the broker answered. */
export interface BrokerRecentCall {
  readonly profile: string;
  readonly caller: string;
  /** ISO-8601, when the answer went out. */
  readonly at: string;
  /** `ok`, or the error code the caller got (`needs-sign-in`, `timeout`...). */
  readonly outcome: string;
}

/**
 * The credentials broker as the window shows it. Never a token: not the
 * container endpoint's bearer token, not its file.
 */
export type BrokerSummary =
  | {
      readonly running: true;
      /** One line: "Running (pid 1234)." */
      readonly detail: string;
      /** ISO-8601. */
      readonly startedAt: string;
      readonly addressKind: 'socket' | 'pipe';
      /** The socket path or the pipe name tools connect to. */
      readonly address: string;
      /** The container-credentials endpoint, or null when it is off. */
      readonly containerUrl: string | null;
      /** Oldest first. */
      readonly waiting: readonly BrokerWaitingRequest[];
      /** Newest first, the last few. */
      readonly recent: readonly BrokerRecentCall[];
    }
  | {
      readonly running: false;
      /** Why not, in one sentence (another broker runs, with its pid and address, say). */
      readonly detail: string;
    };

// ---- the API -----------------------------------------------------------------

export interface SsoTrayApi {
  getAppInfo(): Promise<AppInfo>;
  getSnapshot(): Promise<Snapshot>;
  /** Called with every new snapshot; returns the unsubscribe function. */
  onSnapshot(listener: (snapshot: Snapshot) => void): () => void;

  /** Starts (or joins) a sign-in; resolves when it ends. Progress arrives in snapshots. */
  signIn(
    session: string,
    options?: SignInOptions,
  ): Promise<ApiResult<{ readonly expiresAt: string }>>;
  cancelSignIn(session: string): Promise<ApiResult<null>>;
  signOut(session: string): Promise<ApiResult<null>>;
  /** Opens the running sign-in's page in the browser again. */
  reopenSignInPage(session: string): Promise<ApiResult<null>>;

  previewExport(request: ExportRequest): Promise<ApiResult<ExportPreview>>;
  /** Puts the full snippet on the clipboard (in main); returns the masked preview. */
  copyExport(request: ExportRequest): Promise<ApiResult<ExportPreview>>;
  /**
   * Copies text main produced for the window: a device user code in the current snapshot, a
   * finding's fix (its lines joined by newlines) from a diagnosis main returned, or the sample
   * config lines. Anything else fails with `copy-refused`.
   */
  copyText(text: string): Promise<ApiResult<null>>;
  openConsole(profile: string): Promise<ApiResult<null>>;

  diagnose(profile?: string): Promise<ApiResult<DiagnosisReport>>;

  discover(session: string): Promise<ApiResult<DiscoveryResult>>;
  planProfiles(request: ProfilePlanRequest): Promise<ApiResult<ProfilePlan>>;
  applyProfilePlan(plan: ProfilePlan): Promise<ApiResult<ApplyPlanResult>>;

  getSettings(): Promise<Settings>;
  updateSettings(patch: SettingsPatch): Promise<ApiResult<Settings>>;

  /** The default browser, or the one a session's sign-in pages and consoles open in. */
  getBrowser(session?: string): Promise<BrowserSummary>;
  /**
   * Asks main to show its browser picker, for the default or for one session;
   * the browser in effect after the choice, or null when the user cancelled.
   */
  chooseBrowser(session?: string): Promise<ApiResult<BrowserSummary | null>>;

  /** The credentials broker this app runs: its addresses, waiting requests and recent callers. */
  getBroker(): Promise<BrokerSummary>;
}

/** Request/response methods (everything but the event subscription). */
export type ApiMethod = Exclude<keyof SsoTrayApi, 'onSnapshot'>;

export const API_METHODS = [
  'getAppInfo',
  'getSnapshot',
  'signIn',
  'cancelSignIn',
  'signOut',
  'reopenSignInPage',
  'previewExport',
  'copyExport',
  'copyText',
  'openConsole',
  'diagnose',
  'discover',
  'planProfiles',
  'applyProfilePlan',
  'getSettings',
  'updateSettings',
  'getBrowser',
  'chooseBrowser',
  'getBroker',
] as const satisfies readonly ApiMethod[];

// Every method is listed exactly once (compile-time check).
type Missing = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
const everyMethodListed: Missing extends never ? true : false = true;
void everyMethodListed;

/** IPC channel of a method: derived, never hand-written. */
export const channelOf = (method: ApiMethod): string => `sso-tray:${method}`;
export const SNAPSHOT_CHANNEL = 'sso-tray:snapshot';
/** The renderer tells main it has subscribed, so queued snapshots can flow. */
export const READY_CHANNEL = 'sso-tray:renderer-ready';

/** The name of the object the preload exposes on `window`. */
export const BRIDGE_NAME = 'ssoTray';
