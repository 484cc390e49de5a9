// The SsoTrayApi implemented over the core, shared by Electron main (behind
// IPC) and the e2e/demo bridge (behind loopback HTTP). Arguments arrive
// already validated (app/shared/api-schema.ts); every failure becomes an
// ApiResult error with a user-facing message, never a thrown stack trace.
// Each feature's methods live in their own group module.

import type { SsoTrayApi } from '../../shared/api';
import type { SsoTrayCore } from '../core';
import { createDiscoveryApi } from './discovery-api';
import { createExportApi } from './export-api';
import type { PlatformAdapters } from './platform';
import { ok, unexpected } from './results';
import { createSignInApi } from './sign-in-api';

export function createApiService(core: SsoTrayCore, platform: PlatformAdapters): SsoTrayApi {
  return {
    getAppInfo: async () => platform.appInfo,
    getSnapshot: async () => core.sessions.snapshot(),
    onSnapshot: (listener) => core.sessions.onSnapshot(listener),
    async copyText(text) {
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
    ...createExportApi(core, platform),
    ...createDiscoveryApi(core, platform),
  };
}
