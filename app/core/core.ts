// The composition root of the platform-free core: every module the tray, the
// window, the CLI and the e2e bridge use, wired once. No Electron here.

import { OidcClientPool } from './auth/aws-clients';
import { headlessOpener, type BrowserOpener } from './auth/browser-opener';
import { RenewalScheduler, type RenewalSettings } from './auth/renewal-scheduler';
import { SignInManager } from './auth/sign-in-manager';
import type { SignInFlow } from '../shared/model';
import { systemClock, type Clock } from './clock';
import { RoleCredentialsService } from './credentials/role-credentials-service';
import type { AwsPaths } from './paths';
import { SessionService } from './service/session-service';

export interface CoreOptions {
  readonly paths?: AwsPaths;
  readonly clock?: Clock;
  /** Environment the core reads (AWS_* variables for paths, endpoints and the doctor). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly warningLeadMs?: number;
  /** Watch files and keep state live (the app); false for one-shot CLI commands. */
  readonly watch?: boolean;
  /** How sign-in pages reach the user by default (issue 3). Default: report only (headless). */
  readonly browserOpener?: BrowserOpener;
  /** Default sign-in flow for sso-sessions. Default `pkce`. */
  readonly signInFlow?: SignInFlow;
  /** PKCE loopback wait. Default 10 minutes. */
  readonly loopbackTimeoutMs?: number;
  /** Silent renewal (runs only when watching). Default enabled, 15 minutes before expiry. */
  readonly renewal?: Partial<RenewalSettings>;
}

export class SsoTrayCore {
  readonly sessions: SessionService;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Role credentials per profile, in memory only (issue 4). */
  readonly credentials: RoleCredentialsService;
  /** Sign-in flows and sign-out, single flight per session (issue 3). */
  readonly signIn: SignInManager;
  /** Silent renewal of refreshable sessions (issue 3). */
  readonly renewal: RenewalScheduler;
  private readonly oidcClients: OidcClientPool;

  private constructor(options: CoreOptions) {
    this.env = options.env ?? process.env;
    this.sessions = new SessionService({
      paths: options.paths,
      clock: options.clock,
      warningLeadMs: options.warningLeadMs,
    });
    this.credentials = new RoleCredentialsService({
      sessions: this.sessions,
      clock: options.clock,
      env: this.env,
      renewIfDue: (session) => this.renewal.renewIfDue(session),
    });
    const clock = options.clock ?? systemClock;
    this.oidcClients = new OidcClientPool(this.env);
    this.signIn = new SignInManager({
      sessions: this.sessions,
      clients: this.oidcClients,
      clock,
      env: this.env,
      opener: options.browserOpener ?? headlessOpener(),
      defaultFlow: options.signInFlow,
      loopbackTimeoutMs: options.loopbackTimeoutMs,
    });
    this.renewal = new RenewalScheduler({
      sessions: this.sessions,
      clients: this.oidcClients,
      clock,
      isSigningIn: (session) => this.signIn.isRunning(session),
      settings: options.renewal,
    });
  }

  static async start(options: CoreOptions = {}): Promise<SsoTrayCore> {
    const core = new SsoTrayCore(options);
    await core.sessions.load();
    if (options.watch !== false) {
      core.sessions.startWatching();
      core.renewal.start();
    }
    return core;
  }

  async close(): Promise<void> {
    await this.signIn.close();
    await this.renewal.close();
    this.oidcClients.close();
    this.credentials.close();
    await this.sessions.close();
  }
}
