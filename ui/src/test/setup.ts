import { afterEach } from 'vitest';
import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup } from '@testing-library/svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

// jsdom has no layout, so no ResizeObserver: element sizes stay 0 (bind:clientHeight gives 0,
// and the costing grid renders its overscan rows only).
class NoLayoutResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoLayoutResizeObserver as unknown as typeof ResizeObserver;
