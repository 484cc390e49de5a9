// Role credentials per profile, from the session's cached token. Kept in memory
// only (the SDKs do the same; only the AWS CLI caches them on disk), reused
// until 15 minutes before they expire, one request at a time per profile.

import type { CachedToken } from '../token-cache/token-file';
import { systemClock, type Clock } from '../clock';
import type { ConfigModel } from '../config/config-model';
import { raceAbort } from '../abort';
import { assertAwsCliAccepts } from './aws-cli-refusal';
import { CredentialsError } from './credentials-error';
import type { RoleCredentialsFetcher } from './portal-credentials';
import type { RoleCredentials } from './role-credentials';
import { resolveRoleTarget, type RoleTarget } from './role-target';

/** Reuse cached credentials only while more than this is left (botocore's advisory window). */
export const REUSE_MARGIN_MS = 15 * 60_000;

/** What the service needs from the SessionService. */
export interface SessionSource {
  config(): ConfigModel;
  /** The session's cached token (secrets), or null when there is no usable file. */
  token(name: string): CachedToken | null;
}

export interface RoleCredentialsServiceOptions {
  readonly sessions: SessionSource;
  readonly clock?: Clock;
  readonly fetcher: RoleCredentialsFetcher;
  /** Renews the session's token first when it is about to expire (the SDKs refresh on use). */
  readonly renewIfDue?: (session: string) => Promise<void>;
}

interface CacheEntry {
  /** Which role and session the credentials are for: a config edit invalidates them. */
  readonly key: string;
  readonly credentials: RoleCredentials;
}

const cacheKey = (t: RoleTarget) =>
  JSON.stringify([t.session, t.startUrl, t.ssoRegion, t.accountId, t.roleName]);

export class RoleCredentialsService {
  private readonly sessions: SessionSource;
  private readonly clock: Clock;
  private readonly fetcher: RoleCredentialsFetcher;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly inFlight = new Map<string, Promise<RoleCredentials>>();
  private readonly renewIfDue: (session: string) => Promise<void>;

  constructor(options: RoleCredentialsServiceOptions) {
    this.sessions = options.sessions;
    this.clock = options.clock ?? systemClock;
    this.fetcher = options.fetcher;
    this.renewIfDue = options.renewIfDue ?? (async () => undefined);
  }

  /** The account, role and session a profile means (throws CredentialsError). */
  target(profile: string): RoleTarget {
    return resolveRoleTarget(this.sessions.config(), profile);
  }

  /**
   * The profile's role credentials: cached while fresh, else fetched with the
   * session's token. Refused for profiles the AWS CLI refuses.
   */
  async get(profile: string, options: { signal?: AbortSignal } = {}): Promise<RoleCredentials> {
    const { signal } = options;
    try {
      return await raceAbort(this.fetchFresh(profile, signal), signal);
    } catch (error) {
      // The caller's deadline passed (or it left): say that, not how the request broke off.
      if (signal?.aborted) throw signal.reason;
      throw error;
    }
  }

  private async fetchFresh(profile: string, signal: AbortSignal | undefined) {
    const target = this.target(profile);
    assertAwsCliAccepts(this.sessions.config(), profile);
    await this.renewIfDue(target.session);
    const token = this.sessions.token(target.session);
    if (!token) {
      // Signed out: what was fetched with the old sign-in goes too (as `aws sso logout` does).
      this.forgetSession(target.session);
      throw new CredentialsError(
        'not-signed-in',
        `Not signed in to ${target.session}; sign in to it first.`,
        target.session,
      );
    }
    const key = cacheKey(target);
    const cached = this.cache.get(profile);
    if (cached && cached.key === key && this.isFresh(cached.credentials)) return cached.credentials;
    if (token.expiresAt <= this.clock.now()) {
      throw new CredentialsError(
        'session-expired',
        `The sign-in for ${target.session} has expired; sign in to ${target.session} again.`,
        target.session,
      );
    }
    const running = this.inFlight.get(profile);
    if (running) return running;
    const request = this.fetchAndCache(profile, target, key, token.accessToken, signal).finally(
      () => this.inFlight.delete(profile),
    );
    this.inFlight.set(profile, request);
    return request;
  }

  /** Drops cached credentials of every profile that uses `session`. */
  forgetSession(session: string): void {
    for (const [profile, entry] of this.cache) {
      if (JSON.parse(entry.key)[0] === session) this.cache.delete(profile);
    }
  }

  forgetAll(): void {
    this.cache.clear();
  }

  close(): void {
    this.cache.clear();
  }

  private isFresh(credentials: RoleCredentials): boolean {
    // Without an expiry the portal gave no lifetime: do not guess, ask again.
    return (
      credentials.expiration !== null && credentials.expiration - this.clock.now() > REUSE_MARGIN_MS
    );
  }

  private async fetchAndCache(
    profile: string,
    target: RoleTarget,
    key: string,
    accessToken: string,
    signal: AbortSignal | undefined,
  ): Promise<RoleCredentials> {
    let credentials: RoleCredentials;
    try {
      credentials = await this.fetcher.fetch(target, accessToken, signal);
    } catch (error) {
      if (error instanceof CredentialsError && error.code === 'session-expired') {
        this.forgetSession(target.session);
      }
      throw error;
    }
    this.cache.set(profile, { key, credentials });
    return credentials;
  }
}
