// The app's settings: one JSON file in a folder the platform gives us (Electron
// main passes app.getPath('userData')). Validated field by field against
// settingsSchema so one bad value costs only that value; missing fields take
// their defaults; writes are atomic and 0600. A file that cannot be used is
// moved aside (nothing lost) and reported as a notice, never thrown. The app
// and the CLI both write the file, so each write re-reads it and changes only
// what it was asked to.
//
// The browser choice lives in the same file but outside the window's settings:
// `browser` (set only through setBrowser, from main's picker) or, from before
// that existed, `browserCommand`, which stays in use until a choice replaces it;
// and `sessionBrowsers`, one choice per sso-session that has its own.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../shared/api';
import type { SignInFlow } from '../../shared/model';
import { ensurePrivateDir, writeFileAtomic } from '../fs/atomic-write';
import {
  SYSTEM_BROWSER,
  type BrowserChoice,
  type BrowserSetting,
  type BrowserStore,
} from '../browser/browser-choice';
import { CoreError } from '../errors/core-error';
import { errnoCode } from '../fs/errno';

export const SETTINGS_FILE_NAME = 'settings.json';

// The checks load the schema library, which costs a CLI command more than
// reading its files: only when there is a file to check or a change to save.
const validation = () => import('./settings-validation');

export type SettingsNoticeCode =
  'settings-corrupt' | 'settings-invalid-fields' | 'settings-unreadable';

/** Something the user should hear about the settings file; the app carries on with defaults. */
export interface SettingsNotice {
  readonly code: SettingsNoticeCode;
  readonly message: string;
  /** Where the unusable file was moved, when it was moved. */
  readonly movedTo: string | null;
}

export interface SettingsLoad {
  readonly settings: Settings;
  readonly browser: BrowserSetting;
  /** Sessions with a browser of their own (by session name). */
  readonly sessionBrowsers: Readonly<Record<string, BrowserChoice>>;
  /** Keys a newer version wrote that this one does not know: kept and written back. */
  readonly unknownFields: Readonly<Record<string, unknown>>;
  readonly invalidFields: readonly string[];
}

interface BrowserFields {
  readonly browser: BrowserSetting;
  readonly sessionBrowsers: Readonly<Record<string, BrowserChoice>>;
}

/** The browser fields as stored: a choice, an older version's command line, or nothing (system). */
function browserFields({ browser, sessionBrowsers }: BrowserFields): Record<string, unknown> {
  const perSession = Object.keys(sessionBrowsers).length > 0 ? { sessionBrowsers } : {};
  if (browser.kind === 'legacy-command') {
    return { browserCommand: browser.commandLine, ...perSession };
  }
  if (browser.kind === 'system') return perSession;
  return { browser, ...perSession };
}

export type SettingsListener = (settings: Settings) => void;

export interface OpenedSettings {
  readonly store: FileSettingsStore;
  readonly notice: SettingsNotice | null;
}

/** What the file holds, as the store keeps it. */
type StoredSettings = Omit<SettingsLoad, 'invalidFields'>;

const DEFAULTS: StoredSettings = {
  settings: DEFAULT_SETTINGS,
  browser: SYSTEM_BROWSER,
  sessionBrowsers: {},
  unknownFields: {},
};

type Validation = Awaited<ReturnType<typeof validation>>;

/** The file's text as settings; null when it is not JSON or not an object. */
function loadFromText(text: string, { settingsFromJson }: Validation): SettingsLoad | null {
  try {
    return settingsFromJson(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
  } catch {
    return null;
  }
}

function frozen(stored: StoredSettings): StoredSettings {
  return Object.freeze({
    settings: Object.freeze(stored.settings),
    browser: Object.freeze(stored.browser),
    sessionBrowsers: Object.freeze({ ...stored.sessionBrowsers }),
    unknownFields: stored.unknownFields,
  });
}

export class FileSettingsStore implements BrowserStore {
  readonly file: string;
  private stored: StoredSettings;
  private readonly now: () => number;
  private readonly listeners = new Set<SettingsListener>();
  private writes: Promise<unknown> = Promise.resolve();

  private constructor(file: string, load: StoredSettings, now: () => number) {
    this.file = file;
    this.stored = frozen(load);
    this.now = now;
  }

  /** Loads `<dir>/settings.json`. Never throws for a missing, unreadable or corrupt file. */
  static async open(dir: string, options: { now?: () => number } = {}): Promise<OpenedSettings> {
    const file = path.join(dir, SETTINGS_FILE_NAME);
    const now = options.now ?? Date.now;
    const store = (load: StoredSettings) => new FileSettingsStore(file, load, now);

    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'ENOENT') return { store: store(DEFAULTS), notice: null };
      return {
        store: store(DEFAULTS),
        notice: {
          code: 'settings-unreadable',
          message: `Your settings could not be read (${code ?? 'read error'}: ${file}); SSO Tray is using the defaults.`,
          movedTo: null,
        },
      };
    }

    const load = loadFromText(text, await validation());
    if (load === null) {
      const movedTo = await moveAside(file, now());
      return {
        store: store(DEFAULTS),
        notice: {
          code: 'settings-corrupt',
          message: movedTo
            ? `Your settings file was damaged, so SSO Tray started with the defaults. The old file is kept as ${movedTo}.`
            : `Your settings file was damaged, so SSO Tray started with the defaults.`,
          movedTo,
        },
      };
    }
    if (load.invalidFields.length > 0) {
      // Keep a copy of what the user had before the next write replaces it.
      const movedTo = await copyAside(file, now());
      return {
        store: store(load),
        notice: {
          code: 'settings-invalid-fields',
          message: `Some settings had values SSO Tray cannot use and were reset to their defaults: ${load.invalidFields.join(', ')}.${movedTo ? ` The old file is kept as ${movedTo}.` : ''}`,
          movedTo,
        },
      };
    }
    return { store: store(load), notice: null };
  }

  get(): Settings {
    return this.stored.settings;
  }

  /**
   * The browser in effect: for `session`, its own choice, else the default one.
   * Not part of get(): the window never sees or sets it.
   */
  browser(session?: string): BrowserSetting {
    return (session === undefined ? null : this.sessionBrowser(session)) ?? this.stored.browser;
  }

  /** The session's own choice, or null when it uses the default browser. */
  sessionBrowser(session: string): BrowserChoice | null {
    const { sessionBrowsers } = this.stored;
    return Object.hasOwn(sessionBrowsers, session) ? sessionBrowsers[session]! : null;
  }

  /** Stores a choice made in main's picker; it replaces an older version's command line. */
  setBrowser(choice: BrowserChoice): Promise<BrowserSetting> {
    return this.change((onDisk, { checkedBrowserChoice }) => ({
      ...onDisk,
      browser: checkedBrowserChoice(choice),
    })).then(() => this.browser());
  }

  /** Stores a session's own choice (null: back to the default); answers with what is in effect. */
  setSessionBrowser(session: string, choice: BrowserChoice | null): Promise<BrowserSetting> {
    return this.change((onDisk, { checkedBrowserChoice, checkedSessionName }) => {
      const name = checkedSessionName(session);
      const { [name]: _old, ...others } = onDisk.sessionBrowsers;
      const sessionBrowsers =
        choice === null ? others : { ...others, [name]: checkedBrowserChoice(choice) };
      return { ...onDisk, sessionBrowsers };
    }).then(() => this.browser(session));
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Validates, merges, writes atomically (0600), then tells listeners. Writes run one at a time. */
  update(patch: SettingsPatch): Promise<Settings> {
    return this.change((onDisk, { checkedPatch, normalizeSettings }) => ({
      ...onDisk,
      settings: normalizeSettings({ ...onDisk.settings, ...checkedPatch(patch) }),
    })).then((next) => next.settings);
  }

  /**
   * Stores the flow one session signs in with (null: none of its own), next
   * to the other sessions' choices as the file has them now.
   */
  setSessionSignIn(session: string, flow: SignInFlow | null): Promise<Settings> {
    return this.change((onDisk, { checkedPatch, normalizeSettings }) => {
      const { [session]: _old, ...others } = onDisk.settings.sessionSignIn;
      const sessionSignIn = flow === null ? others : { ...others, [session]: { flow } };
      const checked = checkedPatch({ sessionSignIn });
      return { ...onDisk, settings: normalizeSettings({ ...onDisk.settings, ...checked }) };
    }).then((next) => next.settings);
  }

  /**
   * Applies one change on top of what the file holds now, not what it held at
   * open: the app and the CLI share the file, and each must keep the other's
   * changes. Writes atomically (0600), then tells listeners; one at a time.
   */
  private change(
    apply: (onDisk: StoredSettings, checks: Validation) => StoredSettings,
  ): Promise<StoredSettings> {
    const run = this.writes.then(async () => {
      const checks = await validation();
      const { stored, damaged } = await this.onDisk(checks);
      const next = frozen(apply(stored, checks));
      // As at open: the damaged bytes are kept next to the file the write replaces.
      if (damaged) await moveAside(this.file, this.now());
      await this.write(next);
      this.stored = next;
      for (const listener of [...this.listeners]) {
        try {
          listener(next.settings);
        } catch {
          // One listener's failure must not stop the others or the write.
        }
      }
      return next;
    });
    this.writes = run.catch(() => undefined);
    return run;
  }

  /**
   * The file as it is now. Missing: the defaults (it was removed). Unreadable
   * or damaged: what this store holds, so the write still goes through.
   */
  private async onDisk(checks: Validation): Promise<{ stored: StoredSettings; damaged: boolean }> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      const stored = errnoCode(error) === 'ENOENT' ? DEFAULTS : this.stored;
      return { stored, damaged: false };
    }
    const load = loadFromText(text, checks);
    return load === null
      ? { stored: this.stored, damaged: true }
      : { stored: load, damaged: false };
  }

  private async write({ settings, unknownFields, ...browser }: StoredSettings): Promise<void> {
    try {
      await ensurePrivateDir(path.dirname(this.file));
      await writeFileAtomic(
        this.file,
        `${JSON.stringify({ ...unknownFields, ...settings, ...browserFields(browser) }, null, 2)}\n`,
      );
    } catch (error) {
      // A full or read-only disk: say so in words, not with the temp file's errno line.
      throw new CoreError(
        'settings-write-failed',
        `Your settings could not be saved to ${this.file} (${errnoCode(error) ?? 'write error'}); the previous settings stay in use.`,
      );
    }
  }
}

const asideName = (file: string, at: number, label: string) =>
  `${file}.${label}-${new Date(at).toISOString().replace(/[:.]/g, '-')}`;

async function moveAside(file: string, at: number): Promise<string | null> {
  const target = asideName(file, at, 'corrupt');
  try {
    await fs.rename(file, target);
    return target;
  } catch {
    return null;
  }
}

async function copyAside(file: string, at: number): Promise<string | null> {
  const target = asideName(file, at, 'before-reset');
  try {
    await fs.copyFile(file, target);
    await fs.chmod(target, 0o600);
    return target;
  } catch {
    return null;
  }
}
