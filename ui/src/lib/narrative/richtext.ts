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
        // Headings inside a section sit below the section's own title.
        heading: { levels: [2, 3] },
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
