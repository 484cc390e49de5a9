// Everything the window does for the user, over the bridge, in one plain
// module: rows, the details pane, dialogs and views call these, and each
// reports its outcome as a status message. No React, so a fake API tests it.
import {
  EXPORT_SHELLS,
  EXPORT_TARGET_LABELS,
  type ApiError,
  type ApiResult,
  type ApplyPlanResult,
  type ExportPreview,
  type ExportRequest,
  type ExportTarget,
  type ProfilePlan,
  type Settings,
  type SettingsPatch,
  type SsoTrayApi,
} from '../../../app/shared/api';
import type { Snapshot } from '../../../app/shared/model';
import { answered } from '../answers';
import { NOT_WORKING } from '../session-words';
import type { Route } from '../routes';
import type { StatusMessage } from './messages';

export interface WindowActionsHost {
  readonly api: SsoTrayApi;
  report(message: StatusMessage): void;
  snapshot(): Snapshot | null;
  settings(): Settings;
  updateSettings(patch: SettingsPatch): Promise<ApiResult<Settings>>;
  navigate(route: Route): void;
  /** Window state the host owns. */
  openExport(profile: string): void;
  toggleCollapsed(session: string): void;
}

export interface WindowActions {
  signIn(session: string): Promise<boolean>;
  cancelSignIn(session: string): Promise<void>;
  signOut(session: string): Promise<boolean>;
  reopenSignInPage(session: string): Promise<void>;
  /** Copies text main produced for the window (a user code, a fix, the sample lines). */
  copyText(text: string, what: string): Promise<boolean>;
  /** Copies the profile's export in the remembered shell and mode. */
  quickCopy(profile: string): Promise<boolean>;
  copyExport(request: ExportRequest): Promise<boolean>;
  openConsole(profile: string): Promise<boolean>;
  /** Writes the planned profiles to the config file (the view shows a failure itself). */
  applyProfilePlan(plan: ProfilePlan): Promise<ApiResult<ApplyPlanResult>>;
  toggleFavourite(profile: string): Promise<void>;
  toggleMute(session: string): Promise<void>;
  discover(session: string): void;
  diagnose(profile: string | null): void;
  openExport(profile: string): void;
  toggleCollapsed(session: string): void;
  /** Shows an error, with a Sign in button when signing in fixes it. */
  reportError(error: ApiError): void;
}

const isShell = (target: ExportTarget) => (EXPORT_SHELLS as readonly string[]).includes(target);

export function copiedText(request: ExportRequest): string {
  const label = EXPORT_TARGET_LABELS[request.target];
  return isShell(request.target)
    ? `Copied the ${request.mode} export for ${request.profile} (${label}).`
    : `Copied the ${label} lines for ${request.profile}.`;
}

export function createWindowActions(host: WindowActionsHost): WindowActions {
  const { api } = host;
  const labelOf = (session: string) =>
    host.snapshot()?.sessions.find((s) => s.name === session)?.label ?? session;
  const sessionOfProfile = (profile: string) => {
    const snapshot = host.snapshot();
    const name = snapshot?.profiles.find((p) => p.name === profile)?.session;
    return snapshot?.sessions.find((s) => s.name === name) ?? null;
  };
  const signInAction = (session: string) => ({
    label: `Sign in to ${labelOf(session)}`,
    run: () => void actions.signIn(session),
  });

  const reportError = (error: ApiError) =>
    host.report({
      tone: error.code === 'not-available' ? 'info' : 'error',
      text: error.message,
      ...(error.action?.kind === 'sign-in' ? { action: signInAction(error.action.session) } : {}),
    });

  const reportCopy = (request: ExportRequest, preview: ExportPreview) => {
    // Credentials carry an expiry; a profile selection does not.
    const secret = preview.expiresAt !== null;
    const seconds = host.settings().clipboardClearSeconds;
    const note = secret
      ? seconds > 0
        ? `Cleared from the clipboard in ${seconds} s.`
        : 'Stays on the clipboard until you copy something else.'
      : undefined;
    const session = sessionOfProfile(request.profile);
    const problem = session ? NOT_WORKING[session.state] : undefined;
    host.report({
      tone: problem ? 'info' : 'success',
      text: problem
        ? `${copiedText(request)} ${session!.label} ${problem}: sign in before using it.`
        : copiedText(request),
      preview: preview.maskedText,
      ...(note ? { note } : {}),
      ...(problem ? { action: signInAction(session!.name) } : {}),
    });
  };

  const actions: WindowActions = {
    async signIn(session) {
      host.report({ tone: 'info', text: `Signing in to ${labelOf(session)}…` });
      const result = await answered(api.signIn(session));
      if (result.ok) host.report({ tone: 'success', text: `Signed in to ${labelOf(session)}.` });
      else if (result.error.code === 'cancelled') {
        host.report({ tone: 'info', text: `Sign-in to ${labelOf(session)} cancelled.` });
      } else reportError(result.error);
      return result.ok;
    },
    async cancelSignIn(session) {
      const result = await answered(api.cancelSignIn(session));
      if (!result.ok) reportError(result.error);
    },
    async signOut(session) {
      const result = await answered(api.signOut(session));
      if (result.ok) host.report({ tone: 'success', text: `Signed out of ${labelOf(session)}.` });
      else reportError(result.error);
      return result.ok;
    },
    async reopenSignInPage(session) {
      const result = await answered(api.reopenSignInPage(session));
      if (!result.ok) reportError(result.error);
    },
    async copyText(text, what) {
      const result = await answered(api.copyText(text));
      if (result.ok) host.report({ tone: 'success', text: `Copied ${what}.` });
      else reportError(result.error);
      return result.ok;
    },
    quickCopy(profile) {
      const { defaultShell, defaultExportMode } = host.settings();
      return actions.copyExport({ profile, target: defaultShell, mode: defaultExportMode });
    },
    async copyExport(request) {
      const result = await answered(api.copyExport(request));
      if (result.ok) reportCopy(request, result.value);
      else reportError(result.error);
      return result.ok;
    },
    async openConsole(profile) {
      const result = await answered(api.openConsole(profile));
      if (result.ok) {
        host.report({ tone: 'success', text: `Opened the AWS console for ${profile}.` });
      } else reportError(result.error);
      return result.ok;
    },
    async applyProfilePlan(plan) {
      const result = await answered(api.applyProfilePlan(plan));
      if (result.ok) {
        const { added, removed, backupFile } = result.value;
        host.report({
          tone: 'success',
          text: `Added ${added} and removed ${removed} profiles. Backup: ${backupFile}`,
        });
      }
      return result;
    },
    async toggleFavourite(profile) {
      const { favourites } = host.settings();
      const next = favourites.includes(profile)
        ? favourites.filter((n) => n !== profile)
        : [...favourites, profile];
      const result = await host.updateSettings({ favourites: next });
      if (!result.ok) reportError(result.error);
    },
    async toggleMute(session) {
      const { mutedSessions } = host.settings();
      const muting = !mutedSessions.includes(session);
      const result = await host.updateSettings({
        mutedSessions: muting
          ? [...mutedSessions, session]
          : mutedSessions.filter((n) => n !== session),
      });
      if (!result.ok) reportError(result.error);
      else {
        host.report({
          tone: 'success',
          text: `Notifications for ${labelOf(session)} ${muting ? 'muted' : 'on'}.`,
        });
      }
    },
    discover: (session) => host.navigate({ view: 'discover', session }),
    diagnose: (profile) => host.navigate({ view: 'diagnostics', profile }),
    openExport: (profile) => host.openExport(profile),
    toggleCollapsed: (session) => host.toggleCollapsed(session),
    reportError,
  };
  return actions;
}
