// The e2e / demo harness: the fake IAM Identity Center, a temp HOME holding a
// sample world, the real core and API service, and the loopback bridge that
// serves the built renderer to a browser. Everything real except what cannot
// run here (Electron): its clipboard and browser launcher are harness adapters.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  createWindowApi,
  DESKTOP,
  openCore,
  pickedBrowserSettings,
  type Broker,
  type Core,
} from '../../app/core';
import type { SettingsPatch, SsoTrayApi } from '../../app/shared/api';
import {
  startFakeIdentityCenter,
  type FakeIdentityCenter,
  type FakeKnobs,
} from '../fakes/fake-identity-center';
import { cacheSecrets } from '../support/cache-secrets';
import { createTempHome, type TempHome } from '../support/temp-home';
import { HarnessBrowser, HarnessBrowserPicker, MemoryClipboard } from './adapters';
import { bridgeClientScript } from './bridge-client-bundle';
import { startBridgeServer } from '../../app/core/web/bridge-server';
import { ensureRendererBuilt } from './renderer-build';
import { E2E_SAMPLE, writeSample, type Sample } from './samples';
import { BridgeTraffic } from './traffic';

export interface HarnessOptions {
  readonly sample?: Sample;
  readonly knobs?: Partial<FakeKnobs>;
  /** Extra environment the core sees (for example stale static keys, for the doctor). */
  readonly env?: Readonly<Record<string, string>>;
  /** Settings stored before the window opens. */
  readonly settings?: SettingsPatch;
  /** A settings file as written before the app starts (an older version's, say). */
  readonly settingsFile?: Readonly<Record<string, unknown>>;
  /** Bridge port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Built renderer; default out/renderer, built first when missing or stale. */
  readonly rendererDir?: string;
  /**
   * Start the credentials broker, as the app does: its socket and container
   * token in `<HOME>/.sso-tray/run` (the temp HOME has no XDG_RUNTIME_DIR).
   */
  readonly broker?: boolean;
}

export interface Harness {
  /** `http://127.0.0.1:PORT/?key=SECRET`: open it in a browser (it trades the key for a cookie). */
  readonly url: string;
  /** `http://127.0.0.1:PORT`: where requests go once the window is open. */
  readonly origin: string;
  /** Headers a caller in this process sends to play the window (the bridge's cookie). */
  readonly windowHeaders: Readonly<Record<string, string>>;
  readonly home: TempHome;
  readonly fake: FakeIdentityCenter;
  readonly core: Core;
  /** The running broker, with `broker: true`. */
  readonly broker: Broker | null;
  readonly api: SsoTrayApi;
  readonly settings: Core['settings'];
  readonly clipboard: MemoryClipboard;
  readonly browser: HarnessBrowser;
  /** Stands in for main's native browser picker. */
  readonly picker: HarnessBrowserPicker;
  readonly traffic: BridgeTraffic;
  /** Every secret the window must never see, gathered now from the disk and the fake. */
  secrets(): string[];
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const rendererDir = options.rendererDir ?? (await ensureRendererBuilt());
  const sample = options.sample ?? E2E_SAMPLE;
  const home = createTempHome();
  const fake = await startFakeIdentityCenter({ knobs: options.knobs });
  const cleanups: (() => Promise<void> | void)[] = [() => home.cleanup(), () => fake.close()];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    writeSample(home, fake, sample);
    const browser = new HarnessBrowser(fake);
    // The settings live where the app and the CLI keep them; here, inside the temp HOME.
    const settingsDir = path.join(home.home, '.config', 'sso-tray');
    if (options.settingsFile) {
      mkdirSync(settingsDir, { recursive: true, mode: 0o700 });
      writeFileSync(path.join(settingsDir, 'settings.json'), JSON.stringify(options.settingsFile), {
        mode: 0o600,
      });
    }
    const core = await openCore({
      paths: home.paths,
      env: { ...home.env, ...fake.env, ...options.env },
      settingsDir,
      watch: true,
      // The window is tested as on a desktop, wherever the tests run (often a container).
      surroundings: DESKTOP,
      systemBrowser: (url) => browser.openUrl(url),
    });
    cleanups.push(() => core.close());
    const broker = options.broker ? await core.startBroker() : null;
    if (broker) cleanups.push(() => broker.close());
    const settings = core.settings;
    if (options.settings) await settings.update(options.settings);
    const clipboard = new MemoryClipboard();
    const picker = new HarnessBrowserPicker();
    const api = createWindowApi(core, {
      clipboard,
      browser: pickedBrowserSettings(settings, picker.pick),
      appInfo: { version: '0.0.0-harness', platform: `${process.platform} (web harness)` },
    });
    const traffic = new BridgeTraffic();
    const server = await startBridgeServer({
      api,
      rendererDir,
      clientScript: await bridgeClientScript(),
      observe: (direction, method, text) => traffic.record(direction, method, text),
      port: options.port,
    });
    cleanups.push(() => server.close());

    const profiles = sample.sessions.flatMap((s) => s.profiles);
    return {
      url: server.url,
      origin: server.origin,
      windowHeaders: { cookie: server.cookie },
      home,
      fake,
      core,
      broker,
      api,
      settings,
      clipboard,
      browser,
      picker,
      traffic,
      secrets() {
        const credentials = profiles.flatMap((p) => {
          const c = fake.roleCredentials(p.accountId, p.roleName);
          return [c.accessKeyId, c.secretAccessKey, c.sessionToken];
        });
        const verifiers = fake
          .requestsFor('CreateToken')
          .flatMap((r) => [
            r.body?.codeVerifier,
            r.body?.code,
            r.body?.deviceCode,
            r.body?.clientSecret,
          ])
          .filter((v): v is string => typeof v === 'string');
        return [...cacheSecrets(home.paths.cacheDir), ...credentials, ...verifiers];
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
