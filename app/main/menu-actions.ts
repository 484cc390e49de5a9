// What the tray menu and the notifications do when clicked: calls into the
// same API the window uses, plus the few things only main can do (show the
// window, quit). Failures become a notification with the API's message.

import type { ApiResult, SsoTrayApi } from '../shared/api';
import type { MenuAction } from './tray-menu';
import type { NoticeAction } from './notification-plan';
import type { WindowView } from './window';

export interface ActionDeps {
  readonly api: SsoTrayApi;
  readonly showWindow: (view: WindowView) => void;
  readonly quit: () => void;
  /** A short message to the user (an OS notification). */
  readonly tell: (title: string, body: string, options?: { silent?: boolean }) => void;
}

export type AppAction = MenuAction | NoticeAction;

async function report<T>(
  deps: ActionDeps,
  what: string,
  result: Promise<ApiResult<T>>,
): Promise<ApiResult<T> | null> {
  try {
    const outcome = await result;
    if (!outcome.ok) deps.tell(what, outcome.error.message);
    return outcome;
  } catch (error) {
    deps.tell(what, error instanceof Error ? error.message : 'Something went wrong.');
    return null;
  }
}

export async function performAction(action: AppAction, deps: ActionDeps): Promise<void> {
  const { api } = deps;
  switch (action.kind) {
    case 'sign-in':
      // Progress shows in the tray (snapshot); the outcome, failure included, arrives
      // as the core's event and becomes one notice there (never a second one here).
      await api.signIn(action.session);
      return;
    case 'cancel-sign-in':
      await report(deps, 'Could not cancel the sign-in', api.cancelSignIn(action.session));
      return;
    case 'reopen-sign-in-page':
      await report(deps, 'Could not open the sign-in page', api.reopenSignInPage(action.session));
      return;
    case 'sign-out':
      await report(deps, `Could not sign out of ${action.session}`, api.signOut(action.session));
      return;
    case 'copy-export': {
      const outcome = await report(
        deps,
        `Could not copy for ${action.profile}`,
        api.copyExport({ profile: action.profile, target: action.target, mode: action.mode }),
      );
      // The preview is masked: safe to show.
      if (outcome?.ok)
        deps.tell('Copied to the clipboard', outcome.value.maskedText, { silent: true });
      return;
    }
    case 'copy-text':
      await report(deps, 'Could not copy', api.copyText(action.text));
      return;
    case 'open-console':
      await report(
        deps,
        `Could not open the console for ${action.profile}`,
        api.openConsole(action.profile),
      );
      return;
    case 'open-window':
      deps.showWindow('main');
      return;
    case 'open-preferences':
      deps.showWindow('preferences');
      return;
    case 'set-launch-at-login':
      await report(
        deps,
        'Could not change "Launch at login"',
        api.updateSettings({ launchAtLogin: action.enabled }),
      );
      return;
    case 'quit':
      deps.quit();
      return;
  }
}
