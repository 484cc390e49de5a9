// A stored browser choice becomes argv only at launch, with no shell: the
// profile flag each browser family takes, the URL as one argument, a macOS app
// bundle through `open -a`, an older version's command line split as before.
// Plus the labels Preferences shows, and one picker at a time.
import { describe, expect, it } from 'vitest';
import {
  browserLabel,
  browserLaunch,
  pickedBrowserSettings,
  type BrowserChoice,
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
    let stored: BrowserSetting = { kind: 'legacy-command', commandLine: 'firefox {url}' };
    const store = {
      browser: () => stored,
      setBrowser: async (choice: BrowserChoice) => (stored = choice),
    };
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
