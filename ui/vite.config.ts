import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  // Tauri serves the built files itself; keep paths relative and everything bundled.
  base: './',
  clearScreen: false,
  // The label catalogue lives at the repository's root (`i18n/`), shared with the exports.
  server: { port: 5173, strictPort: true, fs: { allow: ['.', '../i18n'] } },
  build: {
    outDir: 'dist',
    target: 'safari15',
    // Fonts and images are emitted as files rather than inlined, so the CSP needs no data: fonts.
    assetsInlineLimit: 0,
  },
  // Component tests mount Svelte's browser build in jsdom.
  resolve: mode === 'test' ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
  },
}));
