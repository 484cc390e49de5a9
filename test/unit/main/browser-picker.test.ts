// Main's browser picker, with the Electron STAND-IN's native dialogs: the
// tests play the user's clicks (standIn dialog answers); what gets stored is
// only what those dialogs offered.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createBrowserPicker } from '../../../app/main/browser-picker';
import type { InstalledBrowser } from '../../../app/core/browser/detect-browsers';
import { dialog, standIn } from '../../support/electron-stand-in';

vi.mock('electron', () => import('../../support/electron-stand-in'));

const BROWSERS: InstalledBrowser[] = [
  {
    id: 'chrome',
    name: 'Google Chrome',
    executable: '/usr/bin/google-chrome-stable',
    profiles: [
      { id: 'Default', name: 'Personal' },
      { id: 'Profile 2', name: 'Work' },
    ],
  },
  {
    id: 'firefox',
    name: 'Firefox',
    executable: '/usr/bin/firefox',
    profiles: [{ id: 'work', name: 'work' }],
  },
  { id: 'brave', name: 'Brave', executable: '/usr/bin/brave-browser', profiles: [] },
];

const pick = createBrowserPicker({ dialog, detect: async () => BROWSERS, platform: 'linux' });
const CURRENT = { kind: 'legacy-command', commandLine: 'firefox -P old {url}' } as const;

/** The user clicks these, in order. */
const clicks = (...answers: (typeof dialog.answers)[number][]) => dialog.answers.push(...answers);
const button = (response: number) => ({ kind: 'message', response }) as const;
const shown = () =>
  standIn.calls
    .filter((c) => c.api.startsWith('dialog.'))
    .map((c) => [c.api, c.args[0] as Record<string, unknown>] as const);

beforeEach(() => standIn.reset());

describe('browser picker (native dialogs, Electron stand-in)', () => {
  it('lists the system browser, the detected browsers and Other…, and says what is in use now', async () => {
    clicks(button(0));
    expect(await pick(CURRENT)).toEqual({ kind: 'system' });
    const [[api, options]] = shown() as [readonly [string, Record<string, unknown>]];
    expect(api).toBe('dialog.showMessageBox');
    expect(options).toMatchObject({
      buttons: [
        'System default browser',
        'Google Chrome',
        'Firefox',
        'Brave',
        'Other program…',
        'Cancel',
      ],
      cancelId: 5,
      detail: 'Now: firefox -P old {url} (set before this version; change it with Choose…)',
    });
  });

  it('asks for the profile of a browser with several', async () => {
    clicks(button(1), button(1));
    expect(await pick(CURRENT)).toEqual({
      kind: 'installed',
      browser: 'chrome',
      executable: '/usr/bin/google-chrome-stable',
      profile: 'Profile 2',
      label: 'Google Chrome: Work',
    });
    expect(shown()[1]![1]).toMatchObject({
      message: 'Which Google Chrome profile?',
      buttons: ['Personal', 'Work', 'Cancel'],
    });
  });

  it('takes the only profile, or none, without a second question', async () => {
    clicks(button(2));
    expect(await pick(CURRENT)).toMatchObject({ browser: 'firefox', profile: 'work' });
    clicks(button(3));
    expect(await pick(CURRENT)).toMatchObject({ browser: 'brave', profile: null, label: 'Brave' });
    expect(shown()).toHaveLength(2);
  });

  it('Other…: the native file picker, then a confirmation naming the program', async () => {
    clicks(button(4), { kind: 'open', filePaths: ['/opt/odd/browser'] }, button(0));
    expect(await pick(CURRENT)).toEqual({ kind: 'program', executable: '/opt/odd/browser' });
    const [, open, confirm] = shown();
    expect(open![0]).toBe('dialog.showOpenDialog');
    expect(open![1]).toMatchObject({ properties: ['openFile'] });
    expect(confirm![1]).toMatchObject({
      message: 'Open sign-in pages with /opt/odd/browser?',
      buttons: ['Use this program', 'Cancel'],
    });
  });

  it('stores nothing on Cancel, at any step', async () => {
    for (const answers of [
      [button(5)],
      [button(-1)],
      [button(1), button(2)],
      [button(4), { kind: 'open-cancelled' } as const],
      [button(4), { kind: 'open', filePaths: ['/bin/sh'] } as const, button(1)],
    ]) {
      clicks(...answers);
      expect(await pick(CURRENT), JSON.stringify(answers)).toBeNull();
    }
    expect(dialog.answers).toEqual([]);
  });
});

describe('browser picker for one session (Electron stand-in)', () => {
  const session = {
    name: 'work-sso',
    label: 'work-sso',
    own: null,
    fallback: {
      kind: 'installed',
      browser: 'firefox',
      executable: '/usr/bin/firefox',
      profile: 'work',
      label: 'Firefox: work',
    },
  } as const;

  it('names the session, offers the default first, then the system browser and the detected ones', async () => {
    clicks(button(0));
    expect(await pick(session.fallback, session)).toEqual({ kind: 'default' });
    expect(shown()[0]![1]).toMatchObject({
      message: 'Open the sign-in pages and console links of work-sso in:',
      detail: 'Now: the default browser',
      buttons: [
        'Same as the default (Firefox: work)',
        'System default browser',
        'Google Chrome',
        'Firefox',
        'Brave',
        'Other program…',
        'Cancel',
      ],
      cancelId: 6,
    });
    clicks(button(1));
    expect(await pick(session.fallback, session)).toEqual({ kind: 'system' });
    clicks(button(2), button(1));
    expect(await pick(session.fallback, session)).toMatchObject({
      browser: 'chrome',
      profile: 'Profile 2',
    });
    clicks(button(6));
    expect(await pick(session.fallback, session)).toBeNull();
  });

  it('says which browser the session has now', async () => {
    const own = { kind: 'program', executable: '/opt/b/browser' } as const;
    clicks(button(6));
    await pick(own, { ...session, own });
    expect(shown()[0]![1]).toMatchObject({ detail: 'Now: browser (/opt/b/browser)' });
  });
});
