// The browser detector over an in-memory machine per platform: which browsers
// it finds where, their profiles, and what it refuses to look at. Plus the
// real host on this machine's own files (a temp folder posing as PATH).
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  chromiumProfiles,
  detectBrowsers,
  firefoxProfiles,
  nodeDetectionHost,
  type DetectionHost,
} from '../../../app/core/browser/detect-browsers';

/** A machine with these executables and these readable files. */
function machine(
  platform: NodeJS.Platform,
  env: Record<string, string>,
  homedir: string,
  files: { executables?: string[]; texts?: Record<string, string> },
): DetectionHost & { looked: string[] } {
  const looked: string[] = [];
  return {
    platform,
    env,
    homedir,
    looked,
    isExecutable: async (file) => {
      looked.push(file);
      return (files.executables ?? []).includes(file);
    },
    readText: async (file) => files.texts?.[file] ?? null,
  };
}

const LOCAL_STATE = JSON.stringify({
  profile: {
    info_cache: {
      'Profile 10': { name: 'Client X' },
      'Profile 2': { name: 'Work' },
      Default: { name: 'Personal' },
      'Profile 3': {},
    },
  },
});

const PROFILES_INI = `[Install4F96D1932A9F858E]
Default=abc.default-release
Locked=1

[Profile1]
Name=work
IsRelative=1
Path=def.work

[Profile0]
Name=default-release
IsRelative=1
Path=abc.default-release
Default=1

[General]
StartWithLastProfile=1
Version=2
`;

describe('profile files', () => {
  it('lists Chromium profiles from Local State, Default first, then by directory number', () => {
    expect(chromiumProfiles(LOCAL_STATE)).toEqual([
      { id: 'Default', name: 'Personal' },
      { id: 'Profile 2', name: 'Work' },
      { id: 'Profile 3', name: 'Profile 3' },
      { id: 'Profile 10', name: 'Client X' },
    ]);
    expect(chromiumProfiles('{not json')).toEqual([]);
    expect(chromiumProfiles('{"profile":{"info_cache":[]}}')).toEqual([]);
  });

  it('lists Firefox profiles from profiles.ini, ignoring install and general sections', () => {
    expect(firefoxProfiles(PROFILES_INI)).toEqual([
      { id: 'work', name: 'work' },
      { id: 'default-release', name: 'default-release' },
    ]);
    expect(firefoxProfiles(PROFILES_INI.replace(/\n/g, '\r\n'))).toHaveLength(2);
    expect(firefoxProfiles('')).toEqual([]);
  });
});

describe('detectBrowsers', () => {
  it('Linux: browsers on PATH (first name wins), profiles under XDG_CONFIG_HOME and ~/.mozilla', async () => {
    const host = machine(
      'linux',
      { PATH: '/usr/local/bin:/usr/bin::./bin:relative', XDG_CONFIG_HOME: '/home/u/.cfg' },
      '/home/u',
      {
        executables: [
          '/usr/bin/google-chrome',
          '/usr/bin/google-chrome-stable',
          '/usr/bin/firefox',
        ],
        texts: {
          '/home/u/.cfg/google-chrome/Local State': LOCAL_STATE,
          '/home/u/.mozilla/firefox/profiles.ini': PROFILES_INI,
        },
      },
    );
    const found = await detectBrowsers(host);
    expect(found.map((b) => [b.id, b.name, b.executable])).toEqual([
      ['chrome', 'Google Chrome', '/usr/bin/google-chrome-stable'],
      ['firefox', 'Firefox', '/usr/bin/firefox'],
    ]);
    expect(found[0]!.profiles.map((p) => p.name)).toEqual([
      'Personal',
      'Work',
      'Profile 3',
      'Client X',
    ]);
    expect(found[1]!.profiles.map((p) => p.id)).toEqual(['work', 'default-release']);
    // Relative and empty PATH entries are never searched: they would run a file from the current folder.
    expect(host.looked.every((file) => file.startsWith('/usr/'))).toBe(true);
  });

  it('Linux: snap Chromium and Firefox keep their profiles under ~/snap', async () => {
    const host = machine('linux', { PATH: '/snap/bin' }, '/home/u', {
      executables: ['/snap/bin/chromium', '/snap/bin/firefox'],
      texts: {
        '/home/u/snap/chromium/common/chromium/Local State': LOCAL_STATE,
        '/home/u/snap/firefox/common/.mozilla/firefox/profiles.ini': PROFILES_INI,
      },
    });
    const found = await detectBrowsers(host);
    expect(found.map((b) => [b.id, b.profiles.length])).toEqual([
      ['chromium', 4],
      ['firefox', 2],
    ]);
  });

  it('macOS: app bundles in /Applications and ~/Applications, profiles in Application Support', async () => {
    const host = machine('darwin', { PATH: '/usr/bin' }, '/Users/u', {
      executables: [
        '/Users/u/Applications/Brave Browser.app/Contents/MacOS/Brave Browser',
        '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
        '/Applications/Firefox.app/Contents/MacOS/firefox',
      ],
      texts: {
        '/Users/u/Library/Application Support/BraveSoftware/Brave-Browser/Local State': LOCAL_STATE,
        '/Users/u/Library/Application Support/Firefox/profiles.ini': PROFILES_INI,
      },
    });
    const found = await detectBrowsers(host);
    expect(found.map((b) => [b.id, b.executable, b.profiles.length])).toEqual([
      ['edge', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge', 0],
      ['brave', '/Users/u/Applications/Brave Browser.app/Contents/MacOS/Brave Browser', 4],
      ['firefox', '/Applications/Firefox.app/Contents/MacOS/firefox', 2],
    ]);
  });

  it('Windows: Program Files and the per-user install, environment names in any case', async () => {
    const host = machine(
      'win32',
      {
        ProgramFiles: 'C:\\Program Files',
        'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
        localappdata: 'C:\\Users\\u\\AppData\\Local',
        APPDATA: 'C:\\Users\\u\\AppData\\Roaming',
      },
      'C:\\Users\\u',
      {
        executables: [
          'C:\\Users\\u\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
          'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
          'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
        ],
        texts: {
          'C:\\Users\\u\\AppData\\Local\\Google\\Chrome\\User Data\\Local State': LOCAL_STATE,
          'C:\\Users\\u\\AppData\\Roaming\\Mozilla\\Firefox\\profiles.ini': PROFILES_INI,
        },
      },
    );
    const found = await detectBrowsers(host);
    expect(found.map((b) => [b.id, b.executable, b.profiles.length])).toEqual([
      ['chrome', 'C:\\Users\\u\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe', 4],
      ['edge', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 0],
      ['firefox', 'C:\\Program Files\\Mozilla Firefox\\firefox.exe', 2],
    ]);
  });

  it('finds nothing on a machine without browsers', async () => {
    expect(await detectBrowsers(machine('linux', { PATH: '/usr/bin' }, '/home/u', {}))).toEqual([]);
  });
});

describe('nodeDetectionHost (this machine)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('finds an executable file on PATH and skips one without the execute bit', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sso-tray-browsers-'));
    dirs.push(dir);
    const bin = path.join(dir, 'bin');
    const home = path.join(dir, 'home');
    mkdirSync(bin);
    for (const [name, mode] of [
      ['firefox', 0o755],
      ['chromium', 0o644],
    ] as const) {
      writeFileSync(path.join(bin, name), '#!/bin/sh\n');
      chmodSync(path.join(bin, name), mode);
    }
    const found = await detectBrowsers(
      nodeDetectionHost({ platform: 'linux', env: { PATH: bin }, homedir: home }),
    );
    expect(found.map((b) => [b.id, b.executable, b.profiles])).toEqual([
      ['firefox', path.join(bin, 'firefox'), []],
    ]);
  });
});
