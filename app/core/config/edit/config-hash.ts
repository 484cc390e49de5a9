// Identifies the exact bytes a plan was made from, so applying it can refuse
// when the file changed in between (another tool, another window, an editor).
import { createHash } from 'node:crypto';

export const ABSENT_FILE_HASH = 'absent';

export function configHash(bytes: Uint8Array | null): string {
  if (bytes === null) return ABSENT_FILE_HASH;
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
