#!/usr/bin/env node
// `npm test`: lint, type-check, unit/integration tests (vitest), the builder config check,
// then the browser journeys (Playwright + Chromium). Ends with one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
mkdirSync(`${root}/test-results`, { recursive: true });

function run(label, cmd, args) {
  process.stdout.write(`\n▶ ${label}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  return r.status === 0;
}

function check(label, cmd, args) {
  if (run(label, cmd, args)) results.passed++;
  else {
    results.failed++;
    failures.push(label);
  }
}

function vitest(label, config, report, clock = null) {
  const out = `${root}/test-results/${report}.json`;
  rmSync(out, { force: true });
  const args = ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
  // With a clock, the whole process tree runs with its clock moved by libfaketime.
  const ok = clock ? run(label, 'faketime', ['-f', clock, 'npx', ...args]) : run(label, 'npx', args);
  if (!existsSync(out)) {
    results.failed++;
    failures.push(`${label} (no report)`);
    return;
  }
  const r = JSON.parse(readFileSync(out, 'utf8'));
  results.passed += r.numPassedTests;
  results.failed += r.numFailedTests;
  results.skipped += r.numPendingTests + r.numTodoTests;
  // A file that fails to load has no tests to count; count it as a failure.
  const broken = r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  results.failed += broken;
  if (!ok || r.numFailedTests || broken) failures.push(label);
}

check('lint', 'npx', ['eslint', '--config', 'build/eslint.config.mjs', '--max-warnings', '0', '.']);
check('type-check main, preload, db', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('type-check renderer', 'npx', ['tsc', '-p', 'renderer/tsconfig.json', '--noEmit']);
check('electron-builder configuration', 'node', ['build/check-builder-config.mjs']);
vitest('unit and integration tests', 'build/vitest.config.ts', 'unit');
// Time is an input: the same suite with the clock about a year ahead and on a leap day.
if (spawnSync('faketime', ['-f', '+0d', 'true']).status === 0) {
  vitest('unit and integration tests, clock a year ahead (faketime +366d)', 'build/vitest.config.ts', 'unit-year-ahead', '+366d');
  vitest('unit and integration tests, clock on 2028-02-29 (faketime)', 'build/vitest.config.ts', 'unit-leap-day', '@2028-02-29 09:30:00');
} else {
  results.failed++;
  failures.push('shifted-clock runs (faketime is not installed: apt-get install faketime)');
}
if (run('build renderer', 'npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'])) {
  vitest('browser tests (Chromium)', 'build/vitest.e2e.config.ts', 'e2e');
} else {
  results.failed++;
  failures.push('build renderer');
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
const skipped = results.skipped ? `, ${results.skipped} skipped` : '';
console.log(`\ntests: ${results.passed} passed, ${results.failed} failed${skipped}`);
process.exit(results.failed ? 1 : 0);
