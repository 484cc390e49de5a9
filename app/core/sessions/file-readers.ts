// Reading the files the service depends on, turning every I/O failure into a
// status or a problem instead of an exception.

import { promises as fs } from 'node:fs';
import type { Problem } from '../../shared/model';
import { parseTokenFile } from '../token-cache/token-file';
import type { ConfigSource } from '../config/config-model';
import type { TokenStatus } from './session-state';
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
// can catch the file half-written; re-read a fresh file before calling it
// unreadable, so no false `invalid` reaches the user. A file that settled
// unreadable is reported after a few quick re-reads; while it keeps changing
// (a writer rewriting it in a loop) we keep re-reading, up to a time budget,
// because a fixed number of tries loses to a busy writer (the reliability suite saw 9 false
// `invalid` snapshots in 3 s against a tight truncate+write loop).
const SETTLED_RETRIES = 3;
const PARTIAL_WRITE_WAIT_MS = 25;
const PARTIAL_WRITE_BUDGET_MS = 2_000;
const FRESH_FILE_MS = 2_000;
// Truncate-then-write leaves the file empty in between: an empty fresh file is
// a write in progress far more often than a broken file, and a busy machine
// can pause the writer between the two steps, so wait longer for it.
const EMPTY_FILE_PATIENCE_MS = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ReadResult {
  readonly status: TokenStatus;
  readonly mtimeMs: number | null;
  /** Size and change time at the read, to tell a file still being written from a settled one. */
  readonly version: string | null;
  readonly empty: boolean;
}

async function readOnce(file: string): Promise<ReadResult> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const stat = await handle.stat();
    const version = `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`;
    const empty = stat.size === 0;
    if (!stat.isFile())
      return {
        status: { kind: 'unreadable', reason: 'it is not a regular file' },
        mtimeMs: null,
        version,
        empty,
      };
    const text = await handle.readFile('utf8');
    const reading = parseTokenFile(text);
    if (reading.kind === 'token') {
      return {
        status: { kind: 'token', token: reading.token, writtenAt: stat.mtimeMs },
        mtimeMs: stat.mtimeMs,
        version,
        empty,
      };
    }
    const reason =
      reading.kind === 'not-a-token' ? 'the file holds no accessToken' : reading.reason;
    return { status: { kind: 'unreadable', reason }, mtimeMs: stat.mtimeMs, version, empty };
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return { status: { kind: 'absent' }, mtimeMs: null, version: null, empty: false };
    const reason =
      code === 'EISDIR'
        ? 'it is a directory'
        : code === 'EACCES'
          ? 'permission denied'
          : `read error (${code ?? 'unknown'})`;
    return { status: { kind: 'unreadable', reason }, mtimeMs: null, version: null, empty: false };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export async function readTokenStatus(file: string): Promise<TokenStatus> {
  const started = Date.now();
  let result = await readOnce(file);
  for (let attempt = 0; ; attempt++) {
    const fresh = result.mtimeMs !== null && Date.now() - result.mtimeMs < FRESH_FILE_MS;
    if (result.status.kind !== 'unreadable' || !fresh) break;
    if (Date.now() - started >= PARTIAL_WRITE_BUDGET_MS) break;
    await sleep(PARTIAL_WRITE_WAIT_MS);
    const next = await readOnce(file);
    const settled = next.version !== null && next.version === result.version;
    result = next;
    const patient = result.empty && Date.now() - started < EMPTY_FILE_PATIENCE_MS;
    if (settled && attempt + 1 >= SETTLED_RETRIES && !patient) break;
  }
  return result.status;
}
