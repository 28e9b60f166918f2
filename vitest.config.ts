import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{main,db,preload,renderer,bench}/**/*.test.{ts,tsx}'],
    pool: 'forks',
    testTimeout: 30_000,
  },
});
