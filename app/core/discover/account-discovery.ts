// Discovery and profile generation for one core: discover a signed-in
// session's accounts and roles, plan the missing profiles, apply a plan.
// Used by the API (window) and the CLI alike.

import type {
  ApplyPlanResult,
  DiscoveryResult,
  ProfilePlan,
  ProfilePlanRequest,
} from '../../shared/api';
import { systemClock, type Clock } from '../clock';
import { ConfigWriteError, readConfigFile, writeConfigEdit } from '../config/config-editor';
import { buildConfigModel, type SessionConfig } from '../config/config-model';
import { buildDiscoveryResult } from './coverage';
import { DiscoveryError } from './discovery-error';
import { listAssignments, type AccountAssignments } from './list-assignments';
import { checkPlanAgainstConfig } from './check-plan';
import { portalFailure, signInAction } from './portal-failure';
import {
  buildProfilePlan,
  checkPlanOptions,
  planToEdit,
  readBothWays,
  sessionForProfiles,
} from './profile-plan';
import { DEFAULT_RETRY_POLICY, realSleep, type RetryContext, type RetryPolicy } from './retry';
import type { PortalApiPool } from '../aws/portal-api';
import type { AwsFiles } from '../sessions/aws-files';
import type { Snapshot } from '../../shared/model';
import type { AccountNames } from './account-names';
import { createSsoPortal } from './sso-portal';

/** What discovery needs from the core. */
export interface DiscoveryDeps {
  readonly files: AwsFiles;
  readonly portal: PortalApiPool;
  readonly snapshot: () => Snapshot;
  readonly accountNames: AccountNames;
}

export interface AccountDiscoveryOptions {
  readonly clock?: Clock;
  /** ListAccountRoles calls in flight at once. */
  readonly concurrency?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly onRetry?: RetryContext['onRetry'];
  /** How long a discovery result is reused for planning (the table the user just saw). */
  readonly reuseForMs?: number;
}

export const DEFAULT_CONCURRENCY = 4;

interface RecentDiscovery {
  readonly session: SessionConfig;
  readonly assignments: readonly AccountAssignments[];
  readonly fetchedAt: string;
  /** Clock time of the fetch. */
  readonly at: number;
}

export class AccountDiscovery {
  private readonly clock: Clock;
  private readonly retry: RetryContext;
  private readonly concurrency: number;
  private readonly reuseForMs: number;
  private readonly recent = new Map<string, RecentDiscovery>();

  constructor(
    private readonly deps: DiscoveryDeps,
    options: AccountDiscoveryOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.reuseForMs = options.reuseForMs ?? 5 * 60_000;
    this.retry = {
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      sleep: options.sleep ?? realSleep,
      random: options.random ?? Math.random,
      onRetry: options.onRetry,
    };
  }

  /** Every account and role the session's sign-in can reach, with the profiles that cover each. */
  async discover(sessionName: string): Promise<DiscoveryResult> {
    const { session, assignments, fetchedAt } = await this.fetchAssignments(sessionName);
    const result = buildDiscoveryResult(session, this.deps.files.config(), assignments, fetchedAt);
    this.deps.accountNames.remember(result.accounts);
    return result;
  }

  private async fetchAssignments(sessionName: string): Promise<RecentDiscovery> {
    const { files } = this.deps;
    const session = files.sessionConfig(sessionName);
    if (!session) {
      throw new DiscoveryError(
        'unknown-session',
        `There is no session "${sessionName}" in ${files.paths.configFile}.`,
      );
    }
    const view = this.deps.snapshot().sessions.find((s) => s.name === sessionName);
    const token = files.token(sessionName);
    if (!token || (view?.state !== 'valid' && view?.state !== 'expiring')) {
      throw new DiscoveryError(
        'not-signed-in',
        `You are not signed in to ${sessionName}${view?.state === 'expired' ? ' (the sign-in expired)' : ''}. Sign in, then discover accounts.`,
        signInAction(sessionName),
      );
    }
    const region = session.region ?? token.region;
    if (!region) {
      throw new DiscoveryError(
        'discovery-failed',
        `Session ${sessionName} has no sso_region, so its portal cannot be reached.`,
      );
    }
    try {
      const portal = createSsoPortal(
        this.deps.portal.get(region, { maxAttempts: 1 }),
        token.accessToken,
      );
      const assignments = await listAssignments(portal, {
        concurrency: this.concurrency,
        retry: this.retry,
      });
      const at = this.clock.now();
      const recent = { session, assignments, fetchedAt: new Date(at).toISOString(), at };
      this.recent.set(sessionName, recent);
      return recent;
    } catch (error) {
      throw portalFailure(error, sessionName, `the ${region} portal`);
    }
  }

  async plan(request: ProfilePlanRequest): Promise<ProfilePlan> {
    // Validate what needs no network first.
    sessionForProfiles(this.deps.files.sessionConfig(request.session), request.session);
    checkPlanOptions(request);
    // Reuse what the user just saw in the table, so the plan matches it.
    const recent = this.recent.get(request.session);
    const fetched =
      recent && this.clock.now() - recent.at <= this.reuseForMs
        ? recent
        : await this.fetchAssignments(request.session);
    // Coverage and names from the bytes the plan is made from, not an older load.
    const config = await readConfigFile(this.deps.files.paths.configFile);
    const model = buildConfigModel(
      { path: config.file, bytes: config.bytes },
      { path: this.deps.files.paths.credentialsFile, bytes: null },
    );
    const session = model.sessions.find((s) => s.name === request.session);
    const discovery = session
      ? buildDiscoveryResult(session, model, fetched.assignments, fetched.fetchedAt)
      : { session: request.session, fetchedAt: fetched.fetchedAt, accounts: [] };
    return buildProfilePlan({ request, session, discovery, config });
  }

  /** Applies a plan that may come from the window: everything in it is checked again. */
  async apply(plan: ProfilePlan): Promise<ApplyPlanResult> {
    const configFile = this.deps.files.paths.configFile;
    if (plan.configFile !== configFile) {
      throw new DiscoveryError(
        'invalid-argument',
        `The plan is for ${plan.configFile}, not ${configFile}.`,
      );
    }
    if (plan.additions.length === 0 && plan.removals.length === 0) {
      throw new DiscoveryError('empty-plan', 'The plan adds and removes nothing.');
    }
    sessionForProfiles(this.deps.files.sessionConfig(plan.session), plan.session);
    const state = await readConfigFile(configFile);
    if (state.hash !== plan.baseHash) {
      throw new ConfigWriteError(
        'config-changed',
        `${configFile} changed since this change was prepared; nothing was written. Review the change again.`,
      );
    }
    const edit = planToEdit(plan);
    checkPlanAgainstConfig(plan, edit, readBothWays(state));
    const { backupFile } = await writeConfigEdit(
      configFile,
      plan.baseHash,
      edit,
      new Date(this.clock.now()),
    );
    await this.deps.files.load();
    return {
      added: plan.additions.length,
      removed: new Set(plan.removals).size,
      backupFile: backupFile ?? '',
    };
  }
}
