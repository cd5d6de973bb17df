// ESLint for the UI: the recommended JavaScript, TypeScript (type-checked by svelte-check,
// so only the syntactic rules here) and Svelte rules. Run by `npm run lint` and the test
// command. Generated bindings are left alone.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
  { ignores: ['dist/', 'src/lib/api/bindings/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig },
    },
  },
  {
    rules: {
      // `_name` marks a value left unused on purpose (a rest split, a mock's parameter).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Collections here are either local to a computation or replaced whole in a $state.raw
      // (the grid's row cache), never mutated in place where the page reads them.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
);
