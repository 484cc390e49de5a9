// The e2e / demo harness: the fake IAM Identity Center, a temp HOME holding a
// sample world, the real core and API service, and the loopback bridge that
// serves the built renderer to a browser. Everything real except what cannot
// run here (Electron): its clipboard and browser launcher are harness adapters.
import path from 'node:path';
import { createWindowApi, openCore, type Core } from '../../app/core';
import type { FileSettingsStore } from '../../app/core/settings/settings-store';
import type { SettingsPatch, SsoTrayApi } from '../../app/shared/api';
import {
  startFakeIdentityCenter,
  type FakeIdentityCenter,
  type FakeKnobs,
} from '../fakes/fake-identity-center';
import { cacheSecrets } from '../support/cache-secrets';
import { createTempHome, type TempHome } from '../support/temp-home';
import { HarnessBrowser, MemoryClipboard } from './adapters';
import { startBridgeServer } from './bridge-server';
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
  /** Bridge port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Built renderer; default out/renderer, built first when missing or stale. */
  readonly rendererDir?: string;
}

export interface Harness {
  /** `http://127.0.0.1:PORT/`: open it in a browser. */
  readonly url: string;
  readonly home: TempHome;
  readonly fake: FakeIdentityCenter;
  readonly core: Core;
  readonly api: SsoTrayApi;
  readonly settings: FileSettingsStore;
  readonly clipboard: MemoryClipboard;
  readonly browser: HarnessBrowser;
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
    const core = await openCore({
      paths: home.paths,
      env: { ...home.env, ...fake.env, ...options.env },
      // The app keeps its settings in its user-data folder; here, inside the temp HOME.
      settingsDir: path.join(home.home, '.config', 'sso-tray'),
      watch: true,
      systemBrowser: (url) => browser.openUrl(url),
    });
    cleanups.push(() => core.close());
    const settings = core.settings;
    if (options.settings) await settings.update(options.settings);
    const clipboard = new MemoryClipboard();
    const api = createWindowApi(core, {
      clipboard,
      appInfo: { version: '0.0.0-harness', platform: `${process.platform} (web harness)` },
    });
    const traffic = new BridgeTraffic();
    const server = await startBridgeServer({ api, rendererDir, traffic, port: options.port });
    cleanups.push(() => server.close());

    const profiles = sample.sessions.flatMap((s) => s.profiles);
    return {
      url: server.url,
      home,
      fake,
      core,
      api,
      settings,
      clipboard,
      browser,
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
