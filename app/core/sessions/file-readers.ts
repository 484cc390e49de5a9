// Reading the files the service depends on, turning every I/O failure into a
// status or a problem instead of an exception.

import { promises as fs } from 'node:fs';
import type { Problem } from '../../shared/model';
import { parseTokenFile } from '../token-cache/token-file';
import type { ConfigSource } from '../config/config-model';
import type { TokenStatus } from './session-state';
import { delay, systemClock } from '../clock';
import { errnoCode } from '../fs/errno';

export async function readConfigSource(
  file: string,
  what: 'config' | 'credentials',
): Promise<{ source: ConfigSource; problems: Problem[] }> {
  try {
    const bytes = await fs.readFile(file);
    return { source: { path: file, bytes }, problems: [] };
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return { source: { path: file, bytes: null }, problems: [] };
    const reason =
      code === 'EISDIR'
        ? 'it is a directory'
        : code === 'EACCES'
          ? 'permission denied'
          : (code ?? 'read error');
    return {
      source: { path: file, bytes: null },
      problems: [
        {
          code: `${what}-unreadable`,
          severity: 'error',
          message: `Cannot read the AWS ${what} file ${file}: ${reason}.`,
          file,
          line: null,
        },
      ],
    };
  }
}

// The AWS CLI rewrites token files in place (truncate, then write). A reader
// can catch the file half-written. A few quick re-reads get past most such
// moments; a file still unreadable while it is fresh (written moments ago) is
// not judged yet: the caller keeps what it showed before and reads it again
// once the file has settled. Judging by the file's age rather than by how long
// we waited means a busy machine (a writer paused between its two steps) never
// turns a healthy file into a false `invalid`.
const QUICK_RETRIES = 3;
const QUICK_RETRY_WAIT_MS = 25;
/** A file written less than this long ago may be mid-write. */
export const SETTLE_MS = 5_000;

interface ReadResult {
  readonly status: TokenStatus;
  readonly mtimeMs: number | null;
}

async function readOnce(file: string): Promise<ReadResult> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const stat = await handle.stat();
    if (!stat.isFile())
      return { status: { kind: 'unreadable', reason: 'it is not a regular file' }, mtimeMs: null };
    const text = await handle.readFile('utf8');
    const reading = parseTokenFile(text);
    if (reading.kind === 'token') {
      return {
        status: { kind: 'token', token: reading.token, writtenAt: stat.mtimeMs },
        mtimeMs: stat.mtimeMs,
      };
    }
    const reason =
      reading.kind === 'not-a-token' ? 'the file holds no accessToken' : reading.reason;
    return { status: { kind: 'unreadable', reason }, mtimeMs: stat.mtimeMs };
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return { status: { kind: 'absent' }, mtimeMs: null };
    const reason =
      code === 'EISDIR'
        ? 'it is a directory'
        : code === 'EACCES'
          ? 'permission denied'
          : `read error (${code ?? 'unknown'})`;
    return { status: { kind: 'unreadable', reason }, mtimeMs: null };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export interface TokenReading {
  readonly status: TokenStatus;
  /**
   * Set when the file is unreadable but so fresh that a writer may be in the
   * middle of it: read it again at this time (epoch ms) before calling it invalid.
   */
  readonly settlesAt: number | null;
}

export async function readTokenStatus(file: string): Promise<TokenReading> {
  let result = await readOnce(file);
  for (let retry = 0; retry < QUICK_RETRIES && result.status.kind === 'unreadable'; retry++) {
    await delay(systemClock, QUICK_RETRY_WAIT_MS);
    result = await readOnce(file);
  }
  const settlesAt =
    result.status.kind === 'unreadable' && result.mtimeMs !== null
      ? result.mtimeMs + SETTLE_MS
      : null;
  return {
    status: result.status,
    settlesAt: settlesAt !== null && settlesAt > Date.now() ? settlesAt : null,
  };
}
