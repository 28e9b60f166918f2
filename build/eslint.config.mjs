import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const NODE_BUILTINS = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'url', 'util', 'events', 'stream', 'zlib', 'worker_threads'];
const nodePatterns = ['node:*', ...NODE_BUILTINS, ...NODE_BUILTINS.map((m) => `${m}/*`)];
// Time is an input: "now" and "today" come from the one clock (db/clock.ts; the renderer's
// renderer/app/clock.ts follows it), so every rule can be tested on any date.
const clockMessage = 'Read the time from the clock module (db/clock.ts, renderer/app/clock.ts; tests use its setClock/advanceClock): time is an input.';
const noWallClock = [
  'error',
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: clockMessage },
  { selector: "MemberExpression[object.name='Date'][property.name='now']", message: clockMessage },
];
const noElectron = { name: 'electron', message: 'Only main/app and preload/index.ts may import electron (architecture.md).' };

export default tseslint.config(
  { ignores: ['.bench/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'bench/results/**', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [noElectron] }],
      'no-restricted-syntax': noWallClock,
    },
  },
  {
    files: ['db/clock.ts', 'renderer/app/clock.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['main/app/**/*.ts', 'preload/index.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'better-sqlite3', message: 'The renderer reaches data through the api client only.' }],
          patterns: [
            { group: nodePatterns, message: 'renderer/ runs in the browser sandbox: no Node modules.' },
            { group: ['**/main/**', '**/db/**'], message: 'renderer/ may only import preload/contract (types), never main/ or db/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'db/ never imports main/ or renderer/.' }] }],
    },
  },
  {
    files: ['main/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'better-sqlite3', message: 'main/domain holds pure rules: no I/O.' }],
          patterns: [
            { group: ['node:fs', 'fs', 'node:child_process', 'node:http', 'node:net'], message: 'main/domain holds pure rules: no I/O.' },
            { group: ['**/db/**', '**/api/**', '**/host/**', '**/cli/**', '**/app/**', '**/renderer/**'], message: 'main/domain depends on nothing but preload/contract types.' },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/contract.ts', 'preload/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: nodePatterns, message: 'The contract is shared with the renderer: no Node modules.' }, { group: ['**/main/**', '**/db/**', '**/renderer/**'], message: 'The contract depends on nothing of ours.' }] }],
    },
  },
  {
    files: ['main/api/**/*.ts', 'main/domain/**/*.ts', 'main/sync/**/*.ts', 'main/exchange/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['**/host/**', '**/cli/**', '**/app/**', '**/renderer/**'], message: 'Dependencies point down: api/domain/sync/exchange never import the transports.' }] }],
    },
  },
);
