// Whether a folder that holds secrets is the user's alone. The broker refuses
// a folder that is not (someone may be waiting in it); the doctor warns about
// the SSO token cache, which the AWS CLI creates with the umask's mode (often
// 0755) and which every tool follows wherever a symbolic link points.

import { promises as fs } from 'node:fs';

export type FolderExposure =
  | { readonly kind: 'symbolic-link'; readonly message: string }
  | { readonly kind: 'not-a-folder'; readonly message: string }
  | { readonly kind: 'other-owner'; readonly message: string }
  /** Others may add, replace or remove files in it: the serious case. */
  | { readonly kind: 'writable-by-others'; readonly message: string; readonly mode: string }
  /** Others may list it (the file names say which sessions exist), not read 0600 files. */
  | { readonly kind: 'listable-by-others'; readonly message: string; readonly mode: string };

const modeText = (mode: number) => (mode & 0o777).toString(8).padStart(3, '0');

/** The user's own uid; null on Windows, where the profile folder's ACL keeps others out. */
export const currentUid = (): number | null => process.getuid?.() ?? null;

/** What is wrong with `dir` for holding secrets of user `uid`, or null when nothing is. Throws what lstat throws. */
export async function folderExposure(dir: string, uid: number): Promise<FolderExposure | null> {
  const stat = await fs.lstat(dir);
  if (stat.isSymbolicLink()) {
    const target = await fs.realpath(dir).catch(() => 'a missing folder');
    return {
      kind: 'symbolic-link',
      message: `${dir} is a symbolic link to ${target}; whoever controls that folder controls what is read and written there.`,
    };
  }
  if (!stat.isDirectory()) return { kind: 'not-a-folder', message: `${dir} is not a folder.` };
  if (stat.uid !== uid) {
    return {
      kind: 'other-owner',
      message: `${dir} belongs to another user (uid ${stat.uid}).`,
    };
  }
  const mode = modeText(stat.mode);
  if ((stat.mode & 0o022) !== 0) {
    return {
      kind: 'writable-by-others',
      mode,
      message: `${dir} lets other users add and replace files (mode ${mode}).`,
    };
  }
  if ((stat.mode & 0o055) !== 0) {
    return {
      kind: 'listable-by-others',
      mode,
      message: `${dir} can be listed by other users (mode ${mode}).`,
    };
  }
  return null;
}
