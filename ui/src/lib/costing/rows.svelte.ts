// The lines of the costing grid the page holds: blocks of rows fetched from the backend as
// they scroll into view, and a bounded number of them kept, so that a 30,000-line plan is
// never loaded (or kept in the web view) whole.
import type { GridLine } from '../api/bindings/GridLine';
import type { GridRows } from '../api/bindings/GridRows';

/** Rows per block: what one fetch asks for, and what the grid's first load brings. */
export const BLOCK = 100;
/** Blocks kept at most; the farthest from the rows last asked for go first. */
export const KEPT_BLOCKS = 12;

export type FetchRows = (offset: number, limit: number) => Promise<GridRows>;

export class GridRowCache {
  /** How many lines the filter lets through in all. */
  count = $state(0);
  /** Replaced (never changed in place) on every change, so that readers update. */
  private blocks = $state.raw(new Map<number, GridLine[]>());
  /** Blocks being fetched, with the promise that settles when they are in. */
  private pending = new Map<number, Promise<void>>();
  /** Bumped when the lines start again; a fetch started before then is dropped. */
  private generation = 0;

  constructor(
    private readonly fetch: FetchRows,
    private readonly onfailure: (error: unknown) => void,
  ) {}

  /** Starts again from `count` lines of which `first` are the first ones. */
  reset(count: number, first: GridLine[]) {
    this.generation += 1;
    this.pending.clear();
    this.count = count;
    const blocks = new Map<number, GridLine[]>();
    for (let b = 0; b * BLOCK < first.length; b++) {
      const lines = first.slice(b * BLOCK, (b + 1) * BLOCK);
      if (this.complete(b, lines)) blocks.set(b, lines);
    }
    this.blocks = blocks;
  }

  /**
   * Lines from `row` on have moved (a line was added or deleted there) and there are now
   * `count`: the blocks from there are fetched again when needed.
   */
  shiftedFrom(row: number, count: number) {
    this.generation += 1;
    this.pending.clear();
    this.count = count;
    const from = Math.floor(row / BLOCK);
    this.blocks = new Map([...this.blocks].filter(([b]) => b < from));
  }

  /** The line at `row`, if the page holds it. */
  at(row: number): GridLine | undefined {
    return this.blocks.get(Math.floor(row / BLOCK))?.[row % BLOCK];
  }

  /** Puts `line` (after an edit) at `row`, if the page holds that row. */
  set(row: number, line: GridLine) {
    const b = Math.floor(row / BLOCK);
    const block = this.blocks.get(b);
    if (!block) return;
    const next = block.slice();
    next[row % BLOCK] = line;
    this.blocks = new Map(this.blocks).set(b, next);
  }

  /** Fetches the blocks of rows `from..to` the page does not hold; settles when they are in. */
  ensure(from: number, to: number): Promise<void> {
    const last = Math.min(to, this.count) - 1;
    const waits: Promise<void>[] = [];
    for (let b = Math.floor(Math.max(0, from) / BLOCK); b * BLOCK <= last; b++) {
      if (this.blocks.has(b)) continue;
      waits.push(this.pending.get(b) ?? this.load(b, Math.floor(Math.max(0, from) / BLOCK)));
    }
    return Promise.all(waits).then(() => undefined);
  }

  private complete(b: number, lines: GridLine[]): boolean {
    return lines.length === Math.min(BLOCK, this.count - b * BLOCK);
  }

  private load(b: number, near: number): Promise<void> {
    const generation = this.generation;
    const loading = this.fetch(b * BLOCK, BLOCK).then(
      (rows) => {
        if (generation !== this.generation) return;
        this.pending.delete(b);
        this.count = rows.count;
        if (!this.complete(b, rows.lines)) return;
        const blocks = new Map(this.blocks).set(b, rows.lines);
        // Keep the blocks nearest the rows asked for.
        const far = [...blocks.keys()].sort((x, y) => Math.abs(y - near) - Math.abs(x - near));
        for (const drop of far.slice(0, Math.max(0, blocks.size - KEPT_BLOCKS))) blocks.delete(drop);
        this.blocks = blocks;
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.pending.delete(b);
        this.onfailure(error);
      },
    );
    this.pending.set(b, loading);
    return loading;
  }
}

/** A row of the grid in view: its line, once fetched. */
export type VisibleRow = { line: GridLine | undefined; row: number };

/**
 * The rows `first..last` in view, reusing the item `shown` has for a row whose line did not
 * change. Svelte skips an item it already has, so an edit, which changes one line, draws only
 * that row again: drawing every row in view again took most of an edit's time in the page.
 */
export function visibleRows(
  shown: ReadonlyMap<number, VisibleRow>,
  first: number,
  last: number,
  at: (row: number) => GridLine | undefined,
): Map<number, VisibleRow> {
  const next = new Map<number, VisibleRow>();
  for (let row = first; row < last; row++) {
    const line = at(row);
    const before = shown.get(row);
    next.set(row, before && before.line === line ? before : { line, row });
  }
  return next;
}
