// The narrative toolbar's commands on a rich-text editor, and whether each applies where the
// cursor is. Only Tiptap's types are imported here, so that the screen loads the editor
// itself (richtext.ts) when a section is first shown.
import type { ChainedCommands, Editor } from '@tiptap/core';

interface Spec {
  apply: (chain: ChainedCommands) => ChainedCommands;
  /** The node or mark (with its attributes) the selection has when the command is on. */
  on?: [string, Record<string, unknown>?];
  /** Only with the cursor in a table. */
  inTable?: boolean;
}

const specs = {
  heading: { apply: (c) => c.toggleHeading({ level: 2 }), on: ['heading', { level: 2 }] },
  subheading: { apply: (c) => c.toggleHeading({ level: 3 }), on: ['heading', { level: 3 }] },
  bold: { apply: (c) => c.toggleBold(), on: ['bold'] },
  italic: { apply: (c) => c.toggleItalic(), on: ['italic'] },
  bullets: { apply: (c) => c.toggleBulletList(), on: ['bulletList'] },
  numbers: { apply: (c) => c.toggleOrderedList(), on: ['orderedList'] },
  table: { apply: (c) => c.insertTable({ rows: 3, cols: 3, withHeaderRow: true }) },
  add_row: { apply: (c) => c.addRowAfter(), inTable: true },
  add_column: { apply: (c) => c.addColumnAfter(), inTable: true },
  delete_row: { apply: (c) => c.deleteRow(), inTable: true },
  delete_column: { apply: (c) => c.deleteColumn(), inTable: true },
} satisfies Record<string, Spec>;

export type Command = keyof typeof specs;

/** Whether the command is only usable with the cursor in a table. */
export const forTables = (command: Command): boolean => (specs[command] as Spec).inTable === true;

/** Whether the command is a format the selection has or not (its button can show pressed). */
export const isToggle = (command: Command): boolean => (specs[command] as Spec).on !== undefined;

/** Applies a toolbar command to the editor's selection. */
export function run(editor: Editor, command: Command): boolean {
  return specs[command].apply(editor.chain().focus()).run();
}

/** Whether the selection already has the command's formatting (the button shows pressed). */
export function isActive(editor: Editor, command: Command): boolean {
  const on = (specs[command] as Spec).on;
  return on !== undefined && editor.isActive(on[0], on[1] ?? {});
}
