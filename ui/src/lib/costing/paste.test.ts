import { describe, expect, it } from 'vitest';
import { isTabular, parseTabular, pasteEdits } from './paste';

describe('pasting rows copied from a spreadsheet', () => {
  it('splits rows and cells and ignores the trailing line break', () => {
    expect(parseTabular('12\t15\r\n3\t4\r\n')).toEqual([
      ['12', '15'],
      ['3', '4'],
    ]);
    expect(isTabular('1,250')).toBe(false);
    expect(isTabular('1,250\n')).toBe(false);
    expect(isTabular('1\t2')).toBe(true);
  });

  it('fills right and down from the cell and counts what does not fit', () => {
    const fields = ['unit_cost', 'quantity:2026', 'quantity:2027'];
    const { edits, skipped } = pasteEdits(
      [
        ['10', ' 20 ', '30'],
        ['40', '50', '60'],
      ],
      4,
      1,
      fields,
      5,
    );
    expect(edits).toEqual([
      { row: 4, field: 'quantity:2026', value: '10' },
      { row: 4, field: 'quantity:2027', value: '20' },
    ]);
    // '30' has no column; the second row has no line.
    expect(skipped).toBe(4);
  });
});
