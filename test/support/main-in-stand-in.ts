// The tray app's main process under the Electron stand-in (Electron's binary
// cannot run here): a real core, with a settings folder of its own that is
// both Electron's userData and the shared settings folder the CLI reads.
// The test file must `vi.mock('electron', () => import('…/electron-stand-in'))`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  startMainProcess,
  type MainProcess,
  type MainProcessOptions,
} from '../../app/main/main-process';
import { app, standIn } from './electron-stand-in';

export interface MainInStandIn {
  readonly main: MainProcess;
  /** Where the app keeps settings.json. */
  readonly settingsDir: string;
  /** Quits the app, closes the core and removes the settings folder. */
  stop(): Promise<void>;
}

export async function startMainInStandIn(
  options: { env: Readonly<Record<string, string>> } & Pick<MainProcessOptions, 'clock'>,
  /** Runs before main starts, with the settings folder (to seed a settings file). */
  prepare: (settingsDir: string) => void = () => undefined,
): Promise<MainInStandIn> {
  const settingsDir = mkdtempSync(path.join(tmpdir(), 'sso-tray-settings-'));
  standIn.userData = settingsDir;
  prepare(settingsDir);
  const main = await startMainProcess({
    ...options,
    env: { ...options.env, SSO_TRAY_CONFIG_DIR: settingsDir },
  });
  if (!main) throw new Error('main did not start');
  return {
    main,
    settingsDir,
    async stop() {
      app.quit();
      await main.core.close();
      rmSync(settingsDir, { recursive: true, force: true });
    },
  };
}
