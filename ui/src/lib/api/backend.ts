// The backend behind an interface: the app uses Tauri's invoke, tests use mockIPC or a fake.
import { invoke } from '@tauri-apps/api/core';
import type { IpcError } from './bindings/IpcError';
import type { ErrorCode } from './bindings/ErrorCode';
import { commandsOver, type Command, type Commands } from './commands';

/**
 * Everything the page can ask of the app: one method per command, generated with its
 * arguments and answer from the Rust command functions (`commands.ts`).
 */
export type Backend = Commands;

/** An IPC failure with the code the UI branches on. */
export class BackendError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function isIpcError(e: unknown): e is IpcError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

/**
 * The calls the page has made and not yet heard back from, and how many were refused: what
 * closing the window waits for (see `closing.ts`).
 */
export class CallTracker {
  readonly inflight = new Set<Promise<unknown>>();
  failures = 0;

  /** `promise`, counted while it runs and, if it fails, among the failures. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.inflight.add(promise);
    promise.then(
      () => this.inflight.delete(promise),
      () => {
        this.inflight.delete(promise);
        this.failures += 1;
      },
    );
    return promise;
  }

  /**
   * Resolves once a task passes with no call in flight. Handlers start their calls a few
   * microtasks after the event that asked for them (a field left), so one task is let pass
   * before looking.
   */
  async settled(): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.inflight.size === 0) return;
      await Promise.allSettled([...this.inflight]);
    }
  }
}

/** Every call the app makes through `tauriBackend`. */
export const calls = new CallTracker();

async function call<T>(command: Command, args?: Record<string, unknown>): Promise<T> {
  return calls.track(
    invoke<T>(command, args).catch((e: unknown) => {
      if (isIpcError(e)) throw new BackendError(e.code, e.message);
      throw new BackendError('internal', String(e));
    }),
  );
}

export const tauriBackend: Backend = {
  ...commandsOver(call),
  // Closing is not tracked: closing waits for the tracked calls to settle first.
  closeAfterSaving: () => invoke<void>('close_after_saving'),
  cancelClose: () => invoke<void>('cancel_close'),
};

/** The BackendError for anything a backend call threw. */
export function asBackendError(e: unknown): BackendError {
  return e instanceof BackendError ? e : new BackendError('internal', String(e));
}
