// A stored browser choice becomes argv only at launch, with no shell: the
// profile flag each browser family takes, the URL as one argument, a macOS app
// bundle through `open -a`, an older version's command line split as before.
// Plus the labels Preferences shows, and one picker at a time.
import { describe, expect, it } from 'vitest';
import {
  browserLabel,
  browserLaunch,
  pickedBrowserSettings,
  USE_DEFAULT_BROWSER,
  type BrowserChoice,
  type BrowserPickResult,
  type BrowserSetting,
} from '../../../app/core/browser/browser-choice';

const URL_WITH_SHELL = 'https://d-abc123.awsapps.com/start/#/?a=1&b=$(id)';
const chrome: BrowserChoice = {
  kind: 'installed',
  browser: 'chrome',
  executable: '/usr/bin/google-chrome',
  profile: 'Profile 2',
  label: 'Google Chrome: Work',
};

describe('browserLaunch', () => {
  it('passes the Chromium-family profile directory as one flag and the URL as one argument', () => {
    expect(browserLaunch(chrome, URL_WITH_SHELL, 'linux')).toEqual({
      kind: 'spawn',
      file: '/usr/bin/google-chrome',
      args: ['--profile-directory=Profile 2', URL_WITH_SHELL],
    });
    expect(browserLaunch({ ...chrome, profile: null }, URL_WITH_SHELL, 'linux')).toMatchObject({
      args: [URL_WITH_SHELL],
    });
  });

  it('passes a Firefox profile by name with -P', () => {
    expect(
      browserLaunch(
        {
          ...chrome,
          browser: 'firefox',
          executable: 'C:\\Firefox\\firefox.exe',
          profile: 'my work',
        },
        URL_WITH_SHELL,
        'win32',
      ),
    ).toEqual({
      kind: 'spawn',
      file: 'C:\\Firefox\\firefox.exe',
      args: ['-P', 'my work', URL_WITH_SHELL],
    });
  });

  it('gives a picked program the URL as its only argument; a macOS app bundle goes through open -a', () => {
    expect(
      browserLaunch({ kind: 'program', executable: '/opt/b/browser' }, URL_WITH_SHELL, 'linux'),
    ).toEqual({ kind: 'spawn', file: '/opt/b/browser', args: [URL_WITH_SHELL] });
    expect(
      browserLaunch(
        { kind: 'program', executable: '/Applications/Arc.app' },
        URL_WITH_SHELL,
        'darwin',
      ),
    ).toEqual({
      kind: 'spawn',
      file: '/usr/bin/open',
      args: ['-a', '/Applications/Arc.app', URL_WITH_SHELL],
    });
  });

  it('uses the system opener for the system browser', () => {
    expect(browserLaunch({ kind: 'system' }, URL_WITH_SHELL, 'darwin')).toEqual({
      kind: 'system',
    });
  });

  it('splits an older version’s command line without a shell, and refuses a broken one', () => {
    expect(
      browserLaunch(
        { kind: 'legacy-command', commandLine: "firefox -P 'my work' {url}" },
        URL_WITH_SHELL,
        'linux',
      ),
    ).toEqual({ kind: 'spawn', file: 'firefox', args: ['-P', 'my work', URL_WITH_SHELL] });
    expect(() =>
      browserLaunch(
        { kind: 'legacy-command', commandLine: 'firefox "open' },
        URL_WITH_SHELL,
        'linux',
      ),
    ).toThrow(/unbalanced quote/);
  });
});

describe('browserLabel', () => {
  it('names each kind of setting, and says how to change an older command', () => {
    expect(browserLabel({ kind: 'system' })).toBe('System default browser');
    expect(browserLabel(chrome)).toBe('Google Chrome: Work');
    expect(browserLabel({ kind: 'program', executable: '/opt/b/browser' })).toBe(
      'browser (/opt/b/browser)',
    );
    expect(browserLabel({ kind: 'legacy-command', commandLine: 'firefox -P work {url}' })).toBe(
      'firefox -P work {url} (set before this version; change it with Choose…)',
    );
  });
});

describe('pickedBrowserSettings', () => {
  it('stores what the picker returns, keeps the setting on Cancel, and shows one picker at a time', async () => {
    const store = memoryStore({ kind: 'legacy-command', commandLine: 'firefox {url}' });
    const shown: BrowserSetting[] = [];
    let answer: (choice: BrowserChoice | null) => void = () => undefined;
    const settings = pickedBrowserSettings(store, (current) => {
      shown.push(current);
      return new Promise((resolve) => (answer = resolve));
    });
    const first = settings.choose();
    const second = settings.choose();
    await Promise.resolve();
    expect(shown).toEqual([{ kind: 'legacy-command', commandLine: 'firefox {url}' }]);
    answer(chrome);
    expect(await first).toEqual(chrome);
    expect(await second).toEqual(chrome);
    expect(settings.current()).toEqual(chrome);

    const cancelled = settings.choose();
    await Promise.resolve();
    answer(null);
    expect(await cancelled).toBeNull();
    expect(settings.current()).toEqual(chrome);
    expect(shown).toHaveLength(2);
  });
});

function memoryStore(initial: BrowserSetting) {
  let stored = initial;
  const own = new Map<string, BrowserChoice>();
  return {
    browser: (session?: string) => (session !== undefined && own.get(session)) || stored,
    sessionBrowser: (session: string) => own.get(session) ?? null,
    setBrowser: async (choice: BrowserChoice) => (stored = choice),
    async setSessionBrowser(session: string, choice: BrowserChoice | null) {
      if (choice) own.set(session, choice);
      else own.delete(session);
      return own.get(session) ?? stored;
    },
  };
}

describe('pickedBrowserSettings for one session', () => {
  const work = { name: 'work-sso', label: 'work-sso' };

  it('shows the picker the session’s own choice and the default, stores its answer for that session only', async () => {
    const store = memoryStore({ kind: 'system' });
    const asked: unknown[] = [];
    let answer: BrowserPickResult | null = chrome;
    const settings = pickedBrowserSettings(store, async (current, session) => {
      asked.push({ current, session });
      return answer;
    });
    expect(await settings.choose(work)).toEqual(chrome);
    expect(asked[0]).toEqual({
      current: { kind: 'system' },
      session: { ...work, own: null, fallback: { kind: 'system' } },
    });
    expect(settings.current('work-sso')).toEqual(chrome);
    expect(settings.hasOwn('work-sso')).toBe(true);
    // The default and every other session are untouched.
    expect(settings.current()).toEqual({ kind: 'system' });
    expect(settings.current('other')).toEqual({ kind: 'system' });

    // "Same as the default" removes the session's own choice.
    answer = USE_DEFAULT_BROWSER;
    expect(await settings.choose(work)).toEqual({ kind: 'system' });
    expect(settings.hasOwn('work-sso')).toBe(false);
  });

  it('a request for another target while the dialog is up is refused, not stacked', async () => {
    const store = memoryStore({ kind: 'system' });
    let answer: (choice: BrowserPickResult | null) => void = () => undefined;
    const settings = pickedBrowserSettings(
      store,
      () => new Promise((resolve) => (answer = resolve)),
    );
    const forSession = settings.choose(work);
    await expect(settings.choose()).rejects.toMatchObject({ code: 'picker-open' });
    answer(null);
    expect(await forSession).toBeNull();
    // "Same as the default" means nothing for the default itself.
    const forDefault = settings.choose();
    await Promise.resolve();
    answer(USE_DEFAULT_BROWSER);
    expect(await forDefault).toBeNull();
  });
});
