// The broker's folder holds its socket and the container token: it must be
// the user's alone. Created 0700; an existing folder that is a symbolic link,
// belongs to someone else or lets the group or others in is refused, never
// "fixed" (someone may be waiting in it).

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { errnoCode } from '../fs/errno';
import { folderExposure, type FolderExposure } from '../fs/folder-privacy';
import { BrokerError } from './broker-error';

/** Checks one folder: a real directory, owned by `uid`, no access for group or others. */
async function checkPrivate(dir: string, uid: number): Promise<void> {
  const exposure = await folderExposure(dir, uid);
  if (exposure === null) return;
  const remedy: Record<FolderExposure['kind'], string> = {
    'symbolic-link': 'The broker keeps its socket only in a real, private folder: remove the link.',
    'not-a-folder': 'Remove it.',
    'other-owner': 'The broker needs a folder of its own.',
    'writable-by-others': `Run: chmod 700 '${dir}'`,
    'listable-by-others': `Run: chmod 700 '${dir}'`,
  };
  throw new BrokerError('unsafe-directory', `${exposure.message} ${remedy[exposure.kind]}`);
}

/**
 * Makes `dir` (and `~/.sso-tray` above it, when `ownParent`) 0700 if missing,
 * then checks each. `uid` null (Windows): the folder inherits the profile
 * folder's ACL, which the user alone may read; modes mean nothing there.
 */
export async function preparePrivateDir(
  dir: string,
  uid: number | null,
  options: { ownParent?: boolean } = {},
): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    // mkdir fails with EEXIST when a link or file sits there; the check says which.
    if (errnoCode(error) !== 'EEXIST') throw error;
  }
  if (uid === null) return;
  if (options.ownParent) await checkPrivate(path.dirname(dir), uid);
  await checkPrivate(dir, uid);
}
