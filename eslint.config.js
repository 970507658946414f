import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Module boundaries (ARCHITECTURE.md): the model and the server know nothing
// of React; components never touch Yjs directly (they call model commands).
const noReact = {
  patterns: [
    {
      group: ['react', 'react-dom', 'react/*', '@xyflow/*', 'zustand', '**/i18n/useTranslation'],
      message: 'model/ and server/ must not depend on React or UI state.',
    },
  ],
};
const noYjsInComponents = {
  paths: [
    { name: 'yjs', message: 'Components call model commands; only model/, sync/ and type imports touch Yjs.', allowTypeImports: true },
  ],
};
const noUpwardImports = {
  patterns: [{ group: ['../app/*', '../../app/*'], message: 'app/ is the top floor: nothing imports from it.' }],
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'data', '.scratch'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  // One block per directory: a later block's no-restricted-imports would replace an earlier one's, not add to it.
  { files: ['server/**'], rules: { 'no-restricted-imports': ['error', noReact] } },
  {
    files: ['src/model/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noReact.patterns, ...noUpwardImports.patterns] }] },
  },
  {
    files: ['src/canvas/**/*.tsx', 'src/panels/**', 'src/state/**', 'src/export/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { ...noYjsInComponents, ...noUpwardImports }] },
  },
  { files: ['src/app/**'], rules: { 'no-restricted-imports': ['error', noYjsInComponents] } },
  {
    files: ['src/canvas/**/*.ts', 'src/export/**/*.ts', 'src/sync/**', 'src/i18n/**'],
    rules: { 'no-restricted-imports': ['error', noUpwardImports] },
  },
);
