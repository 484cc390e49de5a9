// The files the AWS tools share, loaded and watched: ~/.aws/config,
// ~/.aws/credentials and the token cache. It holds what they say now (the
// parsed config and each session's token status) and announces which sessions
// changed; it knows nothing about views. File events are coalesced (a rename
// emits several) and only the token that changed is re-read.

import path from 'node:path';
import type { Problem } from '../../shared/model';
import { systemClock, type TimerHandle } from '../clock';
import { buildConfigModel, type ConfigModel, type SessionConfig } from '../config/config-model';
import { Emitter } from '../events/emitter';
import { resolveAwsPaths, type AwsPaths } from '../paths';
import { tokenFileName, tokenFilePath, type CachedToken } from '../token-cache/token-file';
import { watchDirectories, type DirectoryWatcher } from '../watch/directory-watcher';
import { cacheDirProblems, homeProblems } from './file-problems';
import { readConfigSource, readTokenStatus } from './file-readers';
import type { TokenStatus } from './session-state';

export interface AwsFilesOptions {
  readonly paths?: AwsPaths;
  /** Coalescing window for bursts of file events, in real time. */
  readonly settleMs?: number;
}

/** What a reload changed: everything (config or credentials), or these sessions' tokens. */
export interface FilesChange {
  readonly all: boolean;
  readonly sessions: readonly string[];
}

const EMPTY_MODEL: ConfigModel = {
  sessions: [],
  profiles: [],
  staticKeyProfiles: new Set(),
  problems: [],
};

const ABSENT: TokenStatus = { kind: 'absent' };

export class AwsFiles {
  readonly paths: AwsPaths;
  private readonly settleMs: number;
  private model: ConfigModel = EMPTY_MODEL;
  private problems: readonly Problem[] = [];
  private readonly tokens = new Map<string, TokenStatus>();
  /** token file name -> session names using it */
  private tokenFiles = new Map<string, string[]>();
  private readonly changes = new Emitter<FilesChange>();
  private watcher: DirectoryWatcher | null = null;
  private pending = new Set<string>();
  private pendingAll = false;
  private settleTimer: TimerHandle | null = null;
  /** Sessions whose token file was unreadable while fresh, and the timer that reads it again. */
  private readonly rechecks = new Map<string, TimerHandle>();
  private work: Promise<void> = Promise.resolve();
  private closed = false;

  /** Fired after every reload, with what it covered. */
  readonly onChange = this.changes.event;

  constructor(options: AwsFilesOptions = {}) {
    this.paths = options.paths ?? resolveAwsPaths();
    this.settleMs = options.settleMs ?? 10;
  }

  /** Loads everything (again). */
  load(): Promise<void> {
    return this.enqueue(async () => {
      await this.reloadConfig();
      await this.reloadTokens(this.model.sessions.map((s) => s.name));
      this.changes.fire({ all: true, sessions: [] });
    });
  }

  /** Re-reads one session's token file now (after we wrote or deleted it). */
  reloadSession(name: string): Promise<void> {
    return this.enqueue(async () => {
      await this.reloadTokens([name]);
      this.changes.fire({ all: false, sessions: [name] });
    });
  }

  startWatching(): void {
    if (this.watcher || this.closed) return;
    const { configFile, credentialsFile, cacheDir } = this.paths;
    this.watcher = watchDirectories(
      [path.dirname(configFile), path.dirname(credentialsFile), cacheDir],
      ({ dir, file }) => this.onFileEvent(dir, file),
    );
  }

  config(): ConfigModel {
    return this.model;
  }

  sessionConfig(name: string): SessionConfig | undefined {
    return this.model.sessions.find((s) => s.name === name);
  }

  /** Problems with the files themselves (unreadable, home folders that differ, the cache folder). */
  fileProblems(): readonly Problem[] {
    return this.problems;
  }

  tokenStatus(name: string): TokenStatus {
    return this.tokens.get(name) ?? ABSENT;
  }

  /** The cached token of a session, for core modules only: it holds secrets. */
  token(name: string): CachedToken | null {
    const status = this.tokens.get(name);
    return status?.kind === 'token' ? status.token : null;
  }

  tokenFile(name: string): string {
    return tokenFilePath(this.paths.cacheDir, name);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watcher?.close();
    this.watcher = null;
    this.settleTimer?.cancel();
    for (const timer of this.rechecks.values()) timer.cancel();
    this.rechecks.clear();
    this.changes.dispose();
    await this.work.catch(() => undefined);
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    // One reload at a time; a failing task never breaks the chain.
    const run = this.work.then(task, task);
    this.work = run.catch(() => undefined);
    return run;
  }

  private async reloadConfig(): Promise<void> {
    const { configFile, credentialsFile } = this.paths;
    const [config, credentials] = await Promise.all([
      readConfigSource(configFile, 'config'),
      readConfigSource(credentialsFile, 'credentials'),
    ]);
    this.model = buildConfigModel(config.source, credentials.source);
    this.problems = [
      ...homeProblems(this.paths),
      ...config.problems,
      ...credentials.problems,
      ...(await cacheDirProblems(this.paths.cacheDir)),
    ];
    this.tokenFiles = new Map();
    for (const session of this.model.sessions) {
      const file = tokenFileName(session.name);
      this.tokenFiles.set(file, [...(this.tokenFiles.get(file) ?? []), session.name]);
    }
    for (const name of [...this.tokens.keys()]) {
      if (!this.sessionConfig(name)) this.tokens.delete(name);
    }
  }

  private async reloadTokens(names: readonly string[]): Promise<void> {
    await Promise.all(
      names.filter((name) => this.sessionConfig(name)).map((name) => this.reloadToken(name)),
    );
  }

  private async reloadToken(name: string): Promise<void> {
    const { status, settlesAt } = await readTokenStatus(this.tokenFile(name));
    const previous = this.tokens.get(name);
    if (settlesAt !== null) {
      // Maybe a writer mid-write: judge again once the file has settled, and meanwhile
      // keep showing a usable token rather than flash "invalid" over a healthy session.
      this.recheckAt(name, settlesAt);
      if (previous?.kind === 'token') return;
    }
    this.tokens.set(name, status);
  }

  private recheckAt(name: string, at: number): void {
    if (this.rechecks.has(name) || this.closed) return;
    const timer = systemClock.setTimer(
      Math.max(0, at - Date.now()),
      () => {
        this.rechecks.delete(name);
        if (!this.closed) void this.reloadSession(name);
      },
      { background: true },
    );
    this.rechecks.set(name, timer);
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
    if ((!this.pendingAll && this.pending.size === 0) || this.settleTimer) return;
    // File events arrive in real time, so their debounce runs on the real clock.
    this.settleTimer = systemClock.setTimer(
      this.settleMs,
      () => {
        this.settleTimer = null;
        void this.enqueue(() => this.applyPending());
      },
      { background: true },
    );
  }

  private async applyPending(): Promise<void> {
    const all = this.pendingAll;
    const files = [...this.pending];
    this.pendingAll = false;
    this.pending.clear();
    if (all) {
      await this.reloadConfig();
      await this.reloadTokens(this.model.sessions.map((s) => s.name));
      this.changes.fire({ all: true, sessions: [] });
      return;
    }
    const names = files.flatMap((f) => this.tokenFiles.get(f) ?? []);
    if (names.length === 0) return; // registrations and other tools' files
    await this.reloadTokens(names);
    this.changes.fire({ all: false, sessions: names });
  }
}
