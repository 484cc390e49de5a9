// API group: the browser sign-in pages open in. The window sees a label and
// may ask main to show its picker; it never sends a program or a command.
import type { SsoTrayApi } from '../../shared/api';
import { browserLabel, type BrowserSetting } from '../browsers/browser-choice';
import type { PlatformAdapters } from './platform';
import { ok, unexpected } from './results';

export type BrowserApi = Pick<SsoTrayApi, 'getBrowser' | 'chooseBrowser'>;

const summary = (setting: BrowserSetting) => ({
  kind: setting.kind,
  label: browserLabel(setting),
});

export function createBrowserApi(platform: PlatformAdapters): BrowserApi {
  return {
    getBrowser: async () => summary(platform.browser.current()),
    async chooseBrowser() {
      try {
        const chosen = await platform.browser.choose();
        return ok(chosen === null ? null : summary(chosen));
      } catch (error) {
        return unexpected(error);
      }
    },
  };
}
