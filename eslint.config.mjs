import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const viaShim = name => ({
  name,
  message: `Extensions and modes reach the network and browser storage only through @readingroom/platform-shim (see DESIGN.md, "The one rule").`,
});

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/build/**', '**/node_modules/**', 'coverage/**', 'data/**', 'test-results/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Export named items; no `export *` (keeps the public surface reviewable).' },
      ],
    },
  },
  {
    files: ['platform-shim/src/**', 'extensions/**/src/**', 'modes/**/src/**', 'e2e/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['extensions/**/src/**/*.{ts,tsx}', 'modes/**/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-globals': [
        'error',
        viaShim('fetch'),
        viaShim('XMLHttpRequest'),
        viaShim('WebSocket'),
        viaShim('EventSource'),
        viaShim('localStorage'),
        viaShim('sessionStorage'),
        viaShim('indexedDB'),
        viaShim('BroadcastChannel'),
        viaShim('open'),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'fetch', message: 'Use @readingroom/platform-shim.' },
        { object: 'window', property: 'open', message: 'Use @readingroom/platform-shim.' },
        { object: 'window', property: 'localStorage', message: 'Use @readingroom/platform-shim.' },
        { object: 'navigator', property: 'clipboard', message: 'Use @readingroom/platform-shim.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@readingroom/platform-shim/*'], message: 'Import from @readingroom/platform-shim only (no deep imports).' },
            { group: ['@ohif/*/src/*', '@cornerstonejs/*/dist/*'], message: 'Host internals are reached through the host bridge.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'bench/**'],
    languageOptions: { globals: { ...globals.jest, ...globals.node, ...globals.browser } },
  },
  {
    // Playwright fixtures must destructure their first argument, even when they use nothing from it.
    files: ['e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
