// What the API needs from the platform it runs on (Electron main, or the e2e
// bridge): small interfaces, so the same API code runs in both.
import type { AppInfo, Settings, SettingsPatch } from '../../shared/api';
import type { BrowserSetting } from '../browsers/browser-choice';

export interface Clipboard {
  /** `secret`: the text holds credentials (main may clear it later). */
  writeText(text: string, options?: { secret?: boolean }): void | Promise<void>;
}

export interface UrlOpener {
  /** Opens an https URL the app built (sign-in or console) in the user's browser. */
  openUrl(url: string): Promise<void>;
}

export interface SettingsStore {
  get(): Settings;
  /** Validates, merges, persists atomically and returns the new settings. */
  update(patch: SettingsPatch): Promise<Settings>;
}

/** The browser choice: kept by main, changed only through the platform's own picker. */
export interface BrowserSettings {
  current(): BrowserSetting;
  /** Shows the picker; resolves with the new setting once stored, or null when the user cancelled. */
  choose(): Promise<BrowserSetting | null>;
}

export interface PlatformAdapters {
  readonly clipboard: Clipboard;
  readonly opener: UrlOpener;
  readonly settings: SettingsStore;
  readonly browser: BrowserSettings;
  readonly appInfo: AppInfo;
}
