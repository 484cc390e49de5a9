// Pure: what every view sees, built from what the files say (config, tokens),
// what the core is doing (sign-ins, renewal) and the user's settings. No I/O,
// no clock: the caller passes the time.

import type {
  Problem,
  ProfileView,
  Renewal,
  SessionView,
  SignInProgress,
  Snapshot,
  WaitingTool,
} from '../../shared/model';
import { sessionLabel } from '../../shared/session-label';
import type { ConfigModel, SessionConfig } from '../config/config-model';
import type { AwsPaths } from '../paths';
import { nextStateChange, sessionState, type TokenStatus } from './session-state';

export interface SnapshotSources {
  readonly paths: AwsPaths;
  readonly model: ConfigModel;
  readonly fileProblems: readonly Problem[];
  readonly profiles: readonly ProfileView[];
  readonly warningLeadMs: number;
  tokenStatus(name: string): TokenStatus;
  tokenFile(name: string): string;
  /** The renewal truth of a session at a time (now, or a future boundary). */
  renewal(session: SessionConfig, status: TokenStatus, at: number): Renewal;
  signIn(name: string): SignInProgress | null;
  waiting(name: string): readonly WaitingTool[];
  lastError(name: string): SessionView['lastError'];
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    // for...in, not Object.values: no array per object (a snapshot has tens of thousands).
    for (const key in value) deepFreeze(value[key]);
  }
  return value;
}

function tokenProblems(session: SessionConfig, status: TokenStatus, tokenFile: string): Problem[] {
  if (status.kind === 'unreadable') {
    return [
      {
        code: 'token-unreadable',
        severity: 'error',
        message: `The cached token for ${session.name} cannot be used: ${status.reason}. Sign in again to replace it.`,
        file: tokenFile,
        line: null,
        session: session.name,
      },
    ];
  }
  if (
    status.kind === 'token' &&
    status.token.startUrl !== null &&
    session.startUrl !== null &&
    status.token.startUrl !== session.startUrl
  ) {
    return [
      {
        code: 'token-start-url-mismatch',
        severity: 'warning',
        message: `The cached token for ${session.name} was issued for ${status.token.startUrl}, but the config now says ${session.startUrl}. Sign in again.`,
        file: tokenFile,
        line: null,
        session: session.name,
      },
    ];
  }
  return [];
}

export function buildSessionView(
  sources: SnapshotSources,
  session: SessionConfig,
  now: number,
): SessionView {
  const status = sources.tokenStatus(session.name);
  const renewal = sources.renewal(session, status, now);
  const tokenFile = sources.tokenFile(session.name);
  return {
    name: session.name,
    label: sessionLabel(session.kind, session.name),
    kind: session.kind,
    startUrl: session.startUrl,
    region: session.region,
    state: sessionState(status, now, sources.warningLeadMs, renewal.mode),
    expiresAt: status.kind === 'token' ? new Date(status.token.expiresAt).toISOString() : null,
    renewal,
    lastSignIn:
      status.kind === 'token' && status.writtenAt !== null
        ? new Date(status.writtenAt).toISOString()
        : null,
    tokenFile,
    profiles: session.profiles,
    signIn: sources.signIn(session.name),
    waiting: sources.waiting(session.name),
    lastError: sources.lastError(session.name),
    problems: [
      ...sources.model.problems.filter((p) => p.session === session.name),
      ...tokenProblems(session, status, tokenFile),
    ],
  };
}

export function buildSnapshot(sources: SnapshotSources, version: number, now: number): Snapshot {
  const sessions = sources.model.sessions.map((s) => buildSessionView(sources, s, now));
  const sessionProblems = sessions.flatMap((s) =>
    s.problems.filter((p) => p.code.startsWith('token-')),
  );
  return deepFreeze({
    version,
    generatedAt: new Date(now).toISOString(),
    configFile: sources.paths.configFile,
    credentialsFile: sources.paths.credentialsFile,
    cacheDir: sources.paths.cacheDir,
    sessions,
    profiles: sources.profiles,
    problems: [...sources.fileProblems, ...sources.model.problems, ...sessionProblems],
  });
}

/** The next instant any session's state changes by itself, or null. */
export function nextBoundary(sources: SnapshotSources, now: number): number | null {
  let next: number | null = null;
  for (const session of sources.model.sessions) {
    const status = sources.tokenStatus(session.name);
    const at = nextStateChange(
      status,
      now,
      sources.warningLeadMs,
      (time) => sources.renewal(session, status, time).mode,
    );
    if (at !== null && (next === null || at < next)) next = at;
  }
  return next;
}

export function buildProfileViews(
  model: ConfigModel,
  accountName: (accountId: string) => string | null,
): ProfileView[] {
  const byProfile = new Map<string, Problem[]>();
  for (const problem of model.problems) {
    if (problem.profile)
      byProfile.set(problem.profile, [...(byProfile.get(problem.profile) ?? []), problem]);
  }
  return model.profiles.map((p) => ({
    name: p.name,
    kind: p.kind,
    session: p.session,
    accountId: p.accountId,
    accountName: p.accountId === null ? null : accountName(p.accountId),
    roleName: p.roleName,
    region: p.region,
    ...(p.kind === 'chained'
      ? { roleArn: p.roleArn, sourceProfile: p.sourceProfile, chainSource: p.chainSource }
      : {}),
    problems: byProfile.get(p.name) ?? [],
  }));
}
