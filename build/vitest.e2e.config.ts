import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser journeys: one file at a time (each starts Chromium and a host), long timeouts.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // The suite runs on a 2-core machine that may be busy: a wait follows a state, and
    // gives it time (the poll returns as soon as the state is there).
    expect: { poll: { timeout: 30_000, interval: 50 } },
  },
});
