// Main's own browser picker: native dialogs the window cannot fill in. The
// first lists the system default and the browsers found on this machine, then
// "Other program…"; a browser with several profiles asks for the profile next;
// "Other program…" opens the native file picker and asks for confirmation,
// naming the program, before anything is stored. For one session, the first
// button keeps it on the default browser.

import type { MessageBoxOptions, OpenDialogOptions } from 'electron';
import {
  SYSTEM_BROWSER,
  USE_DEFAULT_BROWSER,
  browserLabel,
  type BrowserChoice,
  type BrowserPick,
  type InstalledBrowser,
} from '../core';

/** The part of Electron's `dialog` the picker uses. */
export interface PickerDialogs {
  showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export interface BrowserPickerDeps {
  readonly dialog: PickerDialogs;
  readonly detect: () => Promise<readonly InstalledBrowser[]>;
  readonly platform: NodeJS.Platform;
}

const TITLE = 'Browser for sign-in pages';

/** Asks with these buttons (Cancel added last); the index chosen, or null for Cancel. */
async function ask(
  dialog: PickerDialogs,
  options: { message: string; detail: string; buttons: readonly string[] },
): Promise<number | null> {
  const buttons = [...options.buttons, 'Cancel'];
  const { response } = await dialog.showMessageBox({
    type: 'question',
    title: TITLE,
    message: options.message,
    detail: options.detail,
    buttons,
    defaultId: 0,
    cancelId: buttons.length - 1,
    // Plain buttons on Windows, not command links built from the labels.
    noLink: true,
  });
  return response >= 0 && response < options.buttons.length ? response : null;
}

async function pickProfile(
  dialog: PickerDialogs,
  browser: InstalledBrowser,
): Promise<BrowserChoice | null> {
  const installed = (profile: string | null, label: string): BrowserChoice => ({
    kind: 'installed',
    browser: browser.id,
    executable: browser.executable,
    profile,
    label,
  });
  if (browser.profiles.length === 0) return installed(null, browser.name);
  if (browser.profiles.length === 1) {
    const [only] = browser.profiles;
    return installed(only!.id, `${browser.name}: ${only!.name}`);
  }
  const index = await ask(dialog, {
    message: `Which ${browser.name} profile?`,
    detail:
      'Sign-in pages open in this profile, where you are signed in to your identity provider.',
    buttons: browser.profiles.map((p) => p.name),
  });
  if (index === null) return null;
  const profile = browser.profiles[index]!;
  return installed(profile.id, `${browser.name}: ${profile.name}`);
}

async function pickProgram(
  dialog: PickerDialogs,
  platform: NodeJS.Platform,
): Promise<BrowserChoice | null> {
  const picked = await dialog.showOpenDialog({
    title: 'Choose a browser program',
    buttonLabel: 'Choose',
    properties: ['openFile'],
    ...(platform === 'darwin' ? { defaultPath: '/Applications' } : {}),
  });
  const executable = picked.filePaths[0];
  if (picked.canceled || !executable) return null;
  const confirmed = await ask(dialog, {
    message: `Open sign-in pages with ${executable}?`,
    detail:
      'SSO Tray will run this program with the page address as its only argument, for every sign-in and console link.',
    buttons: ['Use this program'],
  });
  return confirmed === 0 ? { kind: 'program', executable } : null;
}

export function createBrowserPicker(deps: BrowserPickerDeps): BrowserPick {
  return async (current, session) => {
    const browsers = await deps.detect();
    const first = session
      ? [`Same as the default (${browserLabel(session.fallback)})`]
      : ['System default browser'];
    const index = await ask(deps.dialog, {
      message: session
        ? `Open the sign-in pages and console links of ${session.label} in:`
        : 'Open sign-in pages and console links in:',
      detail: session
        ? `Now: ${session.own ? browserLabel(session.own) : 'the default browser'}`
        : `Now: ${browserLabel(current)}`,
      buttons: [
        ...first,
        ...(session ? ['System default browser'] : []),
        ...browsers.map((b) => b.name),
        'Other program…',
      ],
    });
    if (index === null) return null;
    const fixed = session ? 2 : 1;
    if (session && index === 0) return USE_DEFAULT_BROWSER;
    if (index === fixed - 1) return SYSTEM_BROWSER;
    const browser = browsers[index - fixed];
    return browser ? pickProfile(deps.dialog, browser) : pickProgram(deps.dialog, deps.platform);
  };
}
