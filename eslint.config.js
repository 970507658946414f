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
// canvas/ and panels/ are side by side: what both need lives in ui/ (widgets) or state/ (the open map, hooks).
const notFromPanels = {
  group: ['**/panels/*', '**/panels/**'],
  message: 'canvas/ must not import panels/: move what both use to ui/ or state/.',
};
const notFromCanvas = {
  group: ['**/canvas/*', '!**/canvas/layout', '!**/canvas/smoothCurve', '!**/canvas/navigation'],
  message: 'panels/ must not import canvas/ components: move what both use to ui/ or state/.',
};
const notFromFloorsAbove = {
  group: ['**/panels/*', '**/panels/**', '**/canvas/*', '**/canvas/**', '**/export/*', '**/export/**'],
  message: 'ui/ and state/ are below canvas/, panels/ and export/: they must not import them.',
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
    files: ['src/canvas/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { ...noYjsInComponents, patterns: [...noUpwardImports.patterns, notFromPanels] }] },
  },
  {
    files: ['src/panels/**'],
    rules: { 'no-restricted-imports': ['error', { ...noYjsInComponents, patterns: [...noUpwardImports.patterns, notFromCanvas] }] },
  },
  {
    files: ['src/ui/**', 'src/state/**'],
    rules: { 'no-restricted-imports': ['error', { ...noYjsInComponents, patterns: [...noUpwardImports.patterns, notFromFloorsAbove] }] },
  },
  {
    files: ['src/export/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { ...noYjsInComponents, ...noUpwardImports }] },
  },
  { files: ['src/app/**'], rules: { 'no-restricted-imports': ['error', noYjsInComponents] } },
  {
    files: ['src/export/**/*.ts', 'src/sync/**', 'src/i18n/**'],
    rules: { 'no-restricted-imports': ['error', noUpwardImports] },
  },
  {
    files: ['tests/e2e/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@playwright/test',
              importNames: ['test'],
              message: "Specs take test from './fixtures': it closes the browser contexts a test opens itself.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/canvas/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noUpwardImports.patterns, notFromPanels] }] },
  },
);
