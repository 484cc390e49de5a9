// Main asks for MFA codes (a role chain's mfa_serial) in a small window of its
// own: never in the app's window, which may hold no secret, and never through
// IPC, so the prompt has no preload, no script and nothing to call. The page is
// one form (mfa-prompt-page.ts); its answer is the navigation it starts, read
// and cancelled here. One prompt at a time; each waits a few minutes, then
// gives up, naming MFA. The core keeps the credentials for their lifetime, so
// the code is asked once per duration, not once per use.

import type { BrowserWindowConstructorOptions } from 'electron';
import {
  mfaCancelled,
  mfaUnavailable,
  type CredentialsError,
  systemClock,
  type Clock,
  type MfaCodeProvider,
} from '../core';
import { mfaPromptPageUrl, readMfaAnswer } from './mfa-prompt-page';
import type { BrowserWindowClass } from './window';

export const MFA_PROMPT_TIMEOUT_MS = 5 * 60_000;

export interface MfaPromptDeps {
  readonly BrowserWindow: BrowserWindowClass;
  readonly clock?: Clock;
  /** How long a prompt waits for the user. Default MFA_PROMPT_TIMEOUT_MS. */
  readonly timeoutMs?: number;
}

export function mfaPromptWindowOptions(profile: string): BrowserWindowConstructorOptions {
  return {
    width: 400,
    height: 240,
    show: false,
    title: `SSO Tray: MFA code for ${profile}`,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    // It answers a tool that is waiting: in front, where the user looks.
    alwaysOnTop: true,
    autoHideMenuBar: true,
    webPreferences: {
      // The form works without script; with none, nothing in the page can act.
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
    },
  };
}

export function createMfaPromptWindow(deps: MfaPromptDeps): MfaCodeProvider {
  let previous: Promise<unknown> = Promise.resolve();
  return (serial, profile) => {
    // One window at a time: the next question waits for the answer to this one.
    const asked = previous.then(() => ask(deps, serial, profile));
    previous = asked.catch(() => undefined);
    return asked;
  };
}

function ask(deps: MfaPromptDeps, serial: string, profile: string): Promise<string> {
  const clock = deps.clock ?? systemClock;
  const timeoutMs = deps.timeoutMs ?? MFA_PROMPT_TIMEOUT_MS;
  return new Promise<string>((resolve, reject) => {
    const window = new deps.BrowserWindow(mfaPromptWindowOptions(profile));
    let settled = false;
    const finish = (outcome: { code: string } | { error: CredentialsError }) => {
      if (settled) return;
      settled = true;
      timer.cancel();
      if (!window.isDestroyed()) window.close();
      if ('code' in outcome) resolve(outcome.code);
      else reject(outcome.error);
    };
    const timer = clock.setTimer(timeoutMs, () =>
      finish({
        error: mfaUnavailable(
          serial,
          profile,
          `nobody entered it within ${Math.round(timeoutMs / 60_000)} minutes`,
        ),
      }),
    );
    window.webContents.on('will-navigate', (event) => {
      // The page never goes anywhere: a navigation is its answer.
      event.preventDefault();
      const answer = readMfaAnswer(event.url);
      if (answer?.kind === 'code') finish({ code: answer.code });
      else if (answer?.kind === 'cancel') finish({ error: mfaCancelled(profile) });
      else if (answer?.kind === 'invalid') {
        void window.loadURL(
          mfaPromptPageUrl({ serial, profile, error: 'Enter the 6 digits the device shows now.' }),
        );
      }
    });
    window.on('closed', () => finish({ error: mfaCancelled(profile) }));
    void window.loadURL(mfaPromptPageUrl({ serial, profile }));
    window.show();
    window.focus();
  });
}
