// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * One flat config for the whole repo: .ts/.tsx/.mjs/.js. TypeScript files are linted with type information
 * (the project service finds each file's tsconfig through tsconfig.json's references), so the crash classes a
 * long-lived process dies of fail the lint: a promise nobody handles, an async function handed to an event
 * emitter or a DOM handler, a method passed without its `this`. Import layering: `npm run check:layers`.
 */
export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', '.fixtures/**', 'test-results/**', 'playwright-report/**', '.tmp/**', 'coverage/**'],
  },
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    extends: [js.configs.recommended, ...tseslint.configs.strict],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // With noUncheckedIndexedAccess, `xs[i]!` is the explicit, reviewed way to say "in bounds".
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [...tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/unbound-method': 'error',
      // Async functions that implement an async interface without awaiting are fine.
      '@typescript-eslint/require-await': 'off',
    },
  },
  // Tests read JSON and use expect.any(); `any` there never reaches the product.
  {
    files: ['**/*.test.{ts,tsx}', 'e2e/**', '**/__tests__/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  // Node: the engine, the Electron main process, the host, the CLI, scripts, tests and config files.
  {
    files: ['electron/**', 'scripts/**', 'e2e/**', 'bin/**', '*.{js,mjs,cjs,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  // The sandboxed preload runs with browser globals plus a tiny Node shim.
  {
    files: ['electron/preload/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // The renderer: browser only, React hooks rules.
  {
    files: ['renderer/**/*.{ts,tsx,js,mjs}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
