// ESLint (flat config): typescript-eslint's type-aware recommended rules over every TypeScript
// file tsc checks (src and tests, one program: tsconfig.test.json), plus a few correctness rules.
// Formatting is Prettier's job (`prettier --check .`); eslint-config-prettier switches off any
// stylistic rule that could disagree with it. Architecture rules live in .dependency-cruiser.cjs.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/', '**/dist/', 'data/', 'coverage/', 'test/bench/results/'] },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Promises: a forgotten `await` lets a rejection escape every handler (style.md, pitfall 2).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // Dropping keys by destructuring (`const { http: _http, ...rest } = x`) is how we omit fields.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // One import statement per module; `import type` beside a value import of the same module is
      // allowed (it is erased at compile time and says which names are types only).
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
      // Turned off, with reasons:
      // - require-await: Apollo plugin hooks and interface implementations are `async` by contract
      //   without awaiting anything (a throw inside them must become a rejection, not a sync throw).
      '@typescript-eslint/require-await': 'off',
      // - no-unsafe-*: these flag every USE of an `any` value. Our `any` values come from APIs typed
      //   that way (TypeORM's raw `query()`/`getRawMany()`, `JSON.parse`, `res.json()`); writing
      //   `any` ourselves is still an error (no-explicit-any above). Typing raw rows and GraphQL
      //   responses is follow-up work (about 146 findings in src, 6,000 in tests when measured).
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // Tests and their harnesses read GraphQL responses: JSON whose shape is exactly what the test
    // asserts. They type it `any` rather than restate the schema in every file (a client typed
    // from the schema, e.g. generated operation types, would be the real fix).
    files: ['**/*.test.ts', 'test/**/*.ts', '**/src/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // One way to make a keyed create (issue 19): the mutation toolkit (shared/src/database/mutations.ts).
    files: ['subgraphs/*/src/**/*.ts', 'gateway/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@group/shared',
              importNames: ['idempotent', 'IdempotencyClaim'],
              message: 'Use idempotentCreate (or idempotentWrite) from the mutation toolkit: it opens the transaction and claims the key.',
            },
          ],
        },
      ],
    },
  },
  {
    // The few plain JavaScript files (jest configs, the ts register hook, these configs): CommonJS on Node.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  prettier,
);
