// Making a folder read-only or full while the app runs. The tests run as root
// here, and root ignores file modes, so the real conditions come from a small
// tmpfs mounted over the folder's parent: `mount -o remount,ro` gives EROFS,
// and a filler file gives ENOSPC. Where mounting is not allowed (not root, or
// no CAP_SYS_ADMIN as in an unprivileged container), the test process's own
// file size limit is lowered to 0 instead (prlimit, SIGXFSZ ignored), so every
// write of a byte fails with EFBIG: a disk that refuses writes, if not the
// same errno (file modes would not stop root).
// Each fault says which one it used, and the tests print it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface DiskFault {
  /** What was really done, for the report (EROFS, ENOSPC or EFBIG). */
  readonly how: string;
  /** Undoes the fault: the condition clears. */
  clear(): void;
}

let mountable: boolean | null = null;

/** Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN). */
export function canMountTmpfs(): boolean {
  if (mountable !== null) return mountable;
  // RELIABILITY_NO_MOUNT=1 exercises the fallbacks on a machine that could mount.
  if (process.env.RELIABILITY_NO_MOUNT === '1') return (mountable = false);
  const probe = mkdtempSync(path.join(tmpdir(), 'sso-tray-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    mountable = true;
  } catch {
    mountable = false;
  }
  rmSync(probe, { recursive: true, force: true });
  return mountable;
}

/** A small tmpfs at `dir` (created if needed), when allowed; returns the unmount. */
export function mountSmallDisk(dir: string, sizeKb: number): (() => void) | null {
  if (!canMountTmpfs()) return null;
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0700`, 'tmpfs', dir]);
  return () => {
    try {
      execFileSync('umount', [dir], { stdio: 'ignore' });
    } catch {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    }
  };
}

/** Every write of a byte by this process fails (EFBIG) until cleared. */
function refuseWritesBySizeLimit(): DiskFault {
  // Without a handler SIGXFSZ would kill the test process instead of failing the write.
  process.on('SIGXFSZ', ignore);
  const pid = String(process.pid);
  const [soft, hard] = execFileSync(
    'prlimit',
    ['--pid', pid, '--fsize', '--raw', '--noheadings', '--output', 'SOFT,HARD'],
    { encoding: 'utf8' },
  )
    .trim()
    .split(/\s+/);
  execFileSync('prlimit', ['--pid', pid, `--fsize=0:${hard}`]);
  return {
    how: 'EFBIG (file size limit 0 for this process; no tmpfs here)',
    clear() {
      execFileSync('prlimit', ['--pid', pid, `--fsize=${soft}:${hard}`]);
      process.off('SIGXFSZ', ignore);
    },
  };
}
const ignore = () => undefined;

/** Makes `mountDir` (a mountSmallDisk) read-only. */
export function makeReadOnly(mountDir: string, mounted: boolean): DiskFault {
  if (mounted) {
    execFileSync('mount', ['-o', 'remount,ro', mountDir]);
    return {
      how: 'EROFS (tmpfs remounted read-only)',
      clear: () => execFileSync('mount', ['-o', 'remount,rw', mountDir]),
    };
  }
  return refuseWritesBySizeLimit();
}

/** Fills `mountDir` (a mountSmallDisk) to the last byte. */
export function fillUp(mountDir: string, mounted: boolean): DiskFault {
  if (!mounted) return refuseWritesBySizeLimit();
  const fillers: string[] = [];
  // Big chunks first, then smaller ones, until not even a byte fits.
  for (const size of [64 * 1024, 4096, 512, 64, 1]) {
    for (;;) {
      const file = path.join(mountDir, `.filler-${fillers.length}`);
      try {
        writeFileSync(file, Buffer.alloc(size, 0x66));
        fillers.push(file);
      } catch {
        rmSync(file, { force: true });
        break;
      }
    }
  }
  return {
    how: 'ENOSPC (tmpfs filled to the last byte)',
    clear: () => fillers.forEach((file) => rmSync(file, { force: true })),
  };
}
