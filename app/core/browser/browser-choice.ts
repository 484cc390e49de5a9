// The browser sign-in pages and console links open in. The choice is made in
// main's own dialog (app/main/browser-picker.ts), never by the window, and is
// stored as data, never as a command line: a browser found on this machine and
// one of its profiles, a program the user picked in the native file picker, or
// the system default. It becomes argv only here, at launch, with no shell.
//
// A command line set before this version (`browserCommand` in the settings
// file) stays in use, read-only, until the user chooses again.
//
// Each BrowserChoice is self-contained, so a session may have its own (a map
// from session name to BrowserChoice next to the default one): its sign-in
// pages and consoles open there, in the browser profile signed in to its
// identity provider.

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
  hasOwn: () => false,
  choose(): Promise<BrowserSetting | null> {
    return Promise.reject(
      Object.assign(new Error('Choose the browser in the SSO Tray app’s Preferences.'), {
        code: 'not-available',
      }),
    );
  },
};

/** Keeps the setting; the setters store a new choice and answer with what is in effect. */
export interface BrowserStore {
  /** For `session`: its own choice, else the default. */
  browser(session?: string): BrowserSetting;
  sessionBrowser(session: string): BrowserChoice | null;
  setBrowser(choice: BrowserChoice): Promise<BrowserSetting>;
  /** null: the session goes back to the default browser. */
  setSessionBrowser(session: string, choice: BrowserChoice | null): Promise<BrowserSetting>;
}

/** The session a picker chooses for, as the user knows it. */
export interface SessionRef {
  readonly name: string;
  /** How people see it named (SessionView.label). */
  readonly label: string;
}

/** What the picker shows when it chooses for one session. */
export interface SessionPick extends SessionRef {
  /** The session's own choice, or null when it uses the default. */
  readonly own: BrowserChoice | null;
  /** The default browser, which it uses without a choice of its own. */
  readonly fallback: BrowserSetting;
}

/** "Same as the default browser": a session's own choice removed. */
export const USE_DEFAULT_BROWSER = { kind: 'default' } as const;

export type BrowserPickResult = BrowserChoice | typeof USE_DEFAULT_BROWSER;

/**
 * The platform's picker: shows the choices for `current` (for one session when
 * `session` is given, with "same as the default" first); null when cancelled.
 */
export type BrowserPick = (
  current: BrowserSetting,
  session?: SessionPick,
) => Promise<BrowserPickResult | null>;

/** The API's browser adapter over a store and a picker; one picker at a time. */
export function pickedBrowserSettings(store: BrowserStore, pick: BrowserPick): BrowserSettings {
  let picking: {
    readonly key: string | null;
    readonly done: Promise<BrowserSetting | null>;
  } | null = null;
  const run = async (session: SessionRef | undefined) => {
    if (!session) {
      const choice = await pick(store.browser());
      return choice === null || choice.kind === 'default' ? null : store.setBrowser(choice);
    }
    const own = store.sessionBrowser(session.name);
    const choice = await pick(store.browser(session.name), {
      ...session,
      own,
      fallback: store.browser(),
    });
    if (choice === null) return null;
    return store.setSessionBrowser(session.name, choice.kind === 'default' ? null : choice);
  };
  return {
    current: (session) => store.browser(session),
    hasOwn: (session) => store.sessionBrowser(session) !== null,
    choose(session) {
      const key = session?.name ?? null;
      // A second request while the dialog is up joins it instead of stacking dialogs.
      if (picking?.key === key) return picking.done;
      if (picking) {
        return Promise.reject(
          Object.assign(new Error('The browser dialog is already open.'), { code: 'picker-open' }),
        );
      }
      const done = run(session).finally(() => (picking = null));
      picking = { key, done };
      return done;
    },
  };
}
