// The window's API (SsoTrayApi) over the core, shared by Electron main (behind
// IPC) and the web bridge (behind loopback HTTP). Arguments arrive already
// validated (app/shared/api-schema.ts); every failure becomes an ApiResult
// error with a user-facing message. Secrets stay here: the window gets masked
// previews; full credential snippets go straight to the clipboard. The window
// is untrusted: it copies only text main produced, applies only plans main
// made, and never names a program (the browser is chosen in main's picker).

import type { ApiError, BrowserSummary, SsoTrayApi } from '../../shared/api';
import { browserLabel, type BrowserSetting } from '../browser/browser-choice';
import type { Core } from '../core';
import { categoryOf } from '../errors/error-table';
import { CopyableTexts } from './copyable-texts';
import { IssuedPlans } from './issued-plans';
import type { PlatformAdapters } from './platform';
import { attempt, fail, ok, toApiError } from './results';

export interface WindowApiOptions {
  /** Where the doctor looks for a Pulumi project; default the process's working directory. */
  readonly cwd?: () => string;
  /** argv that runs the sso-tray CLI, for credential_process snippets. */
  readonly ssoTrayCommand?: readonly string[];
}

const NOT_SIGNING_IN = 'not-signing-in';

const browserSummary = (setting: BrowserSetting, usesDefault?: boolean): BrowserSummary => ({
  kind: setting.kind,
  label: browserLabel(setting),
  ...(usesDefault === undefined ? {} : { usesDefault }),
});

const refused = (code: string, message: string) => Object.assign(new Error(message), { code });

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
  const copyable = new CopyableTexts(() => core.snapshot());
  const issuedPlans = new IssuedPlans();
  const knownSession = (name: string) => {
    const view = core.snapshot().sessions.find((s) => s.name === name);
    if (!view)
      throw refused('unknown-session', `No session named "${name}" in the AWS config file.`);
    return { name: view.name, label: view.label };
  };
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
        if (!copyable.allows(text)) {
          throw refused(
            'copy-refused',
            'SSO Tray copies only text it showed you: a sign-in code, a suggested fix or the sample lines. Nothing was copied.',
          );
        }
        await platform.clipboard.writeText(text);
        return null;
      }),
    openConsole: (profile) =>
      attempt(async () => {
        // The portal's shortcut link: no credentials leave the machine.
        const { url } = await core.consoleLink(profile);
        // In the browser chosen for the profile's session, if it has one.
        await core.openUrl(url, { for: profile });
        return null;
      }),
    diagnose: (profile) =>
      attempt(async () => {
        const report = await core.diagnose({ profile: profile ?? null, cwd: cwd() });
        // Its fixes may now be copied.
        copyable.rememberReport(report);
        return report;
      }),

    discover: (session) => attempt(() => core.discover(session)),
    planProfiles: (request) =>
      attempt(async () => issuedPlans.remember(await core.planProfiles(request))),
    applyProfilePlan: (plan) =>
      attempt(async () => {
        // Only a plan main made, exactly as made; it is then checked against the file again.
        if (!issuedPlans.has(plan)) {
          throw refused(
            'unknown-plan',
            'SSO Tray did not prepare this change (or it was already applied); nothing was written. Preview the profiles again.',
          );
        }
        const result = await core.applyProfilePlan(plan);
        issuedPlans.forget(plan);
        return result;
      }),

    getBrowser: async (session) => {
      if (session === undefined) return browserSummary(platform.browser.current());
      return browserSummary(platform.browser.current(session), !platform.browser.hasOwn(session));
    },
    chooseBrowser: (session) =>
      attempt(async () => {
        // Only a session in the config gets a choice of its own, never a name the window made up.
        const target = session === undefined ? undefined : knownSession(session);
        const chosen = await platform.browser.choose(target);
        if (chosen === null) return null;
        return target
          ? browserSummary(chosen, !platform.browser.hasOwn(target.name))
          : browserSummary(chosen);
      }),

    getBroker: async () => core.brokerSummary(),

    getSettings: async () => core.settings.get(),
    updateSettings: (patch) => attempt(() => core.settings.update(patch)),
  };
}
