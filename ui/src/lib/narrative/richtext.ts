// The narrative's rich-text editor: Tiptap (ProseMirror) with the formatting a NAP narrative
// uses — headings, bold, italic, bulleted and numbered lists, simple tables — read from and
// written back to Markdown, which is how the plan stores the text. Kept apart from the
// screen so that the round trip and the commands are tested on their own.
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Markdown } from '@tiptap/markdown';
import { TableKit } from '@tiptap/extension-table';

/** An editor in `element` showing `markdown`; `editable` false for a read-only section. */
export function createEditor(element: HTMLElement, markdown: string, editable: boolean, label: string, lang?: string): Editor {
  return new Editor({
    element,
    editable,
    extensions: [
      StarterKit.configure({
        // The toolbar offers levels 2 and 3 (below the section's own title); the others are
        // kept as they are in text written elsewhere.
        heading: { levels: [1, 2, 3, 4, 5, 6] },
        // Markdown has no underline; links stay text that cannot be followed from here.
        underline: false,
        link: { openOnClick: false, autolink: false, linkOnPaste: false },
      }),
      TableKit.configure({ table: { resizable: false } }),
      Markdown,
    ],
    content: markdown,
    contentType: 'markdown',
    // Its CSS is in richtext.css: an injected <style> element is refused by the app's CSP.
    injectCSS: false,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        ...(lang ? { lang } : {}),
      },
    },
  });
}

/** The editor's text as Markdown, with the trailing blank lines the plan does not keep. */
export function markdownOf(editor: Editor): string {
  return editor.getMarkdown().replace(/\s+$/, '');
}

/** Markdown the editor would not keep, by the name the screen explains it with. */
export type Unkept = 'image' | 'html' | 'task';

interface Token {
  type: string;
  task?: boolean;
  tokens?: Token[];
  items?: Token[];
  header?: Token[];
  rows?: Token[][];
}

/**
 * What in `markdown` the editor would drop if the text were edited and saved: images, raw
 * HTML and task-list boxes (text written with another tool, or merged from another copy).
 * Such a text is edited as Markdown instead, so that nothing in it is lost.
 */
export function unkept(editor: Editor, markdown: string): Unkept[] {
  const found = new Set<Unkept>();
  const walk = (tokens: unknown) => {
    if (!Array.isArray(tokens)) return;
    for (const token of tokens as Token[]) {
      if (token.type === 'image') found.add('image');
      if (token.type === 'html') found.add('html');
      if (token.task) found.add('task');
      walk(token.tokens);
      walk(token.items);
      walk(token.header);
      if (Array.isArray(token.rows)) for (const row of token.rows) walk(row);
    }
  };
  const marked = editor.markdown?.instance;
  if (marked) walk(marked.lexer(markdown));
  return [...found];
}
