// API group: sign-in, sign-out (issue 3). Sign-in pages open through the
// platform's URL opener (policy check, then the browser the user chose in
// main's picker, or the system browser).
import type { SsoTrayApi } from '../../shared/api';
import { AuthError } from '../auth/auth-error';
import { urlOpener } from '../auth/browser-opener';
import type { SsoTrayCore } from '../core';
import type { PlatformAdapters } from './platform';
import { fail, ok, unexpected } from './results';

export type SignInApi = Pick<
  SsoTrayApi,
  'signIn' | 'cancelSignIn' | 'signOut' | 'reopenSignInPage'
>;

const NEEDS_SIGN_IN = new Set(['session-ended', 'registration-rejected', 'device-code-expired']);

function authFailure(error: unknown, session: string) {
  if (!(error instanceof AuthError)) return unexpected(error);
  return fail({
    code: error.code,
    message: error.message,
    ...(NEEDS_SIGN_IN.has(error.code) ? { action: { kind: 'sign-in' as const, session } } : {}),
  });
}

export function createSignInApi(core: SsoTrayCore, platform: PlatformAdapters): SignInApi {
  // The platform opener checks every URL against the URL policy and then runs
  // the browser the user chose (or the system browser), so a page the server
  // names never reaches a command unchecked.
  const opener = () => urlOpener((url) => platform.opener.openUrl(url));
  return {
    async signIn(session, options) {
      const outcome = await core.signIn.signIn(session, {
        flow: options?.flow ?? platform.settings.get().signInFlow,
        opener: opener(),
      });
      if (outcome.ok) return ok({ expiresAt: new Date(outcome.expiresAt).toISOString() });
      return authFailure(outcome.error, outcome.session ?? session);
    },
    async cancelSignIn(session) {
      if (core.signIn.cancel(session)) return ok(null);
      return fail({ code: 'not-signing-in', message: `No sign-in of ${session} is running.` });
    },
    async signOut(session) {
      try {
        await core.signIn.signOut(session);
        return ok(null);
      } catch (error) {
        return authFailure(error, session);
      }
    },
    async reopenSignInPage(session) {
      try {
        if (await core.signIn.reopen(session)) return ok(null);
        return fail({
          code: 'not-signing-in',
          message: `No sign-in of ${session} is waiting for the browser.`,
        });
      } catch (error) {
        return authFailure(error, session);
      }
    },
  };
}
