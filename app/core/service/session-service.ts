// The one source of truth for session state: loads ~/.aws/config,
// ~/.aws/credentials and the token cache, watches them, and emits an immutable
// Snapshot whenever what a user would see changes: a file changed, or the
// clock crossed a state boundary (one timer for the next boundary, no polling).

import { constants as fsConstants, promises as fs } from 'node:fs';
import path from 'node:path';
import type {
  Problem,
  ProfileView,
  SessionView,
  SignInProgress,
  Snapshot,
} from '../../shared/model';
import { tokenFileName, tokenFilePath, type CachedToken } from '../cache/token-file';
import { systemClock, type Clock, type TimerHandle } from '../clock';
import { buildConfigModel, type ConfigModel, type SessionConfig } from '../config/config-model';
import { resolveAwsPaths, type AwsPaths } from '../paths';
import { watchDirectories, type DirectoryWatcher } from '../watch/directory-watcher';
import { readConfigSource, readTokenStatus } from './file-readers';
import {
  DEFAULT_WARNING_LEAD_MS,
  nextStateChange,
  stateAt,
  type TokenStatus,
} from './session-state';

export interface SessionServiceOptions {
  readonly paths?: AwsPaths;
  readonly clock?: Clock;
  /** How long before expiry a non-refreshable session counts as `expiring`. */
  readonly warningLeadMs?: number;
  /** Coalescing window for bursts of file events (a rename emits several). */
  readonly settleMs?: number;
}

export type SnapshotListener = (snapshot: Snapshot) => void;

export interface SessionError {
  readonly code: string;
  readonly message: string;
}

const EMPTY_MODEL: ConfigModel = {
  sessions: [],
  profiles: [],
  staticKeyProfiles: new Set(),
  problems: [],
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export class SessionService {
  readonly paths: AwsPaths;
  private readonly clock: Clock;
  private warningLeadMs: number;
  private readonly settleMs: number;

  private model: ConfigModel = EMPTY_MODEL;
  private fileProblems: Problem[] = [];
  private profileViews: readonly ProfileView[] = [];
  private profileJson: string | null = null;
  private readonly tokens = new Map<string, TokenStatus>();
  private readonly signIns = new Map<string, SignInProgress>();
  private readonly lastErrors = new Map<string, SessionView['lastError']>();
  /** account id -> account name, from discoveries in this run (not secrets, not stored) */
  private readonly accountNames = new Map<string, string>();
  /** session -> the access token whose renewal Identity Center refused */
  private readonly renewalRefused = new Map<string, string>();
  /** token file name -> session names using it */
  private tokenFiles = new Map<string, string[]>();

  private current: Snapshot;
  private comparable = '';
  private readonly listeners = new Set<SnapshotListener>();
  private boundaryTimer: TimerHandle | null = null;
  private watcher: DirectoryWatcher | null = null;
  private pending = new Set<string>();
  private pendingAll = false;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private work: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(options: SessionServiceOptions = {}) {
    this.paths = options.paths ?? resolveAwsPaths();
    this.clock = options.clock ?? systemClock;
    this.warningLeadMs = options.warningLeadMs ?? DEFAULT_WARNING_LEAD_MS;
    this.settleMs = options.settleMs ?? 10;
    this.current = this.build(0);
  }

  /** Loads everything once. Safe to call again (a full reload). */
  async load(): Promise<Snapshot> {
    await this.enqueue(() => this.reloadEverything());
    return this.current;
  }

  /** Starts watching the files; changes are emitted to listeners. */
  startWatching(): void {
    if (this.watcher || this.closed) return;
    const { configFile, credentialsFile, cacheDir } = this.paths;
    this.watcher = watchDirectories(
      [path.dirname(configFile), path.dirname(credentialsFile), cacheDir],
      ({ dir, file }) => this.onFileEvent(dir, file),
    );
  }

  snapshot(): Snapshot {
    return this.current;
  }

  onSnapshot(listener: SnapshotListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The parsed config, for core modules (sign-in, export, doctor). */
  config(): ConfigModel {
    return this.model;
  }

  sessionConfig(name: string): SessionConfig | undefined {
    return this.model.sessions.find((s) => s.name === name);
  }

  /** The cached token of a session, for core modules only: it holds secrets. */
  token(name: string): CachedToken | null {
    const status = this.tokens.get(name);
    return status?.kind === 'token' ? status.token : null;
  }

  tokenFile(name: string): string {
    return tokenFilePath(this.paths.cacheDir, name);
  }

  setWarningLead(ms: number): void {
    this.warningLeadMs = ms;
    this.publish();
  }

  setSignInProgress(session: string, progress: SignInProgress | null): void {
    if (progress) this.signIns.set(session, progress);
    else this.signIns.delete(session);
    this.publish();
  }

  setLastError(session: string, error: SessionError | null): void {
    if (error) {
      this.lastErrors.set(session, { ...error, at: new Date(this.clock.now()).toISOString() });
    } else {
      this.lastErrors.delete(session);
    }
    this.publish();
  }

  /** Account names a discovery found; profiles show them from now on. */
  rememberAccountNames(accounts: Iterable<{ accountId: string; accountName: string }>): void {
    let changed = false;
    for (const { accountId, accountName } of accounts) {
      if (!accountName || this.accountNames.get(accountId) === accountName) continue;
      this.accountNames.set(accountId, accountName);
      changed = true;
    }
    if (!changed) return;
    this.refreshProfileViews();
    this.publish();
  }

  /**
   * The renewal of this exact token was refused (InvalidGrant, expired
   * registration): show the session as not renewable until a new token arrives.
   */
  setRenewalRefused(session: string, accessToken: string): void {
    this.renewalRefused.set(session, accessToken);
    this.publish();
  }

  /** Re-reads one session's token file now (after we wrote or deleted it). */
  async reloadSession(name: string): Promise<Snapshot> {
    await this.enqueue(async () => {
      await this.reloadToken(name);
      this.publish();
    });
    return this.current;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watcher?.close();
    this.watcher = null;
    this.boundaryTimer?.cancel();
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.listeners.clear();
    await this.work.catch(() => undefined);
  }

  // ---- loading -------------------------------------------------------------

  private enqueue(task: () => Promise<void>): Promise<void> {
    // One reload at a time; a failing task never breaks the chain.
    const run = this.work.then(task, task);
    this.work = run.catch(() => undefined);
    return run;
  }

  private async reloadEverything(): Promise<void> {
    await this.reloadConfig();
    await this.reloadAllTokens();
    this.publish();
  }

  private async reloadConfig(): Promise<void> {
    const { configFile, credentialsFile, cacheDir } = this.paths;
    const [config, credentials] = await Promise.all([
      readConfigSource(configFile, 'config'),
      readConfigSource(credentialsFile, 'credentials'),
    ]);
    this.model = buildConfigModel(config.source, credentials.source);
    this.fileProblems = [
      ...homeProblems(this.paths),
      ...config.problems,
      ...credentials.problems,
      ...(await cacheDirProblems(cacheDir)),
    ];
    this.tokenFiles = new Map();
    for (const session of this.model.sessions) {
      const file = tokenFileName(session.name);
      this.tokenFiles.set(file, [...(this.tokenFiles.get(file) ?? []), session.name]);
    }
    for (const name of [...this.tokens.keys()]) {
      if (!this.model.sessions.some((s) => s.name === name)) this.tokens.delete(name);
    }
    this.refreshProfileViews();
  }

  /** Keeps the same array when nothing changed, so views can compare by identity. */
  private refreshProfileViews(): void {
    // The JSON of the current views is computed only when a reload needs it.
    const views = this.buildProfileViews();
    const unchanged =
      views.length === this.profileViews.length &&
      (views.length === 0 ||
        JSON.stringify(views) === (this.profileJson ??= JSON.stringify(this.profileViews)));
    if (!unchanged) {
      this.profileJson = null;
      this.profileViews = deepFreeze(views);
    }
  }

  private async reloadAllTokens(): Promise<void> {
    await Promise.all(this.model.sessions.map((s) => this.reloadToken(s.name)));
  }

  private async reloadToken(name: string): Promise<void> {
    if (!this.model.sessions.some((s) => s.name === name)) return;
    this.tokens.set(name, await readTokenStatus(this.tokenFile(name)));
  }

  private onFileEvent(dir: string, file: string | null): void {
    if (this.closed) return;
    const { configFile, credentialsFile, cacheDir } = this.paths;
    if (file === null) {
      this.pendingAll = true;
    } else {
      const full = path.join(dir, file);
      if (full === configFile || full === credentialsFile) this.pendingAll = true;
      else if (path.resolve(dir) === path.resolve(cacheDir)) this.pending.add(file);
    }
    if (!this.pendingAll && this.pending.size === 0) return;
    if (this.settleTimer) return;
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      void this.enqueue(() => this.applyPending());
    }, this.settleMs);
  }

  private async applyPending(): Promise<void> {
    const all = this.pendingAll;
    const files = [...this.pending];
    this.pendingAll = false;
    this.pending.clear();
    if (all) {
      await this.reloadConfig();
      await this.reloadAllTokens();
    } else {
      const names = files.flatMap((f) => this.tokenFiles.get(f) ?? []);
      if (names.length === 0) return; // registrations and other tools' files
      await Promise.all(names.map((n) => this.reloadToken(n)));
    }
    this.publish();
  }

  // ---- snapshots -----------------------------------------------------------

  private buildProfileViews(): ProfileView[] {
    const byProfile = new Map<string, Problem[]>();
    for (const problem of this.model.problems) {
      if (problem.profile)
        byProfile.set(problem.profile, [...(byProfile.get(problem.profile) ?? []), problem]);
    }
    return this.model.profiles.map((p) => ({
      name: p.name,
      kind: p.kind,
      session: p.session,
      accountId: p.accountId,
      accountName: p.accountId === null ? null : (this.accountNames.get(p.accountId) ?? null),
      roleName: p.roleName,
      region: p.region,
      ...(p.kind === 'chained' ? { roleArn: p.roleArn, sourceProfile: p.sourceProfile } : {}),
      problems: byProfile.get(p.name) ?? [],
    }));
  }

  private buildSessionView(session: SessionConfig, now: number): SessionView {
    const status = this.tokens.get(session.name) ?? { kind: 'absent' as const };
    const refused =
      status.kind === 'token' && this.renewalRefused.get(session.name) === status.token.accessToken;
    const { state, refreshable, expiresAt } = stateAt(
      session.kind,
      status,
      now,
      this.warningLeadMs,
      refused,
    );
    const tokenFile = this.tokenFile(session.name);
    const problems: Problem[] = this.model.problems.filter((p) => p.session === session.name);
    if (status.kind === 'unreadable') {
      problems.push({
        code: 'token-unreadable',
        severity: 'error',
        message: `The cached token for ${session.name} cannot be used: ${status.reason}. Sign in again to replace it.`,
        file: tokenFile,
        line: null,
        session: session.name,
      });
    } else if (
      status.kind === 'token' &&
      status.token.startUrl !== null &&
      session.startUrl !== null &&
      status.token.startUrl !== session.startUrl
    ) {
      problems.push({
        code: 'token-start-url-mismatch',
        severity: 'warning',
        message: `The cached token for ${session.name} was issued for ${status.token.startUrl}, but the config now says ${session.startUrl}. Sign in again.`,
        file: tokenFile,
        line: null,
        session: session.name,
      });
    }
    return {
      name: session.name,
      kind: session.kind,
      startUrl: session.startUrl,
      region: session.region,
      state,
      expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
      refreshable,
      lastSignIn:
        status.kind === 'token' && status.writtenAt !== null
          ? new Date(status.writtenAt).toISOString()
          : null,
      tokenFile,
      profiles: session.profiles,
      signIn: this.signIns.get(session.name) ?? null,
      lastError: this.lastErrors.get(session.name) ?? null,
      problems,
    };
  }

  private build(version: number): Snapshot {
    const now = this.clock.now();
    const sessions = this.model.sessions.map((s) => this.buildSessionView(s, now));
    const sessionProblems = sessions.flatMap((s) =>
      s.problems.filter((p) => p.code.startsWith('token-')),
    );
    return deepFreeze({
      version,
      generatedAt: new Date(now).toISOString(),
      configFile: this.paths.configFile,
      credentialsFile: this.paths.credentialsFile,
      cacheDir: this.paths.cacheDir,
      sessions,
      profiles: this.profileViews,
      problems: [...this.fileProblems, ...this.model.problems, ...sessionProblems],
    });
  }

  /** Rebuilds the snapshot, emits it if anything visible changed, and re-arms the boundary timer. */
  private publish(): void {
    if (this.closed) return;
    const next = this.build(this.current.version + 1);
    const comparable = JSON.stringify([next.sessions, next.problems]);
    const profilesChanged = next.profiles !== this.current.profiles;
    if (comparable !== this.comparable || profilesChanged) {
      this.comparable = comparable;
      this.current = next;
      for (const listener of [...this.listeners]) {
        try {
          listener(next);
        } catch {
          // A view's failure must not stop the others or the service.
        }
      }
    }
    this.armBoundaryTimer();
  }

  private armBoundaryTimer(): void {
    this.boundaryTimer?.cancel();
    this.boundaryTimer = null;
    const now = this.clock.now();
    let next: number | null = null;
    for (const session of this.model.sessions) {
      const status = this.tokens.get(session.name);
      if (!status) continue;
      const refused =
        status.kind === 'token' &&
        this.renewalRefused.get(session.name) === status.token.accessToken;
      const at = nextStateChange(session.kind, status, now, this.warningLeadMs, refused);
      if (at !== null && (next === null || at < next)) next = at;
    }
    if (next === null) return;
    this.boundaryTimer = this.clock.setTimer(next - now, () => {
      this.boundaryTimer = null;
      this.publish();
    });
  }
}

/** Windows with HOME set (Git Bash): the AWS CLI and the JS SDK use different folders. */
function homeProblems(paths: AwsPaths): Problem[] {
  if (paths.jsSdkHome === paths.home) return [];
  return [
    {
      code: 'home-differs',
      severity: 'warning',
      message: `The AWS CLI uses ${paths.home} but JS SDK tools use ${paths.jsSdkHome} (HOME is set), so they see different sign-ins. Unset HOME or make it equal USERPROFILE.`,
      file: null,
      line: null,
    },
  ];
}

async function cacheDirProblems(cacheDir: string): Promise<Problem[]> {
  try {
    const stat = await fs.stat(cacheDir);
    if (!stat.isDirectory()) {
      return [
        {
          code: 'cache-dir-not-directory',
          severity: 'error',
          message: `${cacheDir} is a file, not a directory, so no AWS tool can cache a sign-in. Move it away.`,
          file: cacheDir,
          line: null,
        },
      ];
    }
    await fs.access(cacheDir, fsConstants.R_OK);
    return [];
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    return [
      {
        code: 'cache-dir-unreadable',
        severity: 'error',
        message: `Cannot read ${cacheDir} (${code ?? 'error'}). Check its permissions.`,
        file: cacheDir,
        line: null,
      },
    ];
  }
}
