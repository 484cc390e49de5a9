// Watches directories (not files: editors and the AWS tools replace files by
// rename, which silently ends a watch on the old inode). Handles directories
// that do not exist yet, are created later, or are deleted and re-created, by
// also watching the parent (or the nearest existing ancestor).
//
// Why fs.watch rather than chokidar: we watch at most three directories, non
// recursively; fs.watch on a directory is event-driven on Linux (inotify),
// macOS (FSEvents/kqueue) and Windows (ReadDirectoryChangesW), and needs no
// dependency. Polling is never used.

import { statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { systemClock, type TimerHandle } from '../clock';

export interface DirectoryChange {
  readonly dir: string;
  /** The file that changed, or null when anything in `dir` may have changed. */
  readonly file: string | null;
}

export interface DirectoryWatcher {
  close(): void;
}

const REARM_DELAY_MS = 100;

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function nearestExistingAncestor(dir: string): string | null {
  let current = path.dirname(dir);
  for (;;) {
    if (isDirectory(current)) return current;
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

function tryWatch(
  dir: string,
  onEvent: (file: string | null) => void,
  onError: () => void,
): FSWatcher | null {
  try {
    const watcher = watch(dir, { persistent: true }, (_event, filename) =>
      onEvent(filename ? String(filename) : null),
    );
    watcher.on('error', onError);
    return watcher;
  } catch {
    return null;
  }
}

export function watchDirectories(
  dirs: readonly string[],
  onChange: (change: DirectoryChange) => void,
): DirectoryWatcher {
  const unique = [...new Set(dirs.map((d) => path.resolve(d)))];
  const closers = unique.map((dir) => watchOne(dir, onChange));
  return { close: () => closers.forEach((close) => close()) };
}

function watchOne(dir: string, onChange: (change: DirectoryChange) => void): () => void {
  let closed = false;
  let own: FSWatcher | null = null;
  let guard: FSWatcher | null = null;
  let rearmTimer: TimerHandle | null = null;
  let existed = isDirectory(dir);

  const stop = () => {
    own?.close();
    guard?.close();
    own = null;
    guard = null;
  };

  const scheduleRearm = () => {
    if (closed || rearmTimer) return;
    // File events arrive in real time: this pause runs on the real clock, in the background.
    rearmTimer = systemClock.setTimer(
      REARM_DELAY_MS,
      () => {
        rearmTimer = null;
        arm();
      },
      { background: true },
    );
  };

  const checkExistence = () => {
    const exists = isDirectory(dir);
    if (exists !== existed) {
      existed = exists;
      arm();
      onChange({ dir, file: null });
    } else if (!exists || !own) {
      // Missing: a deeper ancestor may exist now, so move the guard down.
      arm();
    }
  };

  const arm = () => {
    stop();
    if (closed) return;
    if (isDirectory(dir)) {
      own = tryWatch(
        dir,
        (file) => {
          // A directory deleted under us stops reporting; the guard notices.
          onChange({ dir, file });
        },
        () => {
          stop();
          checkExistence();
          scheduleRearm();
        },
      );
      if (!own) scheduleRearm();
    }
    const parent = existed ? path.dirname(dir) : nearestExistingAncestor(dir);
    if (parent && parent !== dir) {
      guard = tryWatch(
        parent,
        () => checkExistence(),
        () => scheduleRearm(),
      );
    }
  };

  arm();
  return () => {
    closed = true;
    if (rearmTimer) rearmTimer.cancel();
    stop();
  };
}
