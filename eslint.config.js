// ESLint flat config: typescript-eslint for everything, react-hooks for the window,
// and boundaries that keep the layers apart (see design.md "Layout").
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/core/**', '**/app/main/**', '**/app/cli/**', 'electron', 'node:*'],
              message: 'The renderer imports only app/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'app/core is platform-free: no Electron.' }],
          patterns: [
            {
              group: ['react', 'react-dom', '**/app/main/**', '**/app/cli/**', '**/renderer/**'],
              message: 'app/core depends only on app/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    // The core's door: the CLI and the main process reach app/core only through
    // app/core/index.ts, or its small client door app/core/client.ts for processes
    // other tools run many times (docs/architecture.md).
    files: ['app/cli/**/*.ts', 'app/main/**/*.ts', 'app/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/*', '**/core/**/*', '!**/core/index', '!**/core/client'],
              message:
                'Import the core only through its door, app/core (index.ts), or app/core/client.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['app/preload/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name='ipcRenderer']",
          message: 'Only the preload bridge may use ipcRenderer.',
        },
      ],
    },
  },
);
