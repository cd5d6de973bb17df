// The narrative toolbar's commands on a rich-text editor, and whether each applies where the
// cursor is. Only Tiptap's types are imported here, so that the screen loads the editor
// itself (richtext.ts) when a section is first shown.
import type { Editor } from '@tiptap/core';

export type Command = 'heading' | 'subheading' | 'bold' | 'italic' | 'bullets' | 'numbers' | 'table' | 'add_row' | 'add_column' | 'delete_row' | 'delete_column';

/** Commands that only make sense with the cursor in a table. */
export const tableCommands: Command[] = ['add_row', 'add_column', 'delete_row', 'delete_column'];

/** Applies a toolbar command to the editor's selection. */
export function run(editor: Editor, command: Command): boolean {
  const chain = editor.chain().focus();
  switch (command) {
    case 'heading':
      return chain.toggleHeading({ level: 2 }).run();
    case 'subheading':
      return chain.toggleHeading({ level: 3 }).run();
    case 'bold':
      return chain.toggleBold().run();
    case 'italic':
      return chain.toggleItalic().run();
    case 'bullets':
      return chain.toggleBulletList().run();
    case 'numbers':
      return chain.toggleOrderedList().run();
    case 'table':
      return chain.insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run();
    case 'add_row':
      return chain.addRowAfter().run();
    case 'add_column':
      return chain.addColumnAfter().run();
    case 'delete_row':
      return chain.deleteRow().run();
    case 'delete_column':
      return chain.deleteColumn().run();
  }
}

/** Whether the selection already has the command's formatting (the button shows pressed). */
export function isActive(editor: Editor, command: Command): boolean {
  switch (command) {
    case 'heading':
      return editor.isActive('heading', { level: 2 });
    case 'subheading':
      return editor.isActive('heading', { level: 3 });
    case 'bold':
      return editor.isActive('bold');
    case 'italic':
      return editor.isActive('italic');
    case 'bullets':
      return editor.isActive('bulletList');
    case 'numbers':
      return editor.isActive('orderedList');
    default:
      return false;
  }
}
