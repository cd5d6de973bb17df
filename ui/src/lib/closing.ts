// Closing the window without losing what is being typed (the Rust side: src-tauri/src/
// commands/closing.rs). Fields save when they are left; on a close request the page leaves
// the field it is in, waits for every save, and then closes the window — or, when a save
// was refused, keeps it open so that the reason stays on screen beside the field.
import type { Backend, CallTracker } from './api/backend';

/** Sent on the page's window when a close request kept the window open (a save refused). */
export const CLOSE_KEPT = 'nap:close-kept';

/** What the window asks the page on a close request. */
export async function saveBeforeClose(backend: Pick<Backend, 'closeAfterSaving' | 'cancelClose'>, calls: CallTracker, doc: Document = document): Promise<void> {
  const failuresBefore = calls.failures;
  const active = doc.activeElement;
  if (active instanceof HTMLElement) active.blur();
  await calls.settled();
  if (calls.failures > failuresBefore) {
    await backend.cancelClose();
    doc.defaultView?.dispatchEvent(new CustomEvent(CLOSE_KEPT));
  } else await backend.closeAfterSaving();
}

declare global {
  interface Window {
    /** Called by the app (not the page) when the user closes the window. */
    __napBeforeClose?: () => Promise<void>;
  }
}
