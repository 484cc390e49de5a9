// The window's actions (window-actions.ts), for every component that acts.
import { createContext, use } from 'react';
import type { WindowActions } from './window-actions';

export const ActionsContext = createContext<WindowActions | null>(null);

export function useActions(): WindowActions {
  const actions = use(ActionsContext);
  if (!actions) throw new Error('ActionsContext is missing');
  return actions;
}
