// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Type-aware lint: typescript-eslint's recommended type-checked rules over the TypeScript sources
 * (the tsconfig project), with type-only imports written as such and no import reaching into a
 * package's build output (`pkg/dist/...`): only what a package exports is its interface.
 */
export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'web/dist/', 'web/src/gql/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(@[^/]+/)?[^./][^/]*/dist(/|$)', message: "Import what the package exports, not a file of its build output (dist/)." }] },
      ],
      // Apollo's plugin hooks, Fastify's hooks and knex's migration source are async by contract: an
      // implementation with nothing to await is still right.
      '@typescript-eslint/require-await': 'off',
      // Unused names are the compiler's job (noUnusedLocals, noUnusedParameters), with `_` for the deliberate ones.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Plain JavaScript (this file, jest.config.js) is not in the TypeScript project.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
  },
  {
    // A test reads a response's JSON as `any` and asserts its whole shape (toEqual): typing each read
    // would add casts, not checks.
    files: ['test/**/*.ts', '**/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
