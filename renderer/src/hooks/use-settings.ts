// The app's settings: read once, changed only through updateSettings, which
// validates and answers with the settings as stored. The browser (the default
// one, or a session's own) is shown here but chosen in main's own dialog
// (chooseBrowser).
import { useCallback, useEffect, useState } from 'react';
import {
  DEFAULT_SETTINGS,
  type ApiResult,
  type BrowserSummary,
  type Settings,
  type SettingsPatch,
  type SsoTrayApi,
} from '../../../app/shared/api';

export interface SettingsState {
  readonly settings: Settings;
  readonly loaded: boolean;
  update(patch: SettingsPatch): Promise<ApiResult<Settings>>;
  /** The browser sign-in pages open in; null until known. */
  readonly browser: BrowserSummary | null;
  /** Main shows its picker (for one session, when named); the window never names a program. */
  chooseBrowser(session?: string): Promise<ApiResult<BrowserSummary | null>>;
  /** The browser a session's pages open in (its own, or the default). */
  sessionBrowser(session: string): Promise<BrowserSummary>;
}

export function useSettings(api: SsoTrayApi): SettingsState {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [loaded, setLoaded] = useState(false);
  const [browser, setBrowser] = useState<BrowserSummary | null>(null);

  useEffect(() => {
    let closed = false;
    const load = () =>
      Promise.all([
        api.getSettings().then(
          (value) => {
            if (closed) return;
            setSettings(value);
            setLoaded(true);
          },
          // Defaults stay in place: the window still works.
          () => !closed && setLoaded(true),
        ),
        api.getBrowser().then(
          (value) => !closed && setBrowser(value),
          () => undefined,
        ),
      ]);
    // The tray menu changes settings too (launch at login, muting): re-read on return.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load();
    };
    void load();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      closed = true;
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [api]);

  const update = useCallback(
    async (patch: SettingsPatch) => {
      // Show the change at once; the stored value (or the old one) follows.
      setSettings((current) => ({ ...current, ...patch }));
      const result = await api.updateSettings(patch);
      if (result.ok) setSettings(result.value);
      else setSettings(await api.getSettings().catch(() => DEFAULT_SETTINGS));
      return result;
    },
    [api],
  );

  const chooseBrowser = useCallback(
    async (session?: string) => {
      const result = await api.chooseBrowser(session);
      if (session === undefined && result.ok && result.value) setBrowser(result.value);
      return result;
    },
    [api],
  );

  const sessionBrowser = useCallback((session: string) => api.getBrowser(session), [api]);

  return { settings, loaded, update, browser, chooseBrowser, sessionBrowser };
}
