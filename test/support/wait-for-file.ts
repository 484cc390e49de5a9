// Waits (on file-system events, not a sleep loop) until `read` succeeds with
// non-empty text: for files a spawned child process writes. No deadline of its
// own: the test's timeout bounds the wait, so a slow child start is not a failure.
import { readFileSync, watch } from 'node:fs';
import path from 'node:path';

export function waitForFile(file: string): Promise<string> {
  const attempt = () => {
    try {
      const text = readFileSync(file, 'utf8');
      return text === '' ? null : text;
    } catch {
      return null;
    }
  };
  return new Promise((resolve) => {
    const done = attempt();
    if (done !== null) return resolve(done);
    const watcher = watch(path.dirname(file), () => {
      const text = attempt();
      if (text !== null) finish(text);
    });
    const finish = (text: string) => {
      watcher.close();
      resolve(text);
    };
    // The file may have appeared between the first attempt and the watch.
    const late = attempt();
    if (late !== null) finish(late);
  });
}
