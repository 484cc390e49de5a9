// Problems with where the files live, rather than what they say: the AWS CLI
// and the JS SDK looking in different home folders, and a token cache folder
// that cannot be used.

import { constants as fsConstants, promises as fs } from 'node:fs';
import type { Problem } from '../../shared/model';
import { errnoCode } from '../fs/errno';
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

export async function cacheDirProblems(cacheDir: string): Promise<Problem[]> {
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
    return [];
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
