// The narrative editor's formatting commands as pure text edits of Markdown: each takes the
// text and the selection and gives the new text and selection. Kept apart from the screen so
// that they are tested on their own.

export interface Edit {
  text: string;
  start: number;
  end: number;
}

export type Command = 'heading' | 'subheading' | 'bold' | 'italic' | 'bullets' | 'numbers' | 'table';

/** Wraps the selection in `mark` (or removes it when the selection is already wrapped). */
function wrap(e: Edit, mark: string, placeholder: string): Edit {
  const before = e.text.slice(0, e.start);
  const selected = e.text.slice(e.start, e.end);
  const after = e.text.slice(e.end);
  if (before.endsWith(mark) && after.startsWith(mark)) {
    return { text: before.slice(0, -mark.length) + selected + after.slice(mark.length), start: e.start - mark.length, end: e.end - mark.length };
  }
  const inner = selected || placeholder;
  return { text: before + mark + inner + mark + after, start: e.start + mark.length, end: e.start + mark.length + inner.length };
}

/** The start of the line `at` is on, and the end of the line the selection ends on. */
function lineSpan(text: string, start: number, end: number): [number, number] {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const next = text.indexOf('\n', end);
  return [from, next === -1 ? text.length : next];
}

/** Gives each selected line the prefix `mark(n)` in place of any heading or list marker. */
function prefixLines(e: Edit, mark: (n: number) => string): Edit {
  const [from, to] = lineSpan(e.text, e.start, e.end);
  const lines = e.text.slice(from, to).split('\n');
  const marked = lines.map((line, n) => mark(n) + line.replace(/^(#{1,6} |[-*+] |\d+\. )/, ''));
  const block = marked.join('\n');
  return { text: e.text.slice(0, from) + block + e.text.slice(to), start: from, end: from + block.length };
}

const TABLE = '| Column | Column |\n|---|---|\n|  |  |\n';

/** Applies a formatting command to the text and selection. */
export function format(e: Edit, command: Command, placeholder: string): Edit {
  switch (command) {
    case 'bold':
      return wrap(e, '**', placeholder);
    case 'italic':
      return wrap(e, '*', placeholder);
    case 'heading':
      return prefixLines(e, () => '## ');
    case 'subheading':
      return prefixLines(e, () => '### ');
    case 'bullets':
      return prefixLines(e, () => '- ');
    case 'numbers':
      return prefixLines(e, (n) => `${n + 1}. `);
    case 'table': {
      // A table needs a blank line before it to be read as one.
      const before = e.text.slice(0, e.end);
      const gap = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
      const text = before + gap + TABLE + e.text.slice(e.end);
      const at = before.length + gap.length + 2;
      return { text, start: at, end: at + 'Column'.length };
    }
  }
}
