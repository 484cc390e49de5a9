// The container endpoint's bearer token: random, in a 0600 file next to the
// broker's socket. A broker that restarts keeps the token it finds there, so
// shells that exported AWS_CONTAINER_AUTHORIZATION_TOKEN (the only variable
// AWS CLI releases before 2.14 read) keep working.

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { errnoCode } from '../fs/errno';
import { BrokerError } from './broker-error';

export const CONTAINER_TOKEN_FILE = 'container-token';

/** 32 random bytes, base64url: 43 characters no shell or header needs quoted. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const containerTokenPath = (dir: string) => path.join(dir, CONTAINER_TOKEN_FILE);

/**
 * The token in `file`, if the file is a regular file (not a link) of this user
 * that nobody else can read, holding a well-formed token; else null.
 */
export async function readContainerToken(file: string, uid: number | null): Promise<string | null> {
  try {
    const stat = await fs.lstat(file);
    if (!stat.isFile()) return null;
    if (uid !== null && (stat.uid !== uid || (stat.mode & 0o077) !== 0)) return null;
    const token = (await fs.readFile(file, 'utf8')).trim();
    return TOKEN_SHAPE.test(token) ? token : null;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw new BrokerError('token-unreadable', `Cannot read the container token file ${file}.`);
  }
}

/** The token to serve with: the one in the folder if it is sound, else a new one, written 0600. */
export async function loadOrCreateContainerToken(
  dir: string,
  uid: number | null,
): Promise<{ readonly token: string; readonly file: string }> {
  const file = containerTokenPath(dir);
  const existing = await readContainerToken(file, uid);
  if (existing !== null) return { token: existing, file };
  const token = randomBytes(32).toString('base64url');
  // Atomic rename replaces a link or a foreign file rather than writing through it.
  await writeFileAtomic(file, token, { mode: 0o600 });
  return { token, file };
}
