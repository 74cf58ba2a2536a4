import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '**/dist/**',
      'node_modules/**',
      'coverage/**',
      'var/**',
      'apps/web/src/lib/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      'no-console': ['error', { allow: ['error'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  { files: ['*.js'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } } },
  { files: ['bench/**', 'scripts/**', 'apps/cli/**', 'apps/web/build/**'], rules: { 'no-console': 'off' } },
  {
    files: ['jest.mutate.config.js', 'stryker.config.mjs'],
    languageOptions: { globals: { process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['scripts/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The web app reads one way, shared → features → app (STYLE.md 13): a feature never imports
  // another feature or the app shell, and shared code imports neither.
  {
    files: ['apps/web/src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./(?!\\.\\.)', message: 'A feature does not import another feature.' },
            { regex: '/(app|features)/', message: 'Features import shared code only (components, lib).' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/src/{components,lib}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '/(app|features)/', message: 'Shared code does not import features or the app.' }] },
      ],
    },
  },
  // Core is below every context: it must not know their tables, so not the migrations either
  // (the apps pass them to prepareDatabase).
  {
    files: ['libs/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^@haven/(?!core)', message: 'Core imports no context.' },
            { regex: '(^|/)migrations(/|$)', message: 'Core does not import the migrations.' },
          ],
        },
      ],
    },
  },
);
