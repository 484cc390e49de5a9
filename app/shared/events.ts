// What just happened in the core, as typed events: outcomes views announce
// (notifications, CLI lines) without diffing snapshots. Every event carries the
// time, the session and one user-safe sentence (no token, code or secret).

import type { SignInFlow } from './model';

interface EventBase {
  /** When it happened, epoch ms on the core's clock. */
  readonly at: number;
  /** The session it is about (sso-session name, or a legacy start URL). */
  readonly session: string;
  /** One sentence a user may read. */
  readonly message: string;
}

export type CoreEvent =
  | (EventBase & {
      readonly kind: 'signed-in';
      readonly flow: SignInFlow;
      /** Epoch ms. */
      readonly expiresAt: number;
    })
  | (EventBase & { readonly kind: 'sign-in-failed'; readonly code: string })
  | (EventBase & { readonly kind: 'sign-in-cancelled' })
  | (EventBase & { readonly kind: 'renewed'; readonly expiresAt: number })
  | (EventBase & {
      readonly kind: 'renewal-failed';
      readonly code: string;
      /** When the next attempt is due, epoch ms. */
      readonly retryAt: number;
    })
  | (EventBase & {
      readonly kind: 'needs-sign-in';
      readonly reason: NeedsSignInReason;
      /** When the current access token lapses, epoch ms. */
      readonly expiresAt: number;
    })
  | (EventBase & {
      /** A tool asked for credentials that need a browser sign-in of the session; it waits. */
      readonly kind: 'credentials-requested';
      readonly profile: string;
      /** Who asked, as far as the OS (or the caller) tells. */
      readonly caller: string | null;
      /** How many tools wait for this session now, this one included. */
      readonly waiting: number;
    });

/** Why only a browser sign-in can help now. */
export type NeedsSignInReason = 'session-ended' | 'registration-expired' | 'start-url-changed';

export type CoreEventKind = CoreEvent['kind'];
