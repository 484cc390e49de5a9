// The browser sign-in pages and console links open in. The choice is made in
// main's own dialog (app/main/browser-picker.ts), never by the window, and is
// stored as data, never as a command line: a browser found on this machine and
// one of its profiles, a program the user picked in the native file picker, or
// the system default. It becomes argv only here, at launch, with no shell.
//
// A command line set before this version (`browserCommand` in the settings
// file) stays in use, read-only, until the user chooses again.
//
// Each BrowserChoice is self-contained, so a per-session choice later is a map
// from sso-session name to BrowserChoice next to the default one.

import type { BrowserSettings } from '../api/platform';
import { browserCommandArgv, splitCommandLine } from './launch-url';

export const BROWSER_IDS = ['chrome', 'chromium', 'edge', 'brave', 'firefox'] as const;
export type BrowserId = (typeof BROWSER_IDS)[number];

export const BROWSER_NAMES: Readonly<Record<BrowserId, string>> = {
  chrome: 'Google Chrome',
  chromium: 'Chromium',
  edge: 'Microsoft Edge',
  brave: 'Brave',
  firefox: 'Firefox',
};

export type BrowserChoice =
  | { readonly kind: 'system' }
  | {
      readonly kind: 'installed';
      readonly browser: BrowserId;
      /** The executable the detector found. */
      readonly executable: string;
      /** Chromium-family profile directory (`Profile 1`) or Firefox profile name; null: the browser's own default. */
      readonly profile: string | null;
      /** What the user picked, e.g. `Google Chrome: Work`. Shown, never run. */
      readonly label: string;
    }
  | {
      /** A program picked in the native file picker; it gets the URL as its only argument. */
      readonly kind: 'program';
      readonly executable: string;
    };

/** What is in effect: a choice, or a command line an older version stored. */
export type BrowserSetting =
  BrowserChoice | { readonly kind: 'legacy-command'; readonly commandLine: string };

export const SYSTEM_BROWSER: BrowserChoice = { kind: 'system' };

const baseName = (file: string) => file.split(/[\\/]/).filter(Boolean).at(-1) ?? file;

/** One line for Preferences. */
export function browserLabel(setting: BrowserSetting): string {
  switch (setting.kind) {
    case 'system':
      return 'System default browser';
    case 'installed':
      return setting.label;
    case 'program':
      return `${baseName(setting.executable)} (${setting.executable})`;
    case 'legacy-command':
      return `${setting.commandLine} (set before this version; change it with Choose…)`;
  }
}

export type BrowserLaunch =
  | { readonly kind: 'system' }
  | { readonly kind: 'spawn'; readonly file: string; readonly args: readonly string[] };

/** Arguments that select a profile, before the URL. */
function profileArgs(browser: BrowserId, profile: string | null): string[] {
  if (profile === null) return [];
  return browser === 'firefox' ? ['-P', profile] : [`--profile-directory=${profile}`];
}

/**
 * How to open `url` (already checked by the URL policy): the system opener or
 * a program and its argv. Throws for a stored command line that cannot be split.
 */
export function browserLaunch(
  setting: BrowserSetting,
  url: string,
  platform: NodeJS.Platform,
): BrowserLaunch {
  switch (setting.kind) {
    case 'system':
      return { kind: 'system' };
    case 'installed':
      return {
        kind: 'spawn',
        file: setting.executable,
        args: [...profileArgs(setting.browser, setting.profile), url],
      };
    case 'program':
      // A macOS app bundle is a folder: `open -a` starts it with the URL.
      if (platform === 'darwin' && /\.app\/?$/i.test(setting.executable)) {
        return { kind: 'spawn', file: '/usr/bin/open', args: ['-a', setting.executable, url] };
      }
      return { kind: 'spawn', file: setting.executable, args: [url] };
    case 'legacy-command': {
      const [file, ...args] = browserCommandArgv(splitCommandLine(setting.commandLine), url) as [
        string,
        ...string[],
      ];
      return { kind: 'spawn', file, args };
    }
  }
}

/** Where no picker exists (the CLI's bridge): the system browser, and a pointer to the app. */
export const SYSTEM_BROWSER_ONLY: BrowserSettings = {
  current: (): BrowserSetting => SYSTEM_BROWSER,
  choose(): Promise<BrowserSetting | null> {
    return Promise.reject(
      Object.assign(new Error('Choose the browser in the SSO Tray app’s Preferences.'), {
        code: 'not-available',
      }),
    );
  },
};

/** Keeps the setting; `setBrowser` stores a new choice and answers with what is in effect. */
export interface BrowserStore {
  browser(): BrowserSetting;
  setBrowser(choice: BrowserChoice): Promise<BrowserSetting>;
}

/** The platform's picker: shows the choices for `current`; null when the user cancelled. */
export type BrowserPick = (current: BrowserSetting) => Promise<BrowserChoice | null>;

/** The API's browser adapter over a store and a picker; one picker at a time. */
export function pickedBrowserSettings(store: BrowserStore, pick: BrowserPick): BrowserSettings {
  let picking: Promise<BrowserSetting | null> | null = null;
  const run = async () => {
    const choice = await pick(store.browser());
    return choice === null ? null : store.setBrowser(choice);
  };
  return {
    current: () => store.browser(),
    // A second request while the dialog is up joins it instead of stacking dialogs.
    choose: () => (picking ??= run().finally(() => (picking = null))),
  };
}
