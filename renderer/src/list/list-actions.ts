// What a row can ask for. The App implements these over the bridge, so rows
// stay presentational.
import { createContext, use } from 'react';

export interface ListActions {
  signIn(session: string): void;
  cancelSignIn(session: string): void;
  signOut(session: string): void;
  reopenSignInPage(session: string): void;
  copyText(text: string, what: string): void;
  discover(session: string): void;
  toggleCollapsed(session: string): void;
  /** Copies the export snippet in the remembered shell and mode. */
  quickCopy(profile: string): void;
  openExport(profile: string): void;
  openConsole(profile: string): void;
  diagnose(profile: string): void;
  toggleFavourite(profile: string): void;
}

export const ListActionsContext = createContext<ListActions | null>(null);

export function useListActions(): ListActions {
  const actions = use(ListActionsContext);
  if (!actions) throw new Error('ListActionsContext is missing');
  return actions;
}
