// Writes a session's token file exactly as the AWS CLI does (one line, Python
// spacing, fixed key order), but atomically and 0600, in a 0700 cache directory.

import { promises as fs } from 'node:fs';
import { serializeCliToken, tokenFilePath, type NewToken } from './token-file';
import { ensurePrivateDir, writeFileAtomic } from '../fs/atomic-write';
import { AuthError } from '../auth/auth-error';

/** `id`: the sso-session name, or the legacy start URL. Returns the file written. */
export async function writeCliToken(
  cacheDir: string,
  id: string,
  token: NewToken,
): Promise<string> {
  const file = tokenFilePath(cacheDir, id);
  try {
    await ensurePrivateDir(cacheDir);
    await writeFileAtomic(file, serializeCliToken(token));
  } catch (error) {
    throw new AuthError(
      'write-failed',
      `Could not write the token cache file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
  return file;
}

/** Deletes one token file; true when there was one. Nothing else in the directory is touched. */
export async function deleteCliToken(cacheDir: string, id: string): Promise<boolean> {
  const file = tokenFilePath(cacheDir, id);
  try {
    await fs.unlink(file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    throw new AuthError(
      'write-failed',
      `Could not delete the token cache file ${file} (${code ?? 'error'}).`,
    );
  }
}
