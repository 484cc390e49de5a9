// Writing profile changes into ~/.aws/config: read the exact bytes, check they
// are the bytes the plan was made from, make the pure edit, prove with both
// reader models that it does only what it says, keep a backup, then replace the
// file atomically with its mode kept. A symlinked config (dotfiles) is written
// through the link, so the link survives.

import { promises as fs } from 'node:fs';
import { writeFileAtomic } from '../fs/atomic-write';
import { configHash } from './edit/config-hash';
import {
  diffEdit,
  editConfig,
  type ConfigEditRequest,
  type EditedConfig,
} from './edit/edit-config';
import { decodeConfigText, verifyEdit } from './edit/verify-edit';
import { errnoCode } from '../fs/errno';

export { ConfigEditError } from './edit/edit-config';
export type { ConfigEditRequest } from './edit/edit-config';

import { CoreError } from '../errors/core-error';

export type ConfigWriteErrorCode =
  'config-changed' | 'config-unreadable' | 'config-write-failed' | 'edit-unverified';

export class ConfigWriteError extends CoreError<ConfigWriteErrorCode> {
  constructor(code: ConfigWriteErrorCode, message: string) {
    super(code, message);
    this.name = 'ConfigWriteError';
  }
}

export interface ConfigFileState {
  /** The path as configured (what the user knows). */
  readonly file: string;
  /** Where the bytes really live (the symlink's target, if any). */
  readonly target: string;
  /** null when the file does not exist. */
  readonly bytes: Uint8Array | null;
  /** Permission bits to keep; null when the file does not exist. */
  readonly mode: number | null;
  readonly hash: string;
}

async function resolveTarget(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return file;
    throw error;
  }
}

export async function readConfigFile(file: string): Promise<ConfigFileState> {
  try {
    const target = await resolveTarget(file);
    const stat = await fs.stat(target).catch((error: unknown) => {
      if (errnoCode(error) === 'ENOENT') return null;
      throw error;
    });
    if (stat === null) return { file, target, bytes: null, mode: null, hash: configHash(null) };
    if (!stat.isFile()) {
      throw new ConfigWriteError('config-unreadable', `${file} is not a regular file.`);
    }
    const bytes = new Uint8Array(await fs.readFile(target));
    return { file, target, bytes, mode: stat.mode & 0o777, hash: configHash(bytes) };
  } catch (error) {
    if (error instanceof ConfigWriteError) throw error;
    throw new ConfigWriteError(
      'config-unreadable',
      `Cannot read ${file} (${errnoCode(error) ?? (error as Error).message}).`,
    );
  }
}

export interface PreparedEdit {
  readonly state: ConfigFileState;
  readonly edited: EditedConfig;
  readonly diff: string;
}

/** The edit and its diff, verified against both readers. Throws ConfigEditError / ConfigWriteError. */
export function prepareConfigEdit(
  state: ConfigFileState,
  request: ConfigEditRequest,
): PreparedEdit {
  const edited = editConfig(state.bytes, request);
  const before = decodeConfigText(state.bytes);
  const after = decodeConfigText(edited.bytes);
  const problems =
    before === null || after === null
      ? [`${state.file} is not valid UTF-8`]
      : verifyEdit(before, after, request.add, request.remove);
  if (problems.length > 0) {
    throw new ConfigWriteError(
      'edit-unverified',
      `The change was not written because it would not read as intended: ${problems.join('; ')}.`,
    );
  }
  return { state, edited, diff: diffEdit(edited, state.file) };
}

const changedMessage = (file: string) =>
  `${file} changed since this change was prepared; nothing was written. Review the change again.`;

function backupName(target: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${target}.sso-tray-backup-${stamp}`;
}

async function writeBackup(state: ConfigFileState, now: Date): Promise<string> {
  const base = backupName(state.target, now);
  for (let attempt = 1; attempt < 100; attempt++) {
    const candidate = attempt === 1 ? base : `${base}-${attempt}`;
    try {
      // 'wx': never overwrite an earlier backup.
      await fs.writeFile(candidate, state.bytes ?? new Uint8Array(), {
        flag: 'wx',
        mode: state.mode ?? 0o600,
      });
      await fs.chmod(candidate, state.mode ?? 0o600);
      return candidate;
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST') throw error;
    }
  }
  throw new Error(`too many backups named ${base}`);
}

export interface WrittenEdit {
  readonly backupFile: string | null;
}

/**
 * Applies `request` to the config file if it still has `expectedHash`.
 * Backup first (none when the file did not exist), then an atomic replace.
 */
export async function writeConfigEdit(
  file: string,
  expectedHash: string,
  request: ConfigEditRequest,
  now: Date,
): Promise<WrittenEdit> {
  const state = await readConfigFile(file);
  if (state.hash !== expectedHash)
    throw new ConfigWriteError('config-changed', changedMessage(file));
  const { edited } = prepareConfigEdit(state, request);
  try {
    // No file means no sso-session, so verification above already refused: bytes are here.
    const backupFile = state.bytes ? await writeBackup(state, now) : null;
    // Narrow the window for a concurrent writer: check again right before the replace.
    const latest = await readConfigFile(file);
    if (latest.hash !== expectedHash) {
      throw new ConfigWriteError('config-changed', changedMessage(file));
    }
    await writeFileAtomic(state.target, edited.bytes, { mode: state.mode ?? 0o600 });
    return { backupFile };
  } catch (error) {
    if (error instanceof ConfigWriteError) throw error;
    throw new ConfigWriteError(
      'config-write-failed',
      `Could not write ${file} (${errnoCode(error) ?? (error as Error).message}); it was not changed.`,
    );
  }
}
