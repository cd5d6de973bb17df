// The Import screen's work, kept apart from the screen: a review of a 240,000-row sheet takes
// seconds, and the officer may look at another tab meanwhile. The answer lands here, and the
// screen, shown again, shows it (with the file, sheet and columns chosen) instead of an
// empty form. Another plan opened starts it afresh (`reset`).
import type { Backend } from '../api/backend';
import { asBackendError, type BackendError } from '../api/backend';
import type { SheetImported } from '../api/bindings/SheetImported';
import type { SheetField } from '../api/bindings/SheetField';

/** What the officer reads a column as: a field, the amounts of a year of the plan, or
 *  nothing (`ignore`: the column is left out). */
export type ColumnReading = SheetField | `year:${number}` | 'ignore';

export class ImportSession {
  path = $state('');
  sheet = $state<string | null>(null);
  /** Columns the officer chose to read as a field or a year, by column letter. */
  chosen = $state<Record<string, ColumnReading>>({});
  skipInvalid = $state(false);
  /** The last review's answer; raw: a wrong file's review lists 100,000s of refusals. */
  review = $state.raw<SheetImported | null>(null);
  done = $state.raw<SheetImported | null>(null);
  /** A review or import started here is running. */
  busy = $state(false);
  /** Why the last review or import failed. */
  error = $state.raw<BackendError | null>(null);
  /** Bumped by `reset`: the answer of a task started before it is dropped. */
  private generation = 0;
  /** The file `sheet` and `chosen` were picked in: a review of another file (its path typed
   *  or pasted over the last one) starts without them, as its sheets and columns differ. */
  private choicesFor = '';

  reset() {
    this.generation += 1;
    this.choicesFor = '';
    this.path = '';
    this.sheet = null;
    this.chosen = {};
    this.skipInvalid = false;
    this.review = null;
    this.done = null;
    this.busy = false;
    this.error = null;
  }

  private request() {
    return {
      path: this.path,
      sheet: this.sheet,
      map: Object.entries(this.chosen).map(([column, field]) => ({ field, column })),
      skip_invalid: this.skipInvalid,
    };
  }

  /** Starts a review or an import; returns the generation its answer belongs to. */
  private begin(): number {
    this.busy = true;
    this.error = null;
    return this.generation;
  }

  /** Ends the task of `generation`; false when a `reset` came since (its answer is dropped). */
  private end(generation: number): boolean {
    if (generation !== this.generation) return false;
    this.busy = false;
    return true;
  }

  /** Reviews the file chosen: what importing it would do; nothing is written. */
  async load(backend: Backend) {
    if (this.path !== this.choicesFor) {
      this.sheet = null;
      this.chosen = {};
      this.choicesFor = this.path;
    }
    const generation = this.begin();
    this.done = null;
    try {
      const review = await backend.reviewSheet(this.request());
      if (!this.end(generation)) return;
      this.review = review;
      this.sheet = review.sheet || null;
    } catch (e) {
      if (!this.end(generation)) return;
      this.review = null;
      this.error = asBackendError(e);
    }
  }

  /** Imports the file as reviewed, as one undoable edit. Returns whether it was imported. */
  async importNow(backend: Backend): Promise<boolean> {
    const generation = this.begin();
    try {
      const done = await backend.importSheet(this.request());
      if (!this.end(generation)) return false;
      this.done = done;
      this.review = null;
      return true;
    } catch (e) {
      if (this.end(generation)) this.error = asBackendError(e);
      return false;
    }
  }

  /** Asks the officer for a file, then reviews it. */
  async choose(backend: Backend) {
    try {
      const picked = await backend.chooseSheetToImport();
      if (!picked) return;
      this.path = picked;
      this.sheet = null;
      this.chosen = {};
    } catch (e) {
      this.error = asBackendError(e);
      return;
    }
    await this.load(backend);
  }

  pickSheet(backend: Backend, name: string) {
    this.sheet = name;
    this.chosen = {};
    void this.load(backend);
  }

  pickField(backend: Backend, column: string, field: ColumnReading) {
    this.chosen = { ...this.chosen, [column]: field };
    void this.load(backend);
  }
}

/** The session the app's Import screen uses. */
export const importSession = new ImportSession();
