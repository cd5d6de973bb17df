import { describe, expect, it } from 'vitest';
import { format, type Edit } from './format';

const at = (text: string, start: number, end = start): Edit => ({ text, start, end });

describe('Markdown formatting commands', () => {
  it('wraps the selection in bold or italic, and unwraps it when applied again', () => {
    const bold = format(at('Women hold 21 % of seats', 11, 15), 'bold', 'text');
    expect(bold.text).toBe('Women hold **21 %** of seats');
    expect(bold.text.slice(bold.start, bold.end)).toBe('21 %');
    expect(format(bold, 'bold', 'text').text).toBe('Women hold 21 % of seats');
    const empty = format(at('a ', 2), 'italic', 'text');
    expect(empty.text).toBe('a *text*');
    expect(empty.text.slice(empty.start, empty.end)).toBe('text');
  });

  it('makes the selected lines a heading or a list, replacing the marker they had', () => {
    const text = 'Context\nPolice\nArmy';
    expect(format(at(text, 2), 'heading', '').text).toBe('## Context\nPolice\nArmy');
    expect(format(at('## Context', 3), 'subheading', '').text).toBe('### Context');
    const bullets = format(at(text, 9, 18), 'bullets', '');
    expect(bullets.text).toBe('Context\n- Police\n- Army');
    expect(format(bullets, 'numbers', '').text).toBe('Context\n1. Police\n2. Army');
    // ស្ត្រី: Khmer lines take markers the same way.
    expect(format(at('ស្ត្រី', 0), 'bullets', '').text).toBe('- ស្ត្រី');
  });

  it('inserts a table after a blank line with its first header selected', () => {
    const table = format(at('Figures:', 8), 'table', '');
    expect(table.text).toBe('Figures:\n\n| Column | Column |\n|---|---|\n|  |  |\n');
    expect(table.text.slice(table.start, table.end)).toBe('Column');
    expect(format(at('', 0), 'table', '').text.startsWith('| Column')).toBe(true);
  });
});
