// What a sign-in flow needs, and the steps both flows share: the target
// session, the client registration (cached like the AWS CLI), abortable waits.

import type { SignInFlow, SignInPhase } from '../../shared/model';
import type { OidcApi } from '../aws/oidc-api';
import type { NewToken } from '../token-cache/token-file';
import { delay, type Clock } from '../clock';
import { AuthError, toAuthError } from './auth-error';
import type { SignInPrompt } from './browser-opener';
import {
  readRegistration,
  registrationCacheKey,
  registrationFits,
  writeRegistration,
  type ClientRegistration,
} from '../token-cache/registration-cache';

export const DEFAULT_SCOPES: readonly string[] = ['sso:account:access'];
export const PKCE_GRANT_TYPES: readonly string[] = ['authorization_code', 'refresh_token'];
export const REGISTERED_REDIRECT_URI = 'http://127.0.0.1/oauth/callback';

/** A session with everything a sign-in needs. */
export interface SignInTarget {
  /** sso-session name, or the legacy start URL. */
  readonly name: string;
  readonly kind: 'sso-session' | 'legacy';
  readonly startUrl: string;
  readonly region: string;
  /** `sso_registration_scopes`, or null when not configured. */
  readonly registrationScopes: readonly string[] | null;
}

export interface ProgressUpdate {
  readonly phase: SignInPhase;
  readonly url?: string;
  readonly userCode?: string;
}

export interface FlowContext {
  readonly target: SignInTarget;
  readonly oidc: OidcApi;
  readonly clock: Clock;
  readonly cacheDir: string;
  readonly signal: AbortSignal;
  readonly progress: (update: ProgressUpdate) => void;
  /** Shows the page to the user; never fails the flow (the URL is also in the progress). */
  readonly present: (prompt: Omit<SignInPrompt, 'session' | 'flow'>) => Promise<void>;
  readonly loopbackTimeoutMs?: number;
}

/** "sign in to my-sso": the step named in error messages. */
export const describeTarget = (target: SignInTarget) => `sign in to ${target.name}`;

/** Runs one SDK call that the sign-in's cancellation can abort; failures become AuthErrors. */
export async function call<T>(
  ctx: Pick<FlowContext, 'signal' | 'target'>,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  try {
    return await run(ctx.signal);
  } catch (error) {
    throw toAuthError(error, describeTarget(ctx.target), ctx.signal);
  }
}

/** Waits `ms` on the injected clock, keeping the process alive; rejects when cancelled. */
export function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return delay(clock, ms, signal, abortReason);
}

export function abortReason(signal: AbortSignal): AuthError {
  return signal.reason instanceof AuthError
    ? signal.reason
    : new AuthError('cancelled', 'The sign-in was cancelled.');
}

/** The scopes we register with: configured, or sso:account:access (refreshable) for sso-sessions. */
export function wantedScopes(target: SignInTarget, flow: SignInFlow): readonly string[] | null {
  if (target.registrationScopes) return target.registrationScopes;
  return flow === 'pkce' || target.kind === 'sso-session' ? DEFAULT_SCOPES : null;
}

/** A cached registration that fits this flow, or a new one (written to the cache like the CLI). */
export async function obtainRegistration(
  ctx: FlowContext,
  flow: SignInFlow,
): Promise<ClientRegistration> {
  const { target, clock, cacheDir } = ctx;
  const key = registrationCacheKey({
    startUrl: target.startUrl,
    region: target.region,
    scopes: target.registrationScopes,
    sessionName: target.kind === 'sso-session' ? target.name : null,
  });
  const scopes = wantedScopes(target, flow);
  const cached = await readRegistration(cacheDir, key);
  if (cached && registrationFits(cached, flow, scopes, clock.now())) return cached;

  const clientName = `sso-tray-${target.kind === 'sso-session' ? target.name : Math.floor(clock.now() / 1000)}`;
  const response = await call(ctx, (signal) =>
    ctx.oidc.registerClient(
      flow === 'pkce'
        ? {
            clientName,
            clientType: 'public',
            grantTypes: [...PKCE_GRANT_TYPES],
            redirectUris: [REGISTERED_REDIRECT_URI],
            issuerUrl: target.startUrl,
            scopes: [...(scopes ?? DEFAULT_SCOPES)],
          }
        : { clientName, clientType: 'public', ...(scopes ? { scopes: [...scopes] } : {}) },
      signal,
    ),
  );
  if (!response.clientId || !response.clientSecret || !response.clientSecretExpiresAt) {
    throw new AuthError(
      'service-error',
      `IAM Identity Center returned an incomplete client registration for ${target.name}.`,
    );
  }
  const registration: ClientRegistration = {
    clientId: response.clientId,
    clientSecret: response.clientSecret,
    expiresAt: response.clientSecretExpiresAt * 1000,
    scopes: scopes ?? null,
    grantTypes: flow === 'pkce' ? PKCE_GRANT_TYPES : null,
  };
  try {
    await writeRegistration(cacheDir, key, registration);
  } catch {
    // Not fatal: the token file carries the registration too; its write reports I/O trouble.
  }
  return registration;
}

export interface CreateTokenResult {
  readonly accessToken?: string;
  readonly expiresIn?: number;
  readonly refreshToken?: string;
}

/** The token file content for a CreateToken answer, as the AWS CLI builds it. */
export function tokenFromResponse(
  target: SignInTarget,
  registration: Pick<ClientRegistration, 'clientId' | 'clientSecret'> & {
    readonly expiresAt: number | null;
  },
  response: CreateTokenResult,
  now: number,
): NewToken {
  if (!response.accessToken || response.expiresIn === undefined) {
    throw new AuthError(
      'service-error',
      `IAM Identity Center returned no access token for ${target.name}.`,
    );
  }
  return {
    startUrl: target.startUrl,
    region: target.region,
    accessToken: response.accessToken,
    // Whole seconds, as the file stores it, so callers report what tools will read.
    expiresAt: Math.floor(now / 1000) * 1000 + response.expiresIn * 1000,
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    registrationExpiresAt: registration.expiresAt,
    refreshToken: response.refreshToken ?? null,
  };
}
