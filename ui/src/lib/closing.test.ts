import { describe, expect, it, vi } from 'vitest';
import { CallTracker } from './api/backend';
import { CLOSE_KEPT, saveBeforeClose } from './closing';

/** A field that saves when it is left, as the screens' fields and the narrative editor do. */
function fieldSavingOnLeave(calls: CallTracker, outcome: 'saved' | 'refused', log: string[]) {
  const input = document.createElement('input');
  document.body.append(input);
  input.addEventListener('blur', () => {
    // The save starts a little after the field is left, like a handler that first awaits.
    void Promise.resolve().then(() =>
      calls
        .track(
          new Promise<void>((resolve, reject) =>
            setTimeout(() => {
              log.push(outcome);
              if (outcome === 'saved') resolve();
              else reject(new Error('refused'));
            }, 20),
          ),
        )
        .catch(() => undefined),
    );
  });
  input.focus();
  return input;
}

function fakeBackend(log: string[]) {
  return {
    closeAfterSaving: vi.fn(async () => void log.push('close')),
    cancelClose: vi.fn(async () => void log.push('stay open')),
  };
}

describe('closing the window', () => {
  it('leaves the field being typed in and closes only once its save is done', async () => {
    const calls = new CallTracker();
    const log: string[] = [];
    const input = fieldSavingOnLeave(calls, 'saved', log);
    const backend = fakeBackend(log);
    await saveBeforeClose(backend, calls);
    expect(document.activeElement).not.toBe(input);
    expect(log).toEqual(['saved', 'close']);
    expect(backend.cancelClose).not.toHaveBeenCalled();
    input.remove();
  });

  it('stays open when the save is refused, so the reason stays beside the field', async () => {
    const calls = new CallTracker();
    const log: string[] = [];
    const input = fieldSavingOnLeave(calls, 'refused', log);
    const backend = fakeBackend(log);
    const kept = vi.fn();
    window.addEventListener(CLOSE_KEPT, kept);
    await saveBeforeClose(backend, calls);
    window.removeEventListener(CLOSE_KEPT, kept);
    expect(log).toEqual(['refused', 'stay open']);
    expect(kept, 'the app is told, to say why the window stayed').toHaveBeenCalledTimes(1);
    expect(backend.closeAfterSaving).not.toHaveBeenCalled();

    // Asked again with nothing left to save, it closes: an earlier refusal does not count.
    await saveBeforeClose(backend, calls);
    expect(log).toEqual(['refused', 'stay open', 'close']);
    input.remove();
  });

  it('closes at once when nothing is being typed', async () => {
    const calls = new CallTracker();
    const log: string[] = [];
    (document.activeElement as HTMLElement | null)?.blur();
    await saveBeforeClose(fakeBackend(log), calls);
    expect(log).toEqual(['close']);
  });
});
