// The core's one door. app/cli and app/main import the core only from here
// (plus app/shared types); an ESLint rule enforces it. Open a core with
// openCore(); read its snapshot, follow its events, ask it to act. See
// docs/architecture.md for the parts behind it.

import { Core, type CoreOptions } from './core';

export type { CoreOptions, DiagnoseOptions } from './core';
export type { Core };

/** Opens the core: settings and files read once; with `watch`, kept live and renewed. */
export const openCore = (options: CoreOptions = {}): Promise<Core> => Core.open(options);

// Outcomes and their types.
export type { SignInOutcome, SignInRequest } from './auth/sign-in-manager';
export type { SignOutResult } from './auth/sign-out';
export type { BrowserOpener, SignInPrompt } from './auth/browser-opener';
export {
  DESKTOP,
  type FlowChoice,
  type FlowSource,
  type Surroundings,
} from './auth/sign-in-flow-choice';
export type { ConsoleLink, ConsoleLinkOptions } from './console/console-link';
export type { PreparedExport } from './export/export-service';
export type { Event } from './events/emitter';

// Errors: one base type, one table.
export { CoreError, isCoreError } from './errors/core-error';
export { EXIT_CODES, categoryOf, exitCodeOf, type ErrorCategory } from './errors/error-table';

// Time.
export { systemClock, type Clock, type TimerHandle, type TimerOptions } from './clock';

// Opening URLs (the one launcher) and the URL policy.
export {
  argvLauncher,
  commandLineLauncher,
  LaunchError,
  terminalLauncher,
  type UrlLauncher,
} from './browser/launch-url';

// The window's API over a core.
export { createWindowApi, type WindowApiOptions } from './api/api-service';
export type { Clipboard, PlatformAdapters } from './api/platform';

// Pure helpers the views share.
export { AWS_CLI_FORMATS, isAwsCliFormat, type AwsCliFormat } from './export/aws-cli-format';
export { detectShell } from './export/detect-shell';
export { closestName } from './diagnose/closest-name';
export { defaultSettingsDir } from './settings/settings-dir';
export { ensurePrivateDir, writeFileAtomic } from './fs/atomic-write';

// The browser choice (made in main's picker, never by the window).
export {
  browserLabel,
  pickedBrowserSettings,
  SYSTEM_BROWSER,
  SYSTEM_BROWSER_ONLY,
  USE_DEFAULT_BROWSER,
  type BrowserChoice,
  type BrowserPick,
  type BrowserPickResult,
  type BrowserSetting,
  type SessionPick,
} from './browser/browser-choice';
export {
  detectBrowsers,
  nodeDetectionHost,
  type InstalledBrowser,
} from './browser/detect-browsers';
export type { BrowserSettings } from './api/platform';

// Serving the built window over a custom scheme or loopback.
export { contentTypeOf, resolveStaticPath } from './web/static-files';

// MFA for role chains: the CLI asks in the terminal, the app in its own prompt.
export { CredentialsError } from './credentials/credentials-error';
export {
  mfaCancelled,
  mfaUnavailable,
  noMfaPrompt,
  type MfaCodeProvider,
} from './credentials/mfa-code-provider';

// The broker (one per user): tools ask a running core for credentials.
export type { Broker } from './broker/broker';
export { BrokerAlreadyRunningError } from './broker/claim-address';
export type {
  BrokerStatus,
  CallerInfo,
  RecentCall,
  WaitingRequest,
} from './broker/broker-protocol';
export { exportContainerSnippet } from './broker/container-export';

// The window over loopback HTTP (`sso-tray serve --open`, the demo).
export { startBridgeServer, type BridgeServer } from './web/bridge-server';
