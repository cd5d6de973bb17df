// How every editing screen saves: each edit is one backend call that answers with the
// screen's new view; a refused edit keeps the view, marks the field it came from (by key)
// and says why in the interface language.
import { asBackendError } from '../api/backend';
import { t, type MessageKey } from '../i18n/i18n.svelte';

export class Saver<T> {
  /** The field last refused (its key) and why. */
  refused = $state<{ key: string; message: string } | null>(null);
  /** What the last save did, or why the view could not be loaded. */
  message = $state('');

  /**
   * @param show receives each new view
   * @param savedKey the message shown after a save
   * @param onedit called after each save (the window updates undo/redo)
   * @param specific messages that say more than the generic one for some error codes
   */
  constructor(
    private readonly show: (view: T) => void,
    private readonly savedKey: MessageKey,
    private readonly onedit: () => void = () => {},
    private readonly specific: Partial<Record<string, MessageKey>> = {},
  ) {}

  /** Runs `call`; true when it saved. */
  async save(key: string, call: () => Promise<T>): Promise<boolean> {
    try {
      this.show(await call());
      this.refused = null;
      this.message = t(this.savedKey);
      this.onedit();
      return true;
    } catch (e) {
      const code = asBackendError(e).code;
      const message = t(this.specific[code] ?? (`error.${code}` as MessageKey));
      this.refused = { key, message };
      this.message = message;
      return false;
    }
  }

  /** Loads the view; a failure is said in `message`. */
  load(call: () => Promise<T>) {
    call().then(
      (view) => this.show(view),
      (e: unknown) => (this.message = t(`error.${asBackendError(e).code}` as MessageKey)),
    );
  }

  /** `true` for the field last refused (for aria-invalid), otherwise `undefined`. */
  invalid(key: string): true | undefined {
    return this.refused?.key === key || undefined;
  }
}
