// SPDX-License-Identifier: MIT
// House style for the JavaScript of the tree (issue 17): ESLint's recommended rules, run by the
// test command (scripts/test.sh, stage `lint`) on the whole tree; warnings are fixed, not silenced.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['build/**', 'node_modules/**', 'tests/fuzz/corpus/**'] },
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      'no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  // The page, its workers and the element run in the browser.
  { files: ['web/**/*.js', 'examples/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['web/sw.js'], languageOptions: { globals: { ...globals.serviceworker } } },
  { files: ['web/app/cohort-worker.js'], languageOptions: { globals: { ...globals.worker } } },
  // Tests, benchmarks and scripts run in Node (the browser tests also pass functions to the page).
  { files: ['tests/**/*.mjs', 'tests/**/*.js', 'bench/**/*.mjs', 'scripts/**/*.mjs', 'tools/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } } },
];
