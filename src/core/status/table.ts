/**
 * Text/tabwriter as kubectl configures it (minwidth 6, padding 3, pad char ' '): every cell but
 * the last of a line is padded to its column's width; the last cell is never padded.
 */
export function tabwriterTable(rows: readonly (readonly string[])[]): string {
  return tabwriterLines(rows, []).join('\n');
}

/**
 * The lines of `rows`, padded to `widths` grown to fit them. `widths` is updated in place, as
 * kubectl's tabwriter does with its RememberWidths flag under `get -w`: rows printed later line
 * up with the table above and only widen a column when a cell does not fit.
 */
export function tabwriterLines(rows: readonly (readonly string[])[], widths: number[]): string[] {
  for (const row of rows) {
    row.slice(0, -1).forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, Math.max(cell.length + 3, 6));
    });
  }
  return rows.map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join(''),
  );
}
