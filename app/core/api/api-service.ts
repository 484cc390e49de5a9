// The SsoTrayApi implemented over the core, shared by Electron main (behind
// IPC) and the e2e/demo bridge (behind loopback HTTP). Arguments arrive
// already validated (app/shared/api-schema.ts); every failure becomes an
// ApiResult error with a user-facing message, never a thrown stack trace.
// Each feature's methods live in their own group module.

import type { SsoTrayApi } from '../../shared/api';
import type { SsoTrayCore } from '../core';
import { createBrowserApi } from './browser-api';
import { CopyableTexts } from './copyable-texts';
import { createDiscoveryApi } from './discovery-api';
import { createExportApi } from './export-api';
import type { PlatformAdapters } from './platform';
import { fail, ok, unexpected } from './results';
import { createSignInApi } from './sign-in-api';

export function createApiService(core: SsoTrayCore, platform: PlatformAdapters): SsoTrayApi {
  const copyable = new CopyableTexts(() => core.sessions.snapshot());
  const exportApi = createExportApi(core, platform);
  return {
    getAppInfo: async () => platform.appInfo,
    getSnapshot: async () => core.sessions.snapshot(),
    onSnapshot: (listener) => core.sessions.onSnapshot(listener),
    async copyText(text) {
      if (!copyable.allows(text)) {
        return fail({
          code: 'copy-refused',
          message:
            'SSO Tray copies only text it showed you: a sign-in code, a suggested fix or the sample lines. Nothing was copied.',
        });
      }
      try {
        await platform.clipboard.writeText(text);
        return ok(null);
      } catch (error) {
        return unexpected(error);
      }
    },
    getSettings: async () => platform.settings.get(),
    async updateSettings(patch) {
      try {
        return ok(await platform.settings.update(patch));
      } catch (error) {
        return unexpected(error);
      }
    },
    ...createSignInApi(core, platform),
    ...exportApi,
    async diagnose(profile) {
      const result = await exportApi.diagnose(profile);
      // Its fixes may now be copied.
      if (result.ok) copyable.rememberReport(result.value);
      return result;
    },
    ...createDiscoveryApi(core, platform),
    ...createBrowserApi(platform),
  };
}
