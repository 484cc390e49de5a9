// Opening a console link from the CLI: $BROWSER when set (the usual convention
// for terminals), else the platform's own opener. The app uses Electron's shell
// through the PlatformAdapters instead.

import {
  commandOpener,
  systemBrowserOpener,
  type BrowserOpener,
  type SpawnFunction,
} from '../auth/browser-opener';

export type OpenUrl = (url: string) => Promise<void>;

export function cliUrlOpener(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
  spawn?: SpawnFunction,
): OpenUrl {
  // $BROWSER may list several commands separated by the path separator; the first is used.
  const browser = env.BROWSER?.split(platform === 'win32' ? ';' : ':')[0]?.trim();
  const opener: BrowserOpener = browser
    ? commandOpener(browser.replaceAll('%s', '{url}'), spawn)
    : systemBrowserOpener(platform, spawn);
  // The opener only reads `url`; the other fields describe sign-ins.
  return (url) => opener({ session: '', flow: 'pkce', url });
}
