import { afterEach, describe, expect, it } from 'vitest';
import type { Editor } from '@tiptap/core';
import { createEditor, markdownOf, unkept } from './richtext';
import { run } from './commands';

const editors: Editor[] = [];
function open(markdown: string, lang?: string): Editor {
  const element = document.createElement('div');
  document.body.append(element);
  const editor = createEditor(element, markdown, true, 'Text', lang);
  editors.push(editor);
  return editor;
}
afterEach(() => editors.splice(0).forEach((e) => e.destroy()));

/** A narrative as the sample plan writes one: every construct the toolbar offers. */
const narrative = [
  '## Context',
  '',
  'Mekara has enjoyed three decades of peace, yet **landmine contamination** remains in the *north-west*.',
  '',
  'Women hold 21 % of seats but only:',
  '',
  '- 6 % of senior posts in the Ministry of Interior;',
  '- 4 % of officers in the armed forces.',
  '',
  '### Frameworks',
  '',
  '1. UNSCR 1325;',
  '2. the **ASEAN** Regional Plan of Action.',
  '',
  '| Pillar | Cost |',
  '| --- | ---: |',
  '| Participation | 1,000 |',
  '| Protection | 2,000 |',
].join('\n');

/** The table's rows as lists of trimmed cells, separator row left out. */
const tableRows = (markdown: string) =>
  markdown
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|[\s:|]*-[\s:|-]*\|$/.test(l))
    .map((l) => l.slice(1, -1).split('|').map((c) => c.trim()));

describe('the narrative editor', () => {
  it('shows the Markdown as formatted text and writes the same text back', () => {
    const editor = open(narrative);
    const dom = editor.view.dom;
    expect(dom.querySelector('h2')?.textContent).toBe('Context');
    expect(dom.querySelector('h3')?.textContent).toBe('Frameworks');
    expect(dom.querySelector('strong')?.textContent).toBe('landmine contamination');
    expect(dom.querySelector('em')?.textContent).toBe('north-west');
    expect(dom.querySelectorAll('ul > li').length).toBe(2);
    expect(dom.querySelectorAll('ol > li').length).toBe(2);
    expect(dom.querySelectorAll('table th').length).toBe(2);
    expect(dom.querySelectorAll('table td').length).toBe(4);

    const written = markdownOf(editor);
    for (const line of narrative.split('\n').filter((l) => l && !l.startsWith('|'))) expect(written).toContain(line);
    expect(tableRows(written)).toEqual(tableRows(narrative));
    // The right-aligned amount column stays right-aligned.
    expect(written).toMatch(/^\| -+ \| -+: \|$/m);
    // Saving what was read again changes nothing: no drift from save to save.
    expect(markdownOf(open(written))).toBe(written);
  });

  it('keeps Khmer text exactly as typed', () => {
    const khmer = '## បរិបទ\n\nមេការាមានសន្តិភាពអស់រយៈពេលបីទសវត្សរ៍ ប៉ុន្តែកេរដំណែលនៃជម្លោះនៅតែមាន។';
    const written = markdownOf(open(khmer, 'km'));
    expect(written).toBe(khmer);
  });

  it('makes the selected words bold, and adds a heading', () => {
    const editor = open('Mekara has enjoyed peace');
    editor.commands.setTextSelection({ from: 1, to: 7 });
    run(editor, 'bold');
    expect(markdownOf(editor)).toBe('**Mekara** has enjoyed peace');
    run(editor, 'heading');
    expect(markdownOf(editor)).toBe('## **Mekara** has enjoyed peace');
  });

  it('inserts a table and adds and removes its rows and columns', () => {
    const editor = open('Costs by pillar:');
    editor.commands.setTextSelection(editor.state.doc.content.size - 1);
    run(editor, 'table');
    const rows = () => tableRows(markdownOf(editor));
    expect(rows().length).toBe(3);
    expect(rows()[0]?.length).toBe(3);
    expect(markdownOf(editor)).toMatch(/^\| -+ \| -+ \| -+ \|$/m);
    run(editor, 'add_row');
    expect(rows().length).toBe(4);
    run(editor, 'delete_column');
    expect(rows().every((r) => r.length === 2)).toBe(true);
    expect(markdownOf(editor).startsWith('Costs by pillar:')).toBe(true);
  });

  it('finds what in a text the editor would drop, and keeps every heading level', () => {
    const editor = open('');
    expect(unkept(editor, narrative)).toEqual([]);
    expect(unkept(editor, 'A map: ![map of the provinces](map.png)').sort()).toEqual(['image']);
    expect(unkept(editor, '<div class="box">Note</div>')).toEqual(['html']);
    expect(unkept(editor, '- [x] consulted\n- [ ] drafted')).toEqual(['task']);
    expect(unkept(editor, '| a |\n|---|\n| ![x](x.png) |')).toEqual(['image']);
    // A heading of a level the toolbar does not offer stays a heading of that level.
    expect(markdownOf(open('# Plan\n\n#### Detail'))).toBe('# Plan\n\n#### Detail');
  });
});
