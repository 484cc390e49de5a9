// The window's API (SsoTrayApi) over the core, shared by Electron main (behind
// IPC) and the web bridge (behind loopback HTTP). Arguments arrive already
// validated (app/shared/api-schema.ts); every failure becomes an ApiResult
// error with a user-facing message. Secrets stay here: the window gets masked
// previews; full credential snippets go straight to the clipboard.

import type { ApiError, SsoTrayApi } from '../../shared/api';
import type { Core } from '../core';
import type { PlatformAdapters } from './platform';
import { categoryOf } from '../errors/error-table';
import { attempt, fail, ok, toApiError } from './results';

export interface WindowApiOptions {
  /** Where the doctor looks for a Pulumi project; default the process's working directory. */
  readonly cwd?: () => string;
  /** argv that runs the sso-tray CLI, for credential_process snippets. */
  readonly ssoTrayCommand?: readonly string[];
}

const NOT_SIGNING_IN = 'not-signing-in';

/** A failed sign-in that only another sign-in fixes offers one. */
function withSignInAction(error: ApiError, session: string): ApiError {
  const again =
    categoryOf(error.code) === 'needs-sign-in' || error.code === 'registration-rejected';
  return again ? { ...error, action: { kind: 'sign-in', session } } : error;
}

export function createWindowApi(
  core: Core,
  platform: PlatformAdapters,
  options: WindowApiOptions = {},
): SsoTrayApi {
  const cwd = options.cwd ?? (() => process.cwd());
  return {
    getAppInfo: async () => platform.appInfo,
    getSnapshot: async () => core.snapshot(),
    onSnapshot: (listener) => core.onSnapshot(listener),

    async signIn(session, signInOptions) {
      const outcome = await core.signIn(session, { flow: signInOptions?.flow });
      if (outcome.ok) return ok({ expiresAt: new Date(outcome.expiresAt).toISOString() });
      return fail(withSignInAction(toApiError(outcome.error), outcome.session ?? session));
    },
    async cancelSignIn(session) {
      if (core.cancelSignIn(session)) return ok(null);
      return fail({ code: NOT_SIGNING_IN, message: `No sign-in of ${session} is running.` });
    },
    signOut: (session) =>
      attempt(async () => {
        await core.signOut(session);
        return null;
      }),
    reopenSignInPage: (session) =>
      attempt(async () => {
        if (await core.reopenSignInPage(session)) return null;
        throw Object.assign(new Error(`No sign-in of ${session} is waiting for the browser.`), {
          code: NOT_SIGNING_IN,
        });
      }),

    previewExport: (request) =>
      attempt(
        async () =>
          (await core.prepareExport(request, { ssoTrayCommand: options.ssoTrayCommand })).preview,
      ),
    copyExport: (request) =>
      attempt(async () => {
        const { snippet, preview } = await core.prepareExport(request, {
          ssoTrayCommand: options.ssoTrayCommand,
        });
        await platform.clipboard.writeText(snippet.text, { secret: snippet.secrets.length > 0 });
        return preview;
      }),
    copyText: (text) =>
      attempt(async () => {
        await platform.clipboard.writeText(text);
        return null;
      }),
    openConsole: (profile) =>
      attempt(async () => {
        // The portal's shortcut link: no credentials leave the machine.
        const { url } = await core.consoleLink(profile);
        await core.openUrl(url);
        return null;
      }),
    diagnose: (profile) => attempt(() => core.diagnose({ profile: profile ?? null, cwd: cwd() })),

    discover: (session) => attempt(() => core.discover(session)),
    planProfiles: (request) => attempt(() => core.planProfiles(request)),
    applyProfilePlan: (plan) => attempt(() => core.applyProfilePlan(plan)),

    getSettings: async () => core.settings.get(),
    updateSettings: (patch) => attempt(() => core.settings.update(patch)),
  };
}
