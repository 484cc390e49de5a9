// The one thing the broker needs from the core: role credentials for a
// profile, for one caller, within a bound. Everything about sessions lives
// behind it (in-memory cache, refresh ahead of expiry, the portal call, and
// one sign-in per session shared by every waiting caller).
//
// Contract for an implementation:
// - Resolve with the profile's role credentials, or reject with an error that
//   has a kebab-case `code` and a message safe to show (BrokerError, or the
//   core's own coded errors): unknown-profile, needs-sign-in, network...
// - When a browser sign-in is needed: start ONE for the profile's session, or
//   join the one already running, and wait for it at most `waitMs` (0: do not
//   wait, reject needs-sign-in at once). Whether to open the browser at once
//   is the core's (and the user's setting's) business, not the caller's.
// - `signal` aborts when the caller disconnects, its deadline passes or the
//   broker stops; stop waiting then (leave the shared sign-in alone: other
//   callers may wait for it). The broker answers the caller itself at that
//   point, so a late settle is ignored; it only must not leak.

import type { RoleCredentials } from '../credentials/role-credentials';
import type { CallerInfo } from './broker-protocol';

export interface CredentialsRequest {
  /** How long this caller accepts to wait for a browser sign-in. */
  readonly waitMs: number;
  readonly signal: AbortSignal;
  readonly caller: CallerInfo;
}

export interface BrokerBackend {
  credentials(profile: string, request: CredentialsRequest): Promise<RoleCredentials>;
}
