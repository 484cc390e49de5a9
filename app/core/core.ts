// The composition root of the platform-free core: every module the tray, the
// window, the CLI and the e2e bridge use, wired once. No Electron here.

import type { Clock } from './clock';
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
}

export class SsoTrayCore {
  readonly sessions: SessionService;
  readonly env: Readonly<Record<string, string | undefined>>;

  private constructor(options: CoreOptions) {
    this.env = options.env ?? process.env;
    this.sessions = new SessionService({
      paths: options.paths,
      clock: options.clock,
      warningLeadMs: options.warningLeadMs,
    });
  }

  static async start(options: CoreOptions = {}): Promise<SsoTrayCore> {
    const core = new SsoTrayCore(options);
    await core.sessions.load();
    if (options.watch !== false) core.sessions.startWatching();
    return core;
  }

  async close(): Promise<void> {
    await this.sessions.close();
  }
}
