// A real core over a temp HOME, for tests: the settings live inside the temp
// HOME (where the app and the CLI would keep them), and no test ever reaches a
// real browser (a launcher that refuses, unless the test brings its own).
import path from 'node:path';
import {
  DESKTOP,
  openCore,
  type Clock,
  type Core,
  type CoreOptions,
  type UrlLauncher,
} from '../../app/core';
import type { SettingsPatch } from '../../app/shared/api';
import type { TempHome } from './temp-home';

export interface TestCoreOptions extends Omit<CoreOptions, 'paths' | 'env' | 'settingsDir'> {
  readonly clock?: Clock;
  /** Added to the temp HOME's environment (the fake's endpoints, say). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Settings stored before the test starts. */
  readonly settings?: SettingsPatch;
}

export const noBrowser: UrlLauncher = async () => {
  throw new Error('tests open no real browser');
};

export const settingsDirOf = (home: TempHome) => path.join(home.home, '.config', 'sso-tray');

export async function openTestCore(home: TempHome, options: TestCoreOptions = {}): Promise<Core> {
  const { env, settings, ...rest } = options;
  const core = await openCore({
    systemBrowser: noBrowser,
    // A desktop, wherever the tests run (they run in containers): tests that want another place say so.
    surroundings: DESKTOP,
    watch: false,
    ...rest,
    paths: home.paths,
    env: { ...home.env, ...env },
    settingsDir: settingsDirOf(home),
  });
  if (settings) await core.settings.update(settings);
  return core;
}
