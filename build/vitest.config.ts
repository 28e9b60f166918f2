import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['{main,db,preload,renderer,bench,build}/**/*.test.{ts,tsx}'],
    pool: 'forks',
    testTimeout: 30_000,
  },
});
