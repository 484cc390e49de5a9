// The SsoTrayApi implemented over the core, shared by Electron main (behind
// IPC) and the e2e/demo bridge (behind loopback HTTP). Arguments arrive
// already validated (app/shared/api-schema.ts); every failure becomes an
// ApiResult error with a user-facing message, never a thrown stack trace.

import type { ApiError, ApiResult, SsoTrayApi } from '../../shared/api';
import type { SsoTrayCore } from '../core';
import type { PlatformAdapters } from './platform';

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
export const fail = (error: ApiError): ApiResult<never> => ({ ok: false, error });

/** Turns an unexpected exception into a safe message (no stack, no secrets). */
export function unexpected(error: unknown): ApiResult<never> {
  const code = (error as { code?: unknown })?.code;
  return fail({
    code: typeof code === 'string' ? code : 'unexpected',
    message: error instanceof Error ? error.message : 'Something went wrong.',
  });
}

const notYet = (what: string) =>
  Promise.resolve(
    fail({ code: 'not-available', message: `${what} is not available in this build.` }),
  );

export function createApiService(core: SsoTrayCore, platform: PlatformAdapters): SsoTrayApi {
  return {
    getAppInfo: async () => platform.appInfo,
    getSnapshot: async () => core.sessions.snapshot(),
    onSnapshot: (listener) => core.sessions.onSnapshot(listener),

    signIn: () => notYet('Sign-in'),
    cancelSignIn: () => notYet('Sign-in'),
    signOut: () => notYet('Sign-out'),
    reopenSignInPage: () => notYet('Sign-in'),

    previewExport: () => notYet('Export'),
    copyExport: () => notYet('Export'),
    async copyText(text) {
      try {
        await platform.clipboard.writeText(text);
        return ok(null);
      } catch (error) {
        return unexpected(error);
      }
    },
    openConsole: () => notYet('Console'),

    diagnose: () => notYet('Diagnostics'),

    discover: () => notYet('Discovery'),
    planProfiles: () => notYet('Discovery'),
    applyProfilePlan: () => notYet('Discovery'),

    getSettings: async () => platform.settings.get(),
    async updateSettings(patch) {
      try {
        return ok(await platform.settings.update(patch));
      } catch (error) {
        return unexpected(error);
      }
    },
  };
}
