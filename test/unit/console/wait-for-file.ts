// Waits (on file-system events, not a sleep loop) until `read` succeeds with
// non-empty text: for files a spawned child process writes.
import { readFileSync, watch } from 'node:fs';
import path from 'node:path';

export function waitForFile(file: string, timeoutMs = 5_000): Promise<string> {
  const attempt = () => {
    try {
      const text = readFileSync(file, 'utf8');
      return text === '' ? null : text;
    } catch {
      return null;
    }
  };
  return new Promise((resolve, reject) => {
    const done = attempt();
    if (done !== null) return resolve(done);
    const watcher = watch(path.dirname(file), () => {
      const text = attempt();
      if (text !== null) finish(() => resolve(text));
    });
    const timer = setTimeout(
      () => finish(() => reject(new Error(`${file} was not written within ${timeoutMs} ms`))),
      timeoutMs,
    );
    const finish = (then: () => void) => {
      clearTimeout(timer);
      watcher.close();
      then();
    };
    // The file may have appeared between the first attempt and the watch.
    const late = attempt();
    if (late !== null) finish(() => resolve(late));
  });
}
