// What the window API needs from the platform it runs on (Electron main, or
// the web bridge): small interfaces, so the same API code runs in both.
import type { AppInfo } from '../../shared/api';
import type { BrowserSetting, SessionRef } from '../browser/browser-choice';

export interface Clipboard {
  /** `secret`: the text holds credentials (main may clear it later). */
  writeText(text: string, options?: { secret?: boolean }): void | Promise<void>;
}

/** The browser choice: kept in the settings file, changed only through the platform's own picker. */
export interface BrowserSettings {
  /** In effect: for `session`, its own choice, else the default. */
  current(session?: string): BrowserSetting;
  /** Whether `session` has a browser of its own. */
  hasOwn(session: string): boolean;
  /**
   * Shows the picker (for one session, when given); resolves with the setting
   * in effect once stored, or null when the user cancelled.
   */
  choose(session?: SessionRef): Promise<BrowserSetting | null>;
}

export interface PlatformAdapters {
  readonly clipboard: Clipboard;
  readonly browser: BrowserSettings;
  readonly appInfo: AppInfo;
}
