// A unified diff (GNU `diff -u` layout, 3 lines of context) built from the
// exact line changes an edit makes, rather than recomputed from two texts: the
// preview shows precisely what the write will do. Valid input for `patch`.

import { binaryToDisplay, hasTerminator } from './config-lines';
import { sortChanges, type LineChange } from './line-edit';

const NO_NEWLINE = '\\ No newline at end of file';

interface Hunk {
  oldStart: number;
  oldEnd: number;
  changes: LineChange[];
}

function groupHunks(changes: readonly LineChange[], lineCount: number, context: number): Hunk[] {
  const hunks: Hunk[] = [];
  for (const change of sortChanges(changes)) {
    if (change.oldCount === 0 && change.newLines.length === 0) continue;
    const oldStart = Math.max(0, change.oldStart - context);
    const oldEnd = Math.min(lineCount, change.oldStart + change.oldCount + context);
    const last = hunks[hunks.length - 1];
    if (last && oldStart <= last.oldEnd) {
      last.oldEnd = Math.max(last.oldEnd, oldEnd);
      last.changes.push(change);
    } else {
      hunks.push({ oldStart, oldEnd, changes: [change] });
    }
  }
  return hunks;
}

// GNU diff: `start,count`, `start` alone when count is 1, and the line before
// the range when it is empty.
function range(start: number, count: number): string {
  if (count === 1) return `${start + 1}`;
  return `${count === 0 ? start : start + 1},${count}`;
}

// Like GNU diff, a CRLF line keeps its CR, so the diff stays a valid patch.
function emit(out: string[], prefix: string, line: string): void {
  out.push(`${prefix}${binaryToDisplay(hasTerminator(line) ? line.slice(0, -1) : line)}`);
  if (!hasTerminator(line)) out.push(NO_NEWLINE);
}

/**
 * `lines` are the original raw lines; `changes` the edit. Returns '' when the
 * edit changes nothing.
 */
export function formatUnifiedDiff(
  lines: readonly string[],
  changes: readonly LineChange[],
  labels: { readonly old: string; readonly new: string },
  context = 3,
): string {
  const hunks = groupHunks(changes, lines.length, context);
  if (hunks.length === 0) return '';
  const out = [`--- ${labels.old}`, `+++ ${labels.new}`];
  let delta = 0; // new line index minus old line index before the current position
  for (const hunk of hunks) {
    const body: string[] = [];
    let oldCount = 0;
    let newCount = 0;
    let position = hunk.oldStart;
    const newStart = hunk.oldStart + delta;
    for (const change of hunk.changes) {
      for (; position < change.oldStart; position++, oldCount++, newCount++) {
        emit(body, ' ', lines[position]!);
      }
      for (let i = 0; i < change.oldCount; i++, position++, oldCount++) {
        emit(body, '-', lines[position]!);
      }
      for (const line of change.newLines) {
        emit(body, '+', line);
        newCount++;
      }
      delta += change.newLines.length - change.oldCount;
    }
    for (; position < hunk.oldEnd; position++, oldCount++, newCount++) {
      emit(body, ' ', lines[position]!);
    }
    out.push(`@@ -${range(hunk.oldStart, oldCount)} +${range(newStart, newCount)} @@`, ...body);
  }
  return `${out.join('\n')}\n`;
}
