import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Only repositories touch collections (docs/conventions.md §2): services ask their repository. */
const onlyRepositoriesTouchCollections = {
  selector: "CallExpression[callee.property.name='collection']",
  message:
    'Only repositories (*.repository.ts) touch collections: add a method to the function’s repository and call that.',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', 'coverage/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The runtime (database port, caller, outbox), the local host and seed, the database config, tests and
    // benchmarks work below or beside the repositories.
    ignores: [
      '**/*.repository.ts',
      'cloudfunctions/_runtime/**',
      'cloudfunctions/_local/**',
      'config/**',
      'test/**',
      'bench/**',
    ],
    rules: {
      'no-restricted-syntax': ['error', onlyRepositoriesTouchCollections],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@shared/collections',
                '**/_runtime/db',
                '**/_runtime/fetch-all',
                '**/_runtime/repository',
              ],
              message: 'Collections, queries and transactions belong in a repository (*.repository.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    // shared/ is pure: no clock, no global randomness (docs/conventions.md §10).
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'fetch', 'process'],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'shared/ is deterministic: take a seed.' },
        { object: 'Date', property: 'now', message: 'shared/ takes time as an argument.' },
      ],
      'no-restricted-syntax': [
        'error',
        onlyRepositoriesTouchCollections,
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'shared/ takes time as an argument.',
        },
      ],
    },
  },
);
