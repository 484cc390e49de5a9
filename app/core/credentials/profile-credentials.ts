// A profile's credentials, whatever gives them: IAM Identity Center role
// credentials for an SSO profile, or, for a profile with role_arn, the chain
// botocore would follow (its SSO or static-key source, then one AssumeRole per
// hop). Both are kept in memory only. A profile the AWS CLI would refuse, or a
// chain through one, gets nothing here either (aws-cli-refusal.ts).

import type { ConfigModel } from '../config/config-model';
import { raceAbort } from '../abort';
import { assertAwsCliAccepts } from './aws-cli-refusal';
import type { ChainedCredentialsService } from './chained-credentials';
import { assumesRole, type RoleChain } from './role-chain';
import type { RoleCredentials } from './role-credentials';
import type { RoleCredentialsService } from './role-credentials-service';
import type { RoleTarget } from './role-target';

/** What a console link for a profile signs in as. */
export type ConsoleTarget =
  | { readonly kind: 'sso'; readonly target: RoleTarget }
  | {
      readonly kind: 'assumed-role';
      readonly profile: string;
      readonly roleArn: string;
      /** The profile's own region, if any. */
      readonly region: string | null;
      /** The access portal of the session the chain rests on, or null over static keys. */
      readonly startUrl: string | null;
    };

export class ProfileCredentials {
  constructor(
    private readonly config: () => ConfigModel,
    private readonly sso: RoleCredentialsService,
    private readonly chained: ChainedCredentialsService,
  ) {}

  /** The profile's credentials. Secrets: never hand them to a view. */
  async get(profile: string, options: { signal?: AbortSignal } = {}): Promise<RoleCredentials> {
    if (!assumesRole(this.config(), profile)) return this.sso.get(profile, options);
    const { signal } = options;
    try {
      this.refusedLikeAwsCli(this.chained.chain(profile));
      // The hops are shared by every caller, so one caller's deadline ends only its own wait.
      return await raceAbort(this.chained.get(profile), signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw error;
    }
  }

  consoleTarget(profile: string): ConsoleTarget {
    const config = this.config();
    if (!assumesRole(config, profile)) return { kind: 'sso', target: this.sso.target(profile) };
    const chain = this.chained.chain(profile);
    const own = config.profiles.find((p) => p.name === profile);
    const source =
      chain.source.kind === 'sso'
        ? config.profiles.find((p) => p.name === chain.source.profile)
        : undefined;
    const session = config.sessions.find((s) => s.name === source?.session);
    return {
      kind: 'assumed-role',
      profile,
      roleArn: chain.hops[chain.hops.length - 1]!.roleArn,
      region: own?.region ?? chain.sts.region,
      startUrl: session?.startUrl ?? null,
    };
  }

  /** Drops what was fetched with this session's sign-in, chains resting on it included. */
  forgetSession(session: string): void {
    this.sso.forgetSession(session);
    this.chained.forgetSession(session);
  }

  forgetAll(): void {
    this.sso.forgetAll();
    this.chained.forgetAll();
  }

  close(): void {
    this.sso.close();
    this.chained.close();
  }

  /** Every profile of the chain must be one the AWS CLI accepts (its SSO source is checked again there). */
  private refusedLikeAwsCli(chain: RoleChain): void {
    const config = this.config();
    for (const name of [chain.profile, ...chain.hops.map((h) => h.profile), chain.source.profile]) {
      assertAwsCliAccepts(config, name);
    }
  }
}
