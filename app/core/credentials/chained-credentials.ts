// Credentials of role_arn profiles: the chain's source (SSO role credentials or
// static keys), then one STS AssumeRole per hop. Each hop's credentials stay in
// memory (never on disk) and are reused while fresh, so an MFA code is asked
// once per session rather than once per use; concurrent callers share one
// request per hop, and so one MFA prompt.

import { systemClock, type Clock } from '../clock';
import type { ConfigModel } from '../config/config-model';
import type { Env } from '../env';
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
  private readonly inFlight = new Map<string, Promise<RoleCredentials>>();

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
    const mfa = call.mfa ?? this.options.mfa ?? noMfaPrompt;
    return this.hopCredentials(chain, chain.hops.length - 1, keys, { mfa, session });
  }

  /** Drops every chain that rests on `session` (after a sign-out). */
  forgetSession(session: string): void {
    for (const [key, entry] of this.cache) if (entry.session === session) this.cache.delete(key);
  }

  forgetAll(): void {
    this.cache.clear();
  }

  close(): void {
    this.cache.clear();
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
    context: { readonly mfa: MfaCodeProvider; readonly session: string | null },
  ): Promise<RoleCredentials> {
    const key = keys[index]!;
    const cached = this.cache.get(key);
    if (cached && this.usable(cached, index === chain.hops.length - 1)) {
      return Promise.resolve(cached.credentials);
    }
    const running = this.inFlight.get(key);
    if (running) return running;
    const request = (async () => {
      const hop = chain.hops[index]!;
      const source =
        index === 0
          ? await this.sourceCredentials(chain.source)
          : await this.hopCredentials(chain, index - 1, keys, context);
      // Asked after the source is in hand, so a failing source never wastes a code.
      const tokenCode =
        hop.mfaSerial === null ? null : (await context.mfa(hop.mfaSerial, hop.profile)).trim();
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
      this.cache.set(key, { credentials, fetchedAt: this.clock.now(), session: context.session });
      return credentials;
    })().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, request);
    return request;
  }

  private sourceCredentials(source: ChainSource): Promise<RoleCredentials> {
    return source.kind === 'sso'
      ? this.options.ssoCredentials(source.profile)
      : this.options.staticKeys(source.profile, source.file);
  }
}
