// Credentials of role_arn profiles: the chain's source (SSO role credentials or
// static keys), then one STS AssumeRole per hop. Each hop's credentials stay in
// memory (never on disk) and are reused while fresh, so an MFA code is asked
// once per session rather than once per use; concurrent callers share one
// request per hop, and so one MFA prompt. A resolution can outlast a sign-out
// (an MFA prompt waits minutes), so before what it gets is cached or handed
// out, it is checked against the sign-outs since it began.

import { systemClock, type Clock } from '../clock';
import type { ConfigModel } from '../config/config-model';
import type { Env } from '../env';
import { CredentialsError } from './credentials-error';
import { noMfaPrompt, type MfaCodeProvider } from './mfa-code-provider';
import { resolveRoleChain, type ChainSource, type RoleChain } from './role-chain';
import { REUSE_MARGIN_MS } from './role-credentials-service';
import type { RoleCredentials } from './role-credentials';
import type { StaticKeysReader } from './static-keys';
import { createStsRoleAssumer, type RoleAssumer } from './sts-role-assumer';

/** An intermediate hop only signs the next AssumeRole: any credentials with this much left will do. */
export const SIGNING_MARGIN_MS = 60_000;

export interface ChainedCredentialsOptions {
  /** The current config model; read on every call, so edits apply at once. */
  readonly config: () => ConfigModel;
  /** IAM Identity Center role credentials of an SSO profile (RoleCredentialsService.get). */
  readonly ssoCredentials: (profile: string) => Promise<RoleCredentials>;
  readonly staticKeys: StaticKeysReader;
  /** Asks the user for MFA codes; default: refuse, naming the profile. */
  readonly mfa?: MfaCodeProvider;
  readonly env?: Env;
  readonly clock?: Clock;
  readonly assumer?: RoleAssumer;
}

interface CachedHop {
  readonly credentials: RoleCredentials;
  readonly fetchedAt: number;
  /** The session the chain rests on, so signing out drops what was built on it. */
  readonly session: string | null;
}

/** One call of `get`: how it asks for codes, and what it rests on as it began. */
interface Resolution {
  readonly mfa: MfaCodeProvider;
  /** The session the chain rests on; null for static keys. */
  readonly session: string | null;
  /** `forgets` and the session's `signOuts` count when the resolution began. */
  readonly forgets: number;
  readonly signOuts: number;
}

interface InFlightHop {
  readonly request: Promise<RoleCredentials>;
  readonly session: string | null;
}

/** Names the source: for SSO, the role it stands for, so editing the SSO profile misses the cache. */
function sourceKey(source: ChainSource, config: ConfigModel): string {
  if (source.kind === 'static-keys') return JSON.stringify(['keys', source.file, source.profile]);
  const p = config.profiles.find((candidate) => candidate.name === source.profile);
  return JSON.stringify(['sso', source.profile, p?.session, p?.accountId, p?.roleName]);
}

export class ChainedCredentialsService {
  private readonly clock: Clock;
  private readonly env: Env;
  private readonly assumer: RoleAssumer;
  private readonly cache = new Map<string, CachedHop>();
  private readonly inFlight = new Map<string, InFlightHop>();
  /** How many times forgetAll ran: an older resolution may answer, never fill the cache. */
  private forgets = 0;
  /** Per session, how many times it was forgotten (signed out). */
  private readonly signOuts = new Map<string, number>();

  constructor(private readonly options: ChainedCredentialsOptions) {
    this.clock = options.clock ?? systemClock;
    this.env = options.env ?? process.env;
    this.assumer = options.assumer ?? createStsRoleAssumer(this.env);
  }

  /** How `profile` gets its credentials (throws CredentialsError for a chain botocore refuses). */
  chain(profile: string): RoleChain {
    return resolveRoleChain(this.options.config(), profile, this.env);
  }

  /** The profile's credentials; `mfa` overrides the provider given at construction. */
  async get(
    profile: string,
    call: { readonly mfa?: MfaCodeProvider } = {},
  ): Promise<RoleCredentials> {
    const config = this.options.config();
    const chain = resolveRoleChain(config, profile, this.env);
    const session =
      chain.source.kind === 'sso'
        ? (config.profiles.find((p) => p.name === chain.source.profile)?.session ?? null)
        : null;
    // A hop's key covers everything below it, so a config edit anywhere in the chain misses the
    // cache (new static key values do not: the credentials they signed for stay valid at STS).
    const keys: string[] = [];
    let below = sourceKey(chain.source, config);
    for (const hop of chain.hops) {
      below = JSON.stringify([below, hop, chain.sts]);
      keys.push(below);
    }
    const resolution: Resolution = {
      mfa: call.mfa ?? this.options.mfa ?? noMfaPrompt,
      session,
      forgets: this.forgets,
      signOuts: this.signOutsOf(session),
    };
    return this.hopCredentials(chain, chain.hops.length - 1, keys, resolution);
  }

  /**
   * Drops every chain that rests on `session` (after a sign-out), and ends the
   * resolutions under way on it: the next caller starts afresh.
   */
  forgetSession(session: string): void {
    this.signOuts.set(session, this.signOutsOf(session) + 1);
    for (const [key, entry] of this.cache) if (entry.session === session) this.cache.delete(key);
    for (const [key, hop] of this.inFlight) if (hop.session === session) this.inFlight.delete(key);
  }

  forgetAll(): void {
    this.forgets += 1;
    this.cache.clear();
  }

  close(): void {
    this.cache.clear();
  }

  private signOutsOf(session: string | null): number {
    return session === null ? 0 : (this.signOuts.get(session) ?? 0);
  }

  /**
   * A resolution whose session was signed out since it began fails rather than
   * answer: signing out is the user ending that access, so credentials that
   * arrive afterwards must not reach a tool either.
   */
  private throwIfSignedOut(resolution: Resolution, profile: string): void {
    const { session } = resolution;
    if (session === null || this.signOutsOf(session) === resolution.signOuts) return;
    throw new CredentialsError(
      'not-signed-in',
      `Signed out of ${session} while profile "${profile}" waited for its credentials; sign in to ${session} again.`,
      session,
    );
  }

  private usable(entry: CachedHop, last: boolean): boolean {
    const { expiration } = entry.credentials;
    if (expiration === null) return false;
    // The top hop is handed out: keep botocore's 15 minutes, or half of a shorter lifetime.
    const margin = last
      ? Math.min(REUSE_MARGIN_MS, (expiration - entry.fetchedAt) / 2)
      : SIGNING_MARGIN_MS;
    return expiration - this.clock.now() > margin;
  }

  private hopCredentials(
    chain: RoleChain,
    index: number,
    keys: readonly string[],
    resolution: Resolution,
  ): Promise<RoleCredentials> {
    const key = keys[index]!;
    const cached = this.cache.get(key);
    if (cached && this.usable(cached, index === chain.hops.length - 1)) {
      return Promise.resolve(cached.credentials);
    }
    const running = this.inFlight.get(key);
    if (running) return running.request;
    const request = (async () => {
      const hop = chain.hops[index]!;
      const source =
        index === 0
          ? await this.sourceCredentials(chain.source)
          : await this.hopCredentials(chain, index - 1, keys, resolution);
      // Asked after the source is in hand, so a failing source never wastes a code.
      const tokenCode =
        hop.mfaSerial === null ? null : (await resolution.mfa(hop.mfaSerial, hop.profile)).trim();
      this.throwIfSignedOut(resolution, hop.profile);
      const credentials = await this.assumer.assumeRole(
        source,
        {
          hop,
          roleSessionName:
            hop.roleSessionName ?? `botocore-session-${Math.floor(this.clock.now() / 1000)}`,
          tokenCode,
          sourceProfile: index === 0 ? chain.source.profile : chain.hops[index - 1]!.profile,
        },
        chain.sts,
      );
      this.throwIfSignedOut(resolution, hop.profile);
      // After a forgetAll the caller still gets its answer (nothing ended its access), uncached.
      if (resolution.forgets === this.forgets) {
        this.cache.set(key, {
          credentials,
          fetchedAt: this.clock.now(),
          session: resolution.session,
        });
      }
      return credentials;
    })().finally(() => {
      // A sign-out may have let a newer request take this key.
      if (this.inFlight.get(key)?.request === request) this.inFlight.delete(key);
    });
    this.inFlight.set(key, { request, session: resolution.session });
    return request;
  }

  private sourceCredentials(source: ChainSource): Promise<RoleCredentials> {
    return source.kind === 'sso'
      ? this.options.ssoCredentials(source.profile)
      : this.options.staticKeys(source.profile, source.file);
  }
}
