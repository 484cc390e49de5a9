// The composition root of the platform-free core: every part wired once, behind
// the one door (index.ts). Parts talk through narrow interfaces; the core
// publishes two things, the snapshot (what is true now) and events (what just
// happened). See docs/architecture.md.

import { homedir } from 'node:os';
import { EXPORT_SHELLS } from '../shared/api';
import type {
  ApplyPlanResult,
  BrokerSummary,
  DiagnosisReport,
  DiscoveryResult,
  ExportRequest,
  ProfilePlan,
  ProfilePlanRequest,
} from '../shared/api';
import type { CoreEvent } from '../shared/events';
import type { SignInFlow, Snapshot } from '../shared/model';
import type { BrowserOpener } from './auth/browser-opener';
import { RenewalScheduler } from './auth/renewal-scheduler';
import { renewalOf } from './auth/renewal-status';
import {
  chooseSignInFlow,
  detectSurroundings,
  nodePlaceHost,
  type FlowChoice,
  type Surroundings,
} from './auth/sign-in-flow-choice';
import { SignInManager, type SignInOutcome, type SignInRequest } from './auth/sign-in-manager';
import { findSession } from './auth/sign-in-target';
import type { SignOutResult } from './auth/sign-out';
import { deadlinesFromEnv, PendingCalls, type NetworkDeadlines } from './aws/network';
import { OidcApiPool } from './aws/oidc-api';
import { PortalApiPool } from './aws/portal-api';
import { browserLaunch } from './browser/browser-choice';
import {
  LaunchError,
  policyChecked,
  spawnBrowser,
  systemLauncher,
  wslLauncher,
  type UrlLauncher,
} from './browser/launch-url';
import { policyContextOf, type UrlPolicyContext } from './browser/url-policy';
import { systemClock, type Clock } from './clock';
import { consoleLink, type ConsoleLink, type ConsoleLinkOptions } from './console/console-link';
import { ChainedCredentialsService } from './credentials/chained-credentials';
import {
  noMfaPrompt,
  trackMfaPrompt,
  type MfaCodeProvider,
  type TrackedMfaPrompt,
  type UserPrompts,
} from './credentials/mfa-code-provider';
import { createPortalCredentialsFetcher } from './credentials/portal-credentials';
import { ProfileCredentials } from './credentials/profile-credentials';
import type { RoleCredentials } from './credentials/role-credentials';
import { RoleCredentialsService } from './credentials/role-credentials-service';
import { createStaticKeysReader } from './credentials/static-keys';
import { createStsRoleAssumer, recordedAssumer } from './credentials/sts-role-assumer';
import { runDoctor } from './diagnose/doctor';
import { gatherDoctorInput } from './diagnose/gather';
import { AccountDiscovery, type AccountDiscoveryOptions } from './discover/account-discovery';
import { AccountNames } from './discover/account-names';
import { raceAbort } from './abort';
import { startBroker, type Broker, type BrokerOptions } from './broker/broker';
import type { BrokerBackend } from './broker/broker-backend';
import { brokerAddressesFor } from './broker/broker-location';
import { brokerSummaryOf, type BrokerState } from './broker/broker-summary';
import { exportContainerSnippet } from './broker/container-export';
import { ToolWaits } from './broker/tool-waits';
import { CredentialsError } from './credentials/credentials-error';
import { maskSecrets } from './export/mask';
import { SnippetError } from './export/snippet-error';
import type { Env } from './env';
import { CoreError } from './errors/core-error';
import { categoryOf, type ErrorCode } from './errors/error-table';
import { Emitter, type Event } from './events/emitter';
import { formatAwsCliCredentials, type AwsCliFormat } from './export/aws-cli-format';
import { prepareExport, type PreparedExport } from './export/export-service';
import { resolveAwsPaths, type AwsPaths } from './paths';
import { AwsFiles } from './sessions/aws-files';
import { DEFAULT_WARNING_LEAD_MS } from './sessions/session-state';
import { ProfileViewsCache, SnapshotPublisher } from './sessions/snapshot-publisher';
import type { SnapshotSources } from './sessions/snapshot-builder';
import { defaultSettingsDir } from './settings/settings-dir';
import { FileSettingsStore, type SettingsNotice } from './settings/settings-store';

export interface CoreOptions {
  /** Environment the core reads (HOME, AWS_* paths and endpoints, SSO_TRAY_*). Default process.env. */
  readonly env?: Env;
  readonly platform?: NodeJS.Platform;
  /** Where the AWS files are; default resolved from `env` the way the AWS CLI does. */
  readonly paths?: AwsPaths;
  /** The settings folder; default the one the app and the CLI share (settings-dir.ts). */
  readonly settingsDir?: string;
  readonly clock?: Clock;
  /** Watch files, keep state live and renew (the app, `serve`); false for one-shot CLI commands. */
  readonly watch?: boolean;
  /**
   * Opens a URL in the user's default browser: Electron's shell in the app, the
   * terminal's $BROWSER or the system opener in the CLI. A browser chosen in
   * the settings takes precedence. Every URL passes the URL policy first.
   */
  readonly systemBrowser?: UrlLauncher;
  /** Where sign-in pages go when a request brings no opener. Default: the browser. */
  readonly signInOpener?: BrowserOpener;
  /** The sign-in flow, over every setting (`sso-tray serve --device-code`). */
  readonly signInFlow?: SignInFlow;
  /**
   * Where this core runs (SSH, a container, no display, WSL), which picks the
   * sign-in flow and how URLs open; default detected from `env` and the machine.
   */
  readonly surroundings?: Surroundings;
  /** PKCE loopback wait. Default 10 minutes. */
  readonly loopbackTimeoutMs?: number;
  readonly deadlines?: NetworkDeadlines;
  readonly discovery?: AccountDiscoveryOptions;
  /**
   * Whether the user is at the machine now (active in the last minute), for the
   * "when-active" tool sign-in setting. Default: yes (a terminal, `serve`).
   */
  readonly userActive?: () => boolean;
  /**
   * Asks the user for the code of an MFA device when a role chain needs one
   * (`mfa_serial`): the terminal in the CLI, main's own prompt in the app.
   * Default: nobody can be asked, and such a profile fails naming MFA.
   */
  readonly mfaPrompt?: MfaCodeProvider;
}

/** A tool's request for credentials (through the broker). */
export interface ToolRequest {
  /** How long the tool waits for a browser sign-in; 0: do not wait. */
  readonly waitMs: number;
  /** Aborts when the tool goes away or its deadline passes. */
  readonly signal: AbortSignal;
  /** The process name the tool reported, if any. */
  readonly caller: string | null;
}

export interface DiagnoseOptions {
  readonly profile?: string | null;
  /** Where to look for a Pulumi project. */
  readonly cwd: string;
  /** The environment to check; default the core's. */
  readonly env?: Env;
}

const MINUTE = 60_000;

export class Core {
  readonly paths: AwsPaths;
  readonly env: Env;
  readonly settings: FileSettingsStore;
  /** Something the user should hear about the settings file (it was reset), once. */
  readonly settingsNotice: SettingsNotice | null;
  readonly onSnapshot: Event<Snapshot>;
  readonly onEvent: Event<CoreEvent>;

  private readonly clock: Clock;
  private readonly files: AwsFiles;
  private readonly oidc: OidcApiPool;
  private readonly portal: PortalApiPool;
  private readonly pending = new PendingCalls();
  private readonly signIns: SignInManager;
  private readonly renewal: RenewalScheduler;
  private readonly roleCredentials: ProfileCredentials;
  private readonly mfaPrompt: TrackedMfaPrompt;
  private readonly discovery: AccountDiscovery;
  private readonly accountNames = new AccountNames();
  private readonly profileViews = new ProfileViewsCache();
  private readonly publisher: SnapshotPublisher;
  private readonly events = new Emitter<CoreEvent>();
  /** Opens a URL in the browser chosen for a session (or the default one). */
  private readonly browser: (url: string, session: string | null) => Promise<void>;
  private readonly surroundings: () => Surroundings;
  private readonly signInFlow: SignInFlow | undefined;
  private readonly toolWaits: ToolWaits;
  private readonly userActive: () => boolean;
  private brokerState: BrokerState = { kind: 'not-started' };
  private readonly unsubscribe: (() => void)[] = [];

  private constructor(
    options: CoreOptions,
    settings: { store: FileSettingsStore; notice: SettingsNotice | null },
  ) {
    const env = (this.env = options.env ?? process.env);
    const platform = options.platform ?? process.platform;
    this.paths = options.paths ?? resolveAwsPaths({ env, platform, homedir });
    this.settings = settings.store;
    this.settingsNotice = settings.notice;
    const clock = (this.clock = options.clock ?? systemClock);
    this.onEvent = this.events.event;
    const emit = (event: CoreEvent) => this.events.fire(event);
    const changed = () => this.publisher.publish();

    this.userActive = options.userActive ?? (() => true);
    this.toolWaits = new ToolWaits(clock, changed);
    this.files = new AwsFiles({ paths: this.paths });
    const calls = { deadlines: options.deadlines ?? deadlinesFromEnv(env), pending: this.pending };
    this.oidc = new OidcApiPool(env, calls);
    this.portal = new PortalApiPool(env, calls);

    let surroundings = options.surroundings;
    // Detected on first use: a command that never signs in or opens a page reads nothing.
    this.surroundings = () => (surroundings ??= detectSurroundings(nodePlaceHost(env, platform)));
    this.signInFlow = options.signInFlow;
    const systemBrowser =
      options.systemBrowser ??
      ((url: string) =>
        (this.surroundings().wsl ? wslLauncher(env) : systemLauncher(platform))(url));
    // The browser chosen in main's picker (argv, no shell) for the session, else the default one.
    this.browser = (url, session) =>
      policyChecked(
        async (checked) => {
          let launch;
          try {
            launch = browserLaunch(this.settings.browser(session ?? undefined), checked, platform);
          } catch (error) {
            // Only a command line stored by an older version can fail to split.
            throw new LaunchError(
              `The browser command set before this version cannot be used: ${(error as Error).message}. Choose a browser in Preferences.`,
            );
          }
          if (launch.kind === 'system') return systemBrowser(checked);
          try {
            await spawnBrowser(launch.file, launch.args);
          } catch (error) {
            throw new LaunchError(`${(error as Error).message} Choose another one in Preferences.`);
          }
        },
        () => this.policyContext(),
      )(url);

    this.signIns = new SignInManager({
      files: this.files,
      oidc: this.oidc,
      portal: this.portal,
      clock,
      opener: options.signInOpener ?? ((prompt) => this.browser(prompt.url, prompt.session)),
      chooseFlow: (target, explicit) => this.signInFlowChoice(target.name, explicit).flow,
      loopbackTimeoutMs: options.loopbackTimeoutMs,
      emit,
      changed,
    });
    this.renewal = new RenewalScheduler({
      files: this.files,
      oidc: this.oidc,
      clock,
      isSigningIn: (session) => this.signIns.isRunning(session),
      settings: () => {
        const { renewal } = this.settings.get();
        return { enabled: renewal.enabled, leadMs: renewal.leadMinutes * MINUTE };
      },
      emit,
      changed,
    });
    const ssoCredentials = new RoleCredentialsService({
      sessions: this.files,
      clock,
      fetcher: createPortalCredentialsFetcher(this.portal),
      renewIfDue: (session) => this.renewal.renewIfDue(session),
    });
    this.mfaPrompt = trackMfaPrompt(options.mfaPrompt ?? noMfaPrompt, () => clock.now());
    const chained = new ChainedCredentialsService({
      config: () => this.files.config(),
      ssoCredentials: (profile) => ssoCredentials.get(profile),
      staticKeys: createStaticKeysReader(this.paths),
      mfa: this.mfaPrompt.provider,
      env,
      clock,
      assumer: recordedAssumer(createStsRoleAssumer(env, calls.deadlines), this.pending, env),
    });
    this.roleCredentials = new ProfileCredentials(
      () => this.files.config(),
      ssoCredentials,
      chained,
    );
    this.discovery = new AccountDiscovery(
      {
        files: this.files,
        portal: this.portal,
        snapshot: () => this.snapshot(),
        accountNames: this.accountNames,
      },
      { clock, ...options.discovery },
    );
    this.publisher = new SnapshotPublisher(clock, () => this.snapshotSources());
    this.onSnapshot = this.publisher.onSnapshot;

    this.unsubscribe.push(
      this.files.onChange(changed),
      this.settings.onChange(() => this.renewal.settingsChanged()),
    );
  }

  /** Opens the core: reads the settings and every file once; with `watch`, keeps them live. */
  static async open(options: CoreOptions = {}): Promise<Core> {
    const env = options.env ?? process.env;
    const settingsDir =
      options.settingsDir ??
      defaultSettingsDir({ env, platform: options.platform ?? process.platform, homedir });
    const settings = await FileSettingsStore.open(settingsDir);
    const core = new Core(options, settings);
    await core.files.load();
    if (options.watch) core.watch();
    return core;
  }

  /** Keeps the state live from now on: watches the files and renews sessions as they come due. */
  watch(): void {
    this.files.startWatching();
    this.renewal.start();
  }

  // ---- state ------------------------------------------------------------------

  snapshot(): Snapshot {
    return this.publisher.snapshot();
  }

  /** Re-reads every file (after sleep, when timers are stale and files may have changed). */
  async reload(): Promise<Snapshot> {
    await this.files.load();
    return this.snapshot();
  }

  /** The calls in flight now ("IAM Identity Center (oidc.us-east-1.amazonaws.com)"). */
  pendingCalls(): string[] {
    return this.pending.list();
  }

  /** Whether the user is being asked for something (an MFA code), and for how long so far. */
  userPrompts(): UserPrompts {
    return this.mfaPrompt.status();
  }

  /** Which URLs may be opened: the configured start URLs and endpoint overrides. */
  policyContext(): UrlPolicyContext {
    return policyContextOf(this.files.config().sessions, this.env);
  }

  // ---- sign-in ----------------------------------------------------------------

  /** Starts a sign-in for a session (or a profile's session), or joins the running one. */
  signIn(name: string, request: SignInRequest = {}): Promise<SignInOutcome> {
    return this.signIns.signIn(name, request);
  }

  /**
   * Which flow a sign-in of `name` (a session or a profile) uses and why:
   * legacy, an explicit flow, the session's setting, sso_use_device_code, where
   * this runs, then the global setting (docs/sign-in.md).
   */
  signInFlowChoice(name: string, explicit?: SignInFlow): FlowChoice {
    const session = findSession(this.files.config(), name);
    return chooseSignInFlow({
      legacy: session.kind === 'legacy',
      explicit: explicit ?? this.signInFlow,
      sessionSetting: this.settings.get().sessionSignIn[session.name]?.flow,
      configDeviceCode: session.useDeviceCode,
      surroundings: this.surroundings(),
      setting: this.settings.get().signInFlow,
    });
  }

  /** Where this core runs: SSH, a container, no display, WSL. */
  whereRunning(): Surroundings {
    return this.surroundings();
  }

  cancelSignIn(name: string): boolean {
    return this.signIns.cancel(name);
  }

  isSigningIn(name: string): boolean {
    return this.signIns.isRunning(name);
  }

  reopenSignInPage(name: string): Promise<boolean> {
    return this.signIns.reopen(name);
  }

  /**
   * Renews a session's sign-in now, without the browser (its refresh token),
   * however much time is left: the outcome event, or null when it cannot renew.
   */
  renewNow(session: string): Promise<CoreEvent | null> {
    return this.renewal.renewNow(session);
  }

  /** Resolves once no renewal of the session is under way (at once when none is). */
  async renewalSettled(session: string): Promise<void> {
    for (let running = this.renewal.inFlight(session); running;) {
      await running;
      running = this.renewal.inFlight(session);
    }
  }

  async signOut(name: string): Promise<SignOutResult> {
    const result = await this.signIns.signOut(name);
    this.roleCredentials.forgetSession(result.session);
    return result;
  }

  // ---- credentials, exports, console -----------------------------------------

  /**
   * A profile's credentials (in memory only): its IAM Identity Center role's, or
   * for a profile with role_arn, the role assumed through its chain (an MFA code
   * asked through `mfaPrompt` when a hop needs one). Secrets: never hand them to a view.
   */
  credentials(profile: string, options: { signal?: AbortSignal } = {}): Promise<RoleCredentials> {
    return this.roleCredentials.get(profile, options);
  }

  /** Drops every role credential held in memory; the next request asks the portal again. */
  forgetCredentials(): void {
    this.roleCredentials.forgetAll();
  }

  /** Exactly what `aws configure export-credentials --format F` prints. A secret. */
  async exportCredentials(
    profile: string,
    format: AwsCliFormat,
    options: { signal?: AbortSignal } = {},
  ): Promise<string> {
    return formatAwsCliCredentials(await this.credentials(profile, options), format);
  }

  /** A snippet and its masked preview; the snippet is a secret in credentials and container modes. */
  async prepareExport(
    request: ExportRequest,
    options: { ssoTrayCommand?: readonly string[]; signal?: AbortSignal } = {},
  ): Promise<PreparedExport> {
    if (request.mode === 'container') return this.containerExport(request);
    return prepareExport(
      {
        config: this.files.config(),
        credentials: (profile) => this.credentials(profile, { signal: options.signal }),
        ssoTrayCommand: options.ssoTrayCommand,
      },
      { ...request, includeRegion: request.includeRegion ?? this.settings.get().includeRegion },
    );
  }

  /** The lines that point a shell at the running broker's container-credentials endpoint. */
  private async containerExport(request: ExportRequest): Promise<PreparedExport> {
    const shell = EXPORT_SHELLS.find((s) => s === request.target);
    if (!shell) {
      throw new SnippetError(
        'unsupported-target',
        'The container endpoint is set in a shell: choose a shell, not a tool.',
      );
    }
    const model = this.files.config();
    if (!model.profiles.some((p) => p.name === request.profile)) {
      throw new CredentialsError(
        'unknown-profile',
        `No profile named "${request.profile}" in the AWS config file.`,
      );
    }
    const snippet = await exportContainerSnippet(request.profile, shell, {
      addresses: brokerAddressesFor(this.env),
    });
    return {
      snippet,
      preview: { maskedText: maskSecrets(snippet.text, snippet.secrets), expiresAt: null },
    };
  }

  consoleLink(profile: string, options: ConsoleLinkOptions = {}): Promise<ConsoleLink> {
    return consoleLink(this.roleCredentials, profile, options);
  }

  /**
   * Opens a URL in the user's browser, if the URL policy allows it: for a
   * session or profile (`for`), the browser chosen for its session.
   */
  openUrl(url: string, options: { readonly for?: string } = {}): Promise<void> {
    return this.browser(url, options.for === undefined ? null : this.sessionNameOf(options.for));
  }

  /** The session a session or profile name signs in through, or null. */
  private sessionNameOf(name: string): string | null {
    try {
      return findSession(this.files.config(), name).name;
    } catch {
      return null;
    }
  }

  // ---- tools asking through the broker ------------------------------------------

  /**
   * Credentials for a tool: at once when the sign-in is usable; when the session
   * needs a browser sign-in, the tool waits (up to `waitMs`) for ONE sign-in of
   * that session, shared by every tool waiting for it, started now or by the
   * user's click (the `toolSignIn` setting), then gets its answer; a failed,
   * cancelled or timed-out sign-in releases every waiter with its error.
   */
  async credentialsForTool(profile: string, request: ToolRequest): Promise<RoleCredentials> {
    try {
      return await this.credentials(profile, { signal: request.signal });
    } catch (error) {
      const session = error instanceof CoreError ? error.signInSession : null;
      if (session === null || request.waitMs <= 0) throw error;
      if (categoryOf((error as CoreError).code) !== 'needs-sign-in') throw error;
      await this.waitForSignIn(session, profile, request);
      return this.credentials(profile, { signal: request.signal });
    }
  }

  /**
   * Starts the broker for this user (refused with BrokerAlreadyRunningError when
   * one runs): tools reach this core over a private socket and, unless turned
   * off, the container-credentials endpoint on 127.0.0.1.
   */
  async startBroker(
    options: Pick<BrokerOptions, 'container' | 'onInternalError'> = {},
  ): Promise<Broker> {
    let broker: Broker;
    try {
      broker = await startBroker({
        ...options,
        backend: this.brokerBackend(),
        clock: this.clock,
        addresses: brokerAddressesFor(this.env),
      });
    } catch (error) {
      // A second start while ours runs changes nothing the window should show.
      if (this.brokerState.kind !== 'running') {
        const message = error instanceof Error ? error.message : String(error);
        this.brokerState = { kind: 'refused', message };
      }
      throw error;
    }
    // Closing it (on quit) also ends what brokerSummary() says.
    const tracked: Broker = {
      address: broker.address,
      get containerEndpoint() {
        return broker.containerEndpoint;
      },
      activity: broker.activity,
      status: () => broker.status(),
      openConnections: () => broker.openConnections(),
      close: () => {
        if (this.brokerState.kind === 'running' && this.brokerState.broker === tracked) {
          this.brokerState = { kind: 'stopped' };
        }
        return broker.close();
      },
    };
    this.brokerState = { kind: 'running', broker: tracked };
    return tracked;
  }

  /** The broker this core started, for the window: addresses, waiting requests, recent callers. */
  brokerSummary(): BrokerSummary {
    return brokerSummaryOf(this.brokerState);
  }

  /** The broker's backend: tools' requests answered by this core. */
  brokerBackend(): BrokerBackend {
    return {
      credentials: (profile, request) =>
        this.credentialsForTool(profile, {
          waitMs: request.waitMs,
          signal: request.signal,
          caller: request.caller.name,
        }),
    };
  }

  private async waitForSignIn(session: string, profile: string, request: ToolRequest) {
    const view = this.snapshot().sessions.find((s) => s.name === session);
    const label = view?.label ?? session;
    const outcome = this.nextSignInOutcome(session, view?.expiresAt ?? null);
    const stopWaiting = this.toolWaits.add(session, { profile, caller: request.caller });
    const timer = this.clock.setTimer(request.waitMs, () =>
      outcome.fail(
        new CoreError(
          'timeout',
          `Nobody signed in to ${label} within ${Math.round(request.waitMs / 1000)} s.`,
          { signInSession: session },
        ),
      ),
    );
    try {
      this.events.fire({
        kind: 'credentials-requested',
        at: this.clock.now(),
        session,
        profile,
        caller: request.caller,
        waiting: this.toolWaits.waiting(session).length,
        message: `${request.caller ?? 'A tool'} is waiting for you to sign in to ${label}.`,
      });
      // One sign-in for every waiting tool: a running one is joined.
      if (this.opensSignInForTools()) void this.signIn(session);
      await raceAbort(outcome.promise, request.signal);
    } finally {
      timer.cancel();
      outcome.dispose();
      stopWaiting();
    }
  }

  /** Whether a tool's request opens the sign-in page now, or waits for the user's click. */
  private opensSignInForTools(): boolean {
    const when = this.settings.get().toolSignIn;
    return when === 'at-once' || (when === 'when-active' && this.userActive());
  }

  /**
   * Settles with the session's next sign-in: ours (an event), or one another
   * tool made (the token changed to a usable one, as after `aws sso login`).
   */
  private nextSignInOutcome(session: string, expiresAtBefore: string | null) {
    let settle!: { resolve: () => void; reject: (error: CoreError) => void };
    const promise = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    promise.catch(() => undefined);
    const offEvents = this.onEvent((event) => {
      if (event.session !== session) return;
      if (event.kind === 'signed-in') settle.resolve();
      else if (event.kind === 'sign-in-failed') {
        settle.reject(
          new CoreError(event.code as ErrorCode, event.message, { signInSession: session }),
        );
      } else if (event.kind === 'sign-in-cancelled') {
        settle.reject(new CoreError('cancelled', event.message, { signInSession: session }));
      }
    });
    const offSnapshots = this.onSnapshot((snapshot) => {
      const view = snapshot.sessions.find((s) => s.name === session);
      const usable = view?.state === 'valid' || view?.state === 'expiring';
      if (usable && view.expiresAt !== expiresAtBefore) settle.resolve();
    });
    return {
      promise,
      fail: (error: CoreError) => settle.reject(error),
      dispose: () => {
        offEvents();
        offSnapshots();
      },
    };
  }

  // ---- doctor, discovery ------------------------------------------------------

  async diagnose(options: DiagnoseOptions): Promise<DiagnosisReport> {
    const input = await gatherDoctorInput(
      { snapshot: this.snapshot(), config: this.files.config() },
      {
        profile: options.profile,
        cwd: options.cwd,
        env: options.env ?? this.env,
        // The doctor words expiry against the same clock the snapshot was built on.
        now: this.clock.now(),
        cacheDir: this.paths.cacheDir,
      },
    );
    return runDoctor(input);
  }

  async discover(session: string): Promise<DiscoveryResult> {
    const result = await this.discovery.discover(session);
    this.publisher.publish();
    return result;
  }

  planProfiles(request: ProfilePlanRequest): Promise<ProfilePlan> {
    return this.discovery.plan(request);
  }

  applyProfilePlan(plan: ProfilePlan): Promise<ApplyPlanResult> {
    return this.discovery.apply(plan);
  }

  async close(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    await this.signIns.close();
    await this.renewal.close();
    this.publisher.close();
    this.events.dispose();
    this.oidc.close();
    this.portal.close();
    this.roleCredentials.close();
    await this.files.close();
  }

  private snapshotSources(): SnapshotSources {
    const settings = this.settings.get();
    const files = this.files;
    const model = files.config();
    return {
      paths: this.paths,
      model,
      fileProblems: files.fileProblems(),
      profiles: this.profileViews.get(
        model,
        (id) => this.accountNames.get(id),
        this.accountNames.version,
      ),
      warningLeadMs: Math.max(
        DEFAULT_WARNING_LEAD_MS,
        ...settings.notificationLeadMinutes.map((m) => m * MINUTE),
      ),
      tokenStatus: (name) => files.tokenStatus(name),
      tokenFile: (name) => files.tokenFile(name),
      renewal: (session, status, at) =>
        renewalOf({
          kind: session.kind,
          status,
          now: at,
          enabled: settings.renewal.enabled,
          trouble: this.renewal.troubleOf(session.name),
        }),
      signIn: (name) => this.signIns.progressOf(name),
      waiting: (name) => this.toolWaits.waiting(name),
      lastError: (name) => this.signIns.lastErrorOf(name),
    };
  }
}
