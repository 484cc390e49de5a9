// The Clipboard adapter for the API: copying happens here in main, so a
// credentials snippet never passes through the window. When the user asked
// for it, a secret is cleared after N seconds, but only if the clipboard still
// holds exactly what we put there (never wipe something the user copied since).

import type { Clipboard as ElectronClipboard } from 'electron';
import type { Clipboard } from '../core';
import type { Clock, TimerHandle } from '../core';

export function createClipboardAdapter(deps: {
  readonly clipboard: Pick<ElectronClipboard, 'writeText' | 'readText' | 'clear'>;
  readonly clock: Clock;
  /** The current setting (0 = never clear). */
  readonly clearAfterSeconds: () => number;
}): Clipboard & { cancelPendingClear(): void } {
  let pending: TimerHandle | null = null;
  const cancelPendingClear = () => {
    pending?.cancel();
    pending = null;
  };
  return {
    async writeText(text, options) {
      cancelPendingClear();
      await deps.clipboard.writeText(text);
      const seconds = deps.clearAfterSeconds();
      if (!options?.secret || seconds <= 0) return;
      const timer = deps.clock.setTimer(seconds * 1000, () => {
        if (pending === timer) pending = null;
        void deps.clipboard.readText().then((current) => {
          // A newer copy (ours or the user's) is left alone.
          if (current === text) deps.clipboard.clear();
        });
      });
      pending = timer;
    },
    cancelPendingClear,
  };
}
