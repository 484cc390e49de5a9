// What the window API needs from the platform it runs on (Electron main, or
// the web bridge): small interfaces, so the same API code runs in both.
import type { AppInfo } from '../../shared/api';

export interface Clipboard {
  /** `secret`: the text holds credentials (main may clear it later). */
  writeText(text: string, options?: { secret?: boolean }): void | Promise<void>;
}

export interface PlatformAdapters {
  readonly clipboard: Clipboard;
  readonly appInfo: AppInfo;
}
