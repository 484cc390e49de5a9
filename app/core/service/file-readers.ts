// Reading the files the service depends on, turning every I/O failure into a
// status or a problem instead of an exception.

import { promises as fs } from 'node:fs';
import type { Problem } from '../../shared/model';
import { parseTokenFile } from '../cache/token-file';
import type { ConfigSource } from '../config/config-model';
import type { TokenStatus } from './session-state';

const errnoCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException)?.code;

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
// can catch the file half-written; re-read a fresh file a few times before
// calling it unreadable, so no false `invalid` reaches the user.
const PARTIAL_WRITE_RETRIES = 3;
const PARTIAL_WRITE_WAIT_MS = 25;
const FRESH_FILE_MS = 2_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readOnce(file: string): Promise<{ status: TokenStatus; mtimeMs: number | null }> {
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

export async function readTokenStatus(file: string): Promise<TokenStatus> {
  let result = await readOnce(file);
  for (let attempt = 0; attempt < PARTIAL_WRITE_RETRIES; attempt++) {
    const fresh = result.mtimeMs !== null && Date.now() - result.mtimeMs < FRESH_FILE_MS;
    if (result.status.kind !== 'unreadable' || !fresh) break;
    await sleep(PARTIAL_WRITE_WAIT_MS);
    result = await readOnce(file);
  }
  return result.status;
}
