// Finds the browsers installed on this machine and their profiles, for main's
// "Choose browser" dialog: Chrome, Chromium, Edge and Brave (profiles from the
// `Local State` file of their user-data folder) and Firefox (profiles.ini).
// Pure over an injected host (platform, environment, home folder, two file
// reads), so every platform is tested on any machine.

import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { BROWSER_IDS, BROWSER_NAMES, type BrowserId } from './browser-choice';

export interface DetectionHost {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homedir: string;
  /** True for a regular file this user may run. */
  isExecutable(file: string): Promise<boolean>;
  /** The file's text, or null when it is missing or unreadable. */
  readText(file: string): Promise<string | null>;
}

export interface BrowserProfile {
  /** What the browser's command line takes: the profile directory (Chromium family) or name (Firefox). */
  readonly id: string;
  /** What the user sees. */
  readonly name: string;
}

export interface InstalledBrowser {
  readonly id: BrowserId;
  readonly name: string;
  readonly executable: string;
  /** Empty when the browser has no profile data yet (it then uses its default). */
  readonly profiles: readonly BrowserProfile[];
}

interface Candidates {
  readonly executables: readonly string[];
  /** Chromium family: user-data folders (holding `Local State`); Firefox: folders holding profiles.ini. */
  readonly dataDirs: readonly string[];
}

/** Windows environment names are case-insensitive; an injected object is not. */
function envValue(env: DetectionHost['env'], name: string): string | undefined {
  const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : env[key] || undefined;
}

const UNIX_COMMANDS: Readonly<Record<BrowserId, readonly string[]>> = {
  chrome: ['google-chrome-stable', 'google-chrome'],
  chromium: ['chromium', 'chromium-browser'],
  edge: ['microsoft-edge-stable', 'microsoft-edge'],
  brave: ['brave-browser', 'brave-browser-stable', 'brave'],
  firefox: ['firefox', 'firefox-esr'],
};

function unixCandidates(host: DetectionHost, id: BrowserId): Candidates {
  const join = path.posix.join;
  // Only absolute PATH entries: an empty or relative one would run a file from the current folder.
  const pathDirs = (envValue(host.env, 'PATH') ?? '')
    .split(':')
    .filter((dir) => path.posix.isAbsolute(dir));
  const config = envValue(host.env, 'XDG_CONFIG_HOME') ?? join(host.homedir, '.config');
  const snap = (name: string, ...rest: string[]) => join(host.homedir, 'snap', name, ...rest);
  const dataDirs: Record<BrowserId, string[]> = {
    chrome: [join(config, 'google-chrome')],
    chromium: [join(config, 'chromium'), snap('chromium', 'common', 'chromium')],
    edge: [join(config, 'microsoft-edge')],
    brave: [join(config, 'BraveSoftware', 'Brave-Browser')],
    firefox: [
      join(host.homedir, '.mozilla', 'firefox'),
      snap('firefox', 'common', '.mozilla', 'firefox'),
    ],
  };
  return {
    executables: UNIX_COMMANDS[id].flatMap((command) => pathDirs.map((dir) => join(dir, command))),
    dataDirs: dataDirs[id],
  };
}

const MAC_APPS: Readonly<Record<BrowserId, { app: string; binary: string; data: string }>> = {
  chrome: { app: 'Google Chrome.app', binary: 'Google Chrome', data: 'Google/Chrome' },
  chromium: { app: 'Chromium.app', binary: 'Chromium', data: 'Chromium' },
  edge: { app: 'Microsoft Edge.app', binary: 'Microsoft Edge', data: 'Microsoft Edge' },
  brave: {
    app: 'Brave Browser.app',
    binary: 'Brave Browser',
    data: 'BraveSoftware/Brave-Browser',
  },
  firefox: { app: 'Firefox.app', binary: 'firefox', data: 'Firefox' },
};

function macCandidates(host: DetectionHost, id: BrowserId): Candidates {
  const join = path.posix.join;
  const { app, binary, data } = MAC_APPS[id];
  return {
    executables: ['/Applications', join(host.homedir, 'Applications')].map((dir) =>
      join(dir, app, 'Contents', 'MacOS', binary),
    ),
    dataDirs: [join(host.homedir, 'Library', 'Application Support', ...data.split('/'))],
  };
}

const WINDOWS_PATHS: Readonly<Record<BrowserId, { program: string; data: string }>> = {
  chrome: { program: 'Google\\Chrome\\Application\\chrome.exe', data: 'Google\\Chrome\\User Data' },
  chromium: { program: 'Chromium\\Application\\chrome.exe', data: 'Chromium\\User Data' },
  edge: { program: 'Microsoft\\Edge\\Application\\msedge.exe', data: 'Microsoft\\Edge\\User Data' },
  brave: {
    program: 'BraveSoftware\\Brave-Browser\\Application\\brave.exe',
    data: 'BraveSoftware\\Brave-Browser\\User Data',
  },
  firefox: { program: 'Mozilla Firefox\\firefox.exe', data: 'Mozilla\\Firefox' },
};

function windowsCandidates(host: DetectionHost, id: BrowserId): Candidates {
  const join = path.win32.join;
  const local = envValue(host.env, 'LOCALAPPDATA') ?? join(host.homedir, 'AppData', 'Local');
  const roaming = envValue(host.env, 'APPDATA') ?? join(host.homedir, 'AppData', 'Roaming');
  const roots = [
    envValue(host.env, 'ProgramFiles'),
    envValue(host.env, 'ProgramFiles(x86)'),
    local,
  ].filter((root): root is string => root !== undefined);
  const { program, data } = WINDOWS_PATHS[id];
  return {
    executables: roots.map((root) => join(root, program)),
    // Firefox keeps profiles.ini in the roaming folder, the Chromium family in the local one.
    dataDirs: [join(id === 'firefox' ? roaming : local, data)],
  };
}

function candidates(host: DetectionHost, id: BrowserId): Candidates {
  if (host.platform === 'win32') return windowsCandidates(host, id);
  if (host.platform === 'darwin') return macCandidates(host, id);
  return unixCandidates(host, id);
}

/** Profiles listed in a Chromium-family `Local State` file (`profile.info_cache`), Default first. */
export function chromiumProfiles(localState: string): BrowserProfile[] {
  let cache: unknown;
  try {
    cache = (JSON.parse(localState) as { profile?: { info_cache?: unknown } }).profile?.info_cache;
  } catch {
    return [];
  }
  if (typeof cache !== 'object' || cache === null || Array.isArray(cache)) return [];
  const rank = (dir: string) => (dir === 'Default' ? '' : dir);
  return Object.entries(cache as Record<string, unknown>)
    .map(([dir, info]) => {
      const name = (info as { name?: unknown } | null)?.name;
      return { id: dir, name: typeof name === 'string' && name.trim() ? name : dir };
    })
    .sort((a, b) =>
      rank(a.id).localeCompare(rank(b.id), undefined, { numeric: true, sensitivity: 'base' }),
    );
}

/** Profiles named in Firefox's profiles.ini (`[ProfileN]` sections with `Name=`), in file order. */
export function firefoxProfiles(profilesIni: string): BrowserProfile[] {
  const names: string[] = [];
  let inProfile = false;
  for (const raw of profilesIni.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[(.*)\]$/.exec(line);
    if (section) {
      inProfile = /^Profile\d+$/i.test(section[1]!);
      continue;
    }
    const name = /^Name\s*=\s*(.*)$/.exec(line);
    if (inProfile && name && name[1]!.trim() && !names.includes(name[1]!.trim())) {
      names.push(name[1]!.trim());
    }
  }
  return names.map((name) => ({ id: name, name }));
}

async function firstExecutable(host: DetectionHost, files: readonly string[]) {
  for (const file of files) if (await host.isExecutable(file)) return file;
  return null;
}

async function profilesOf(
  host: DetectionHost,
  id: BrowserId,
  dataDirs: readonly string[],
): Promise<BrowserProfile[]> {
  const join = host.platform === 'win32' ? path.win32.join : path.posix.join;
  for (const dir of dataDirs) {
    const text = await host.readText(join(dir, id === 'firefox' ? 'profiles.ini' : 'Local State'));
    if (text === null) continue;
    return id === 'firefox' ? firefoxProfiles(text) : chromiumProfiles(text);
  }
  return [];
}

/** The supported browsers installed here, in a fixed order. */
export async function detectBrowsers(host: DetectionHost): Promise<InstalledBrowser[]> {
  const found: InstalledBrowser[] = [];
  for (const id of BROWSER_IDS) {
    const where = candidates(host, id);
    const executable = await firstExecutable(host, where.executables);
    if (executable === null) continue;
    found.push({
      id,
      name: BROWSER_NAMES[id],
      executable,
      profiles: await profilesOf(host, id, where.dataDirs),
    });
  }
  return found;
}

/** The real machine: node:fs, the process's environment and home folder. */
export function nodeDetectionHost(input: {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homedir: string;
}): DetectionHost {
  return {
    ...input,
    async isExecutable(file) {
      try {
        const stat = await fs.stat(file);
        if (!stat.isFile()) return false;
        // Windows has no execute bit: an existing .exe is enough.
        if (input.platform !== 'win32') await fs.access(file, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
    async readText(file) {
      try {
        return await fs.readFile(file, 'utf8');
      } catch {
        return null;
      }
    },
  };
}
