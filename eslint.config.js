// ESLint (npm run lint): typescript-eslint's recommended rules, and the layering of the tree.
//
// Imports run downward only (ARCHITECTURE.md):
//   core  <-  db  <-  plans  <-  schedules  <-  digests  <-  bot  <-  app, bin
// (plans use db for the commit; db takes its schema's types from core). sandbox, bench, deploy
// and test may import anything;
// nothing imports sandbox but app (and the tests and benches that drive it).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

/** Each folder, and the folders it must not import from. */
const FORBIDDEN = {
  core: ['db', 'plans', 'schedules', 'digests', 'bot', 'app', 'bin', 'sandbox'],
  db: ['plans', 'schedules', 'digests', 'bot', 'app', 'bin', 'sandbox'],
  plans: ['schedules', 'digests', 'bot', 'app', 'bin', 'sandbox'],
  schedules: ['digests', 'bot', 'app', 'bin', 'sandbox'],
  digests: ['bot', 'app', 'bin', 'sandbox'],
  bot: ['app', 'bin', 'sandbox'],
  bin: ['sandbox'],
};

const zones = Object.entries(FORBIDDEN).flatMap(([target, from]) =>
  from.map((source) => ({
    target: `./${target}`,
    from: `./${source}`,
    message: `${target}/ is below ${source}/: imports run downward only (ARCHITECTURE.md).`,
  })),
);

export default tseslint.config(
  { files: ['**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'db/migrations/', 'sandbox/web/public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js', '.json'] } } },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      // Chinese text carries the ideographic space (U+3000) in strings, templates and patterns on purpose.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipRegExps: true, skipComments: true }],
      // Control characters are matched on purpose: cleaning text read from spreadsheets and files.
      'no-control-regex': 'off',
      // Unused names are errors, except those marked unused on purpose (`_id`, `_error`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
