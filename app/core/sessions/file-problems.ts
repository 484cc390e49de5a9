// Problems with where the files live, rather than what they say: the AWS CLI
// and the JS SDK looking in different home folders, and a token cache folder
// that cannot be used or is not the user's alone.

import { constants as fsConstants, promises as fs } from 'node:fs';
import type { Problem } from '../../shared/model';
import { quotePosix } from '../export/shell-quote';
import { errnoCode } from '../fs/errno';
import { currentUid, folderExposure, type FolderExposure } from '../fs/folder-privacy';
import type { AwsPaths } from '../paths';

/** Windows with HOME set (Git Bash): the AWS CLI and the JS SDK use different folders. */
export function homeProblems(paths: AwsPaths): Problem[] {
  if (paths.jsSdkHome === paths.home) return [];
  return [
    {
      code: 'home-differs',
      severity: 'warning',
      message: `The AWS CLI uses ${paths.home} but JS SDK tools use ${paths.jsSdkHome} (HOME is set), so they see different sign-ins. Unset HOME or make it equal USERPROFILE.`,
      file: null,
      line: null,
    },
  ];
}

/**
 * The token cache folder: missing is fine (the first sign-in creates it 0700),
 * a file or an unreadable folder stops every tool, and a folder others can
 * write to, own or redirect (a symbolic link) is a risk to every token in it.
 */
export async function cacheDirProblems(
  cacheDir: string,
  uid: number | null = currentUid(),
): Promise<Problem[]> {
  try {
    const stat = await fs.stat(cacheDir);
    if (!stat.isDirectory()) {
      return [
        {
          code: 'cache-dir-not-directory',
          severity: 'error',
          message: `${cacheDir} is a file, not a directory, so no AWS tool can cache a sign-in. Move it away.`,
          file: cacheDir,
          line: null,
        },
      ];
    }
    await fs.access(cacheDir, fsConstants.R_OK);
    const exposure = uid === null ? null : await folderExposure(cacheDir, uid);
    // A folder others can only list is how the AWS CLI creates it: the doctor's note, not a problem.
    if (exposure === null || exposure.kind === 'listable-by-others') return [];
    return [exposureProblem(cacheDir, exposure)];
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT') return [];
    return [
      {
        code: 'cache-dir-unreadable',
        severity: 'error',
        message: `Cannot read ${cacheDir} (${code ?? 'error'}). Check its permissions.`,
        file: cacheDir,
        line: null,
      },
    ];
  }
}

/** What only the doctor mentions: a cache folder other users can list. */
export async function cacheDirNotes(
  cacheDir: string,
  uid: number | null = currentUid(),
): Promise<Problem[]> {
  if (uid === null) return [];
  const exposure = await folderExposure(cacheDir, uid).catch(() => null);
  return exposure?.kind === 'listable-by-others' ? [exposureProblem(cacheDir, exposure)] : [];
}

function exposureProblem(cacheDir: string, exposure: FolderExposure): Problem {
  const base = { file: cacheDir, line: null } as const;
  const chmod = [`chmod 700 ${quotePosix(cacheDir)}`];
  switch (exposure.kind) {
    case 'symbolic-link':
      return {
        ...base,
        code: 'cache-dir-symlink',
        severity: 'warning',
        message: `${exposure.message} Make it a real folder of your own (then sign in again).`,
        fix: [`rm ${quotePosix(cacheDir)}`, `mkdir -m 700 ${quotePosix(cacheDir)}`],
      };
    case 'other-owner':
    case 'not-a-folder':
      return {
        ...base,
        code: 'cache-dir-not-yours',
        severity: 'warning',
        message: `${exposure.message} Its owner can read and replace your sign-ins: move it away and sign in again.`,
      };
    case 'writable-by-others':
      return {
        ...base,
        code: 'cache-dir-writable-by-others',
        severity: 'warning',
        message: `${exposure.message} Another user could plant a sign-in or a link there.`,
        fix: chmod,
      };
    case 'listable-by-others':
      return {
        ...base,
        code: 'cache-dir-listable-by-others',
        severity: 'info',
        message: `${exposure.message} The tokens in it are private, but their names show which sessions you use.`,
        fix: chmod,
      };
  }
}
