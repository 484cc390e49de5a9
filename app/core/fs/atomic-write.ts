// Atomic, private file writes: a temp file in the same directory, fsync, then
// rename over the target, so a reader (or a crash) sees the old file or the new
// one, never a torn one. Mode 0600 for files, 0700 for directories we create.

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { errnoCode } from './errno';

export async function ensurePrivateDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
}

export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: { mode?: number } = {},
): Promise<void> {
  const mode = options.mode ?? 0o600;
  const dir = path.dirname(file);
  const temp = path.join(
    dir,
    `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const handle = await fs.open(temp, 'wx', mode);
  try {
    await handle.writeFile(data);
    // The umask may have narrowed the mode on create; make it exact.
    await handle.chmod(mode);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await removeStaleTemps(dir, path.basename(file));
}

/** No write takes this long: a temp file this old was left by a killed process. */
export const STALE_TEMP_MS = 10 * 60_000;

/**
 * Whether the process that wrote a temp file no longer runs. A broker killed
 * mid-sign-in and started again writes the token seconds later: waiting for the
 * age rule would leave a full copy of a token next to it for hours. (A writer
 * in another pid namespace or on another machine sharing the folder can look
 * gone; at worst its rename fails and it reports a failed write.)
 */
function writerGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it runs, as another user.
    return errnoCode(error) === 'ESRCH';
  }
}

/**
 * Best effort: deletes temp files of earlier writes to the same target that a
 * killed process left behind (a kill between open and rename). Only
 * our own pattern `.<name>.<pid>.<hex>.tmp`, only when old or its writer is gone.
 */
async function removeStaleTemps(dir: string, base: string): Promise<void> {
  const prefix = `.${base}.`;
  try {
    const now = Date.now();
    for (const entry of await fs.readdir(dir)) {
      const pattern = /\.(\d+)\.[0-9a-f]{12}\.tmp$/.exec(entry);
      if (!entry.startsWith(prefix) || !pattern) continue;
      const stale = path.join(dir, entry);
      const stat = await fs.stat(stale).catch(() => null);
      if (!stat) continue;
      if (now - stat.mtimeMs > STALE_TEMP_MS || writerGone(Number(pattern[1]))) {
        await fs.rm(stale, { force: true });
      }
    }
  } catch {
    // Cleaning up is never worth failing a write that succeeded.
  }
}
