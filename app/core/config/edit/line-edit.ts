// Applies line-level changes to raw config lines. The same change list drives
// the written bytes and the unified diff shown before writing, so the preview is
// exactly what will be written.

/** Replace `oldCount` lines starting at `oldStart` (0-based) with `newLines`. */
export interface LineChange {
  readonly oldStart: number;
  readonly oldCount: number;
  readonly newLines: readonly string[];
}

/** Applies non-overlapping changes (any order) and returns the new lines. */
export function applyLineChanges(
  lines: readonly string[],
  changes: readonly LineChange[],
): string[] {
  const sorted = sortChanges(changes);
  const result: string[] = [];
  let next = 0;
  for (const change of sorted) {
    if (change.oldStart < next || change.oldStart + change.oldCount > lines.length) {
      throw new Error('line changes overlap or run past the end of the file');
    }
    result.push(...lines.slice(next, change.oldStart), ...change.newLines);
    next = change.oldStart + change.oldCount;
  }
  result.push(...lines.slice(next));
  return result;
}

export function sortChanges(changes: readonly LineChange[]): LineChange[] {
  return [...changes].sort((a, b) => a.oldStart - b.oldStart || a.oldCount - b.oldCount);
}
