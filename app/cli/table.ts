import { visibleText } from './colour';

/** Left-aligned text columns, two spaces apart, for terminal output; colour codes take no width. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const width = (cell: string) => visibleText(cell).length;
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) =>
        i === cells.length - 1 ? cell : cell + ' '.repeat(widths[i]! - width(cell)),
      )
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
