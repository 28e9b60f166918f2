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

const NODE_IO = ['node:fs', 'fs', 'node:fs/*', 'fs/*', 'node:child_process', 'child_process', 'node:http', 'http', 'node:https', 'https', 'node:net', 'net', 'node:os', 'os', 'node:worker_threads', 'worker_threads'];
const sqlite = (why) => ({ name: 'better-sqlite3', message: why });
const up = (groups, message) => ({ group: groups, message });
const TRANSPORTS = ['**/main/host/**', '**/host/**', '**/main/cli/**', '**/cli/**', '**/main/app/**', '**/app/**'];
const RENDERER = ['**/renderer/**'];

/** One entry per layer: the files and everything they may not import. */
const LAYERS = [
  {
    files: ['main/app/**/*.ts'],
    deny: { patterns: [up(RENDERER, 'main/app serves the built renderer; it never imports its code.')] },
  },
  {
    files: ['preload/index.ts'],
    deny: { patterns: [up(['**/main/**', '**/db/**', ...RENDERER], 'The preload bridges the contract only.')] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts', 'renderer/**/*.test.{ts,tsx}'],
    deny: {
      paths: [noElectron, sqlite('The renderer reaches data through the api client only.')],
      patterns: [
        up(nodePatterns, 'renderer/ runs in the browser sandbox: no Node modules.'),
        up(['**/main/**', '**/db/**', '**/e2e/**', '**/bench/**'], 'renderer/ may only import preload/contract (types), never main/ or db/.'),
      ],
    },
  },
  {
    // A renderer test may run the real API in its process (a store over a real workspace), never Electron.
    files: ['renderer/**/*.test.{ts,tsx}'],
    deny: { paths: [noElectron], patterns: [up(['**/e2e/**', '**/bench/**'], 'A renderer test drives the store over the real API, not the browser journeys or benchmarks.')] },
  },
  {
    files: ['db/**/*.ts'],
    deny: { paths: [noElectron], patterns: [up(['**/main/**', ...RENDERER], 'db/ never imports main/ or renderer/.')] },
  },
  {
    files: ['main/domain/**/*.ts'],
    deny: {
      paths: [noElectron, sqlite('main/domain holds pure rules: no I/O.')],
      patterns: [
        up(NODE_IO, 'main/domain holds pure rules: no I/O.'),
        up(['**/db/**', '**/main/api/**', '**/api/**', '**/main/sync/**', '**/sync/**', '**/main/exchange/**', '**/exchange/**', ...TRANSPORTS, ...RENDERER], 'main/domain depends on nothing but preload/contract types.'),
        up(['**/api/session', '**/api/session.js'], 'main/domain holds pure rules: no session.'),
      ],
    },
  },
  {
    files: ['main/api/**/*.ts'],
    deny: { paths: [noElectron], patterns: [up([...TRANSPORTS, ...RENDERER], 'Dependencies point down: main/api never imports the transports.')] },
  },
  {
    files: ['main/sync/**/*.ts'],
    deny: {
      paths: [noElectron],
      patterns: [up(['**/main/api/**', '**/api/**', '**/main/exchange/**', '**/exchange/**', ...TRANSPORTS, ...RENDERER], 'Dependencies point down: main/sync uses db and domain, never the api, exchange or the transports.')],
    },
  },
  {
    files: ['main/exchange/**/*.ts'],
    deny: {
      paths: [noElectron],
      patterns: [up(['**/main/api/**', '**/api/**', '**/main/sync/**', '**/sync/**', ...TRANSPORTS, ...RENDERER], 'Dependencies point down: main/exchange uses db and domain, never the api, sync or the transports.')],
    },
  },
  {
    files: ['main/host/**/*.ts', 'main/cli/**/*.ts'],
    deny: { paths: [noElectron], patterns: [up(['**/main/app/**', '**/app/**', ...RENDERER], 'The host and the CLI are transports beside main/app: no Electron, no renderer code.')] },
  },
  {
    files: ['preload/contract.ts', 'preload/contract/**/*.ts'],
    deny: { paths: [noElectron], patterns: [up(nodePatterns, 'The contract is shared with the renderer: no Node modules.'), up(['**/main/**', '**/db/**', ...RENDERER], 'The contract depends on nothing of ours.')] },
  },
  {
    files: ['e2e/**/*.ts', 'bench/**/*.ts', 'build/**/*.ts'],
    deny: { paths: [noElectron] },
  },
];

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
  // Layer rules (architecture.md). Each file belongs to exactly one layer block below, and each
  // block lists its layer's complete deny list: in a flat config a later block's
  // no-restricted-imports replaces an earlier one for the same file, it does not add to it.
  // build/eslint-layers.test.ts lints a violating file for each rule.
  ...LAYERS.map(({ files, ignores, deny }) => ({ files, ...(ignores ? { ignores } : {}), rules: { 'no-restricted-imports': ['error', deny] } })),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
);
