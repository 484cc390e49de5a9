// The UrlOpener adapter: every URL the core wants opened (sign-in pages,
// console links) is checked against url-policy first, then handed to the
// user's browser command when one is set, or to the system default browser.

import { spawn } from 'node:child_process';
import type { UrlOpener } from '../core/api/platform';
import { browserCommandArgv } from '../core/auth/browser-opener';
import { checkExternalUrl, type UrlPolicyContext } from '../core/url-policy';

function runDetached(argv: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const [file, ...args] = argv;
    if (!file) {
      reject(
        Object.assign(new Error('The browser command is empty.'), { code: 'browser-command' }),
      );
      return;
    }
    const child = spawn(file, args, { detached: true, stdio: 'ignore' });
    child.once('error', (error) =>
      reject(
        Object.assign(new Error(`The browser command could not start: ${error.message}`), {
          code: 'browser-command',
        }),
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
  readonly browserCommand: () => string | null;
}): UrlOpener {
  return {
    async openUrl(url) {
      const check = checkExternalUrl(url, deps.policy());
      if (!check.ok) {
        throw Object.assign(new Error(`SSO Tray did not open that address: ${check.reason}.`), {
          code: 'url-refused',
        });
      }
      const command = deps.browserCommand();
      if (!command) {
        await deps.openExternal(check.url);
        return;
      }
      let argv: string[];
      try {
        argv = browserCommandArgv(command, check.url);
      } catch (error) {
        throw Object.assign(
          new Error(
            `The browser command "${command}" cannot be used: ${(error as Error).message}.`,
          ),
          { code: 'browser-command' },
        );
      }
      await runDetached(argv);
    },
  };
}
