// The UrlOpener adapter: every URL the core wants opened (sign-in pages,
// console links) is checked against url-policy first, then handed to the
// browser the user chose in main's picker (argv, no shell), or to the system
// default browser.

import { spawn } from 'node:child_process';
import type { UrlOpener } from '../core/api/platform';
import {
  browserLaunch,
  type BrowserLaunch,
  type BrowserSetting,
} from '../core/browsers/browser-choice';
import { checkExternalUrl, type UrlPolicyContext } from '../core/url-policy';

function runDetached(file: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.once('error', (error) =>
      reject(
        Object.assign(
          new Error(
            `The browser ${file} could not start (${(error as NodeJS.ErrnoException).code ?? error.message}). Choose another one in Preferences.`,
          ),
          { code: 'browser-command' },
        ),
      ),
    );
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}

export function createUrlOpener(deps: {
  readonly openExternal: (url: string) => Promise<void>;
  readonly policy: () => UrlPolicyContext;
  readonly browser: () => BrowserSetting;
  readonly platform: NodeJS.Platform;
}): UrlOpener {
  return {
    async openUrl(url) {
      const check = checkExternalUrl(url, deps.policy());
      if (!check.ok) {
        throw Object.assign(new Error(`SSO Tray did not open that address: ${check.reason}.`), {
          code: 'url-refused',
        });
      }
      let launch: BrowserLaunch;
      try {
        launch = browserLaunch(deps.browser(), check.url, deps.platform);
      } catch (error) {
        // Only a command line stored by an older version can fail to split.
        throw Object.assign(
          new Error(
            `The browser command set before this version cannot be used: ${(error as Error).message}. Choose a browser in Preferences.`,
          ),
          { code: 'browser-command' },
        );
      }
      if (launch.kind === 'system') await deps.openExternal(check.url);
      else await runDetached(launch.file, launch.args);
    },
  };
}
