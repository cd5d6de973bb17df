// Rows copied from a spreadsheet arrive as tab-separated text: one line per row, one tab
// between cells. These helpers turn that text into cell edits for the grid.

/** The cells of tab-separated text, row by row (a trailing line break adds no row). */
export function parseTabular(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split('\t'));
}

/** True when pasted text holds more than one cell (so the grid, not the input, takes it). */
export function isTabular(text: string): boolean {
  return /[\t\n]/.test(text.replace(/\r?\n$/, ''));
}

/** One cell's new text; `F` is the grid's field type (the cost line's fields). */
export interface CellEdit<F extends string = string> {
  row: number;
  field: F;
  value: string;
}

/**
 * The edits a paste makes: the block starts at (`row`, `column`) of the grid's editable
 * `fields` and goes right and down; cells beyond the last field or the last row are left out
 * (and counted, so the user can be told).
 */
export function pasteEdits<F extends string>(
  cells: string[][],
  row: number,
  column: number,
  fields: F[],
  rowCount: number,
): { edits: CellEdit<F>[]; skipped: number } {
  const edits: CellEdit<F>[] = [];
  let skipped = 0;
  cells.forEach((values, r) => {
    values.forEach((value, c) => {
      const target = row + r;
      const field = fields[column + c];
      if (target >= rowCount || field === undefined) skipped += 1;
      else edits.push({ row: target, field, value: value.trim() });
    });
  });
  return { edits, skipped };
}
