/**
 * bench/run.ts — runs every benchmark case in bench/cases/ (file-name order) in one
 * process, on seeded data in a fresh temp folder, and prints app-vs-raw ratios measured
 * in the same run. Results are also written to bench/results/latest.json.
 *
 *   npx tsx bench/run.ts [--measures N] [--seed S] [--only NAME[,NAME]] [--profile]
 *                        [--keep] [--strict] [--out FILE]
 *
 *   --measures  measures in the seeded workspaces (default 20000)
 *   --seed      PRNG seed of the data and of the random edits (default 1)
 *   --only      run only the named cases (see each case's `name`)
 *   --profile   cases with diagnostics also print where their time goes (slower)
 *   --keep      keep the temp folder (its path is printed)
 *   --strict    exit with status 1 when a target is missed
 *   --out       results file (default bench/results/latest.json)
 *
 * Adding a benchmark: drop `bench/cases/NN-name.ts` with `export default` a BenchCase
 * (see bench/harness.ts); nothing else needs registering.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { BenchContext, type BenchCase, type BenchOptions, type CaseResult } from './harness.js';
import { nowIso } from '../db/clock.js';

const HERE = dirname(fileURLToPath(import.meta.url));

export async function loadCases(dir = join(HERE, 'cases')): Promise<BenchCase[]> {
  const files = readdirSync(dir)
    .filter((f) => /\.(ts|mjs|js)$/.test(f) && !/\.(test|spec)\./.test(f) && !f.endsWith('.d.ts'))
    .sort();
  const cases: BenchCase[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default?: BenchCase | BenchCase[] };
    if (!mod.default) throw new Error(`bench/cases/${f} has no default export (a BenchCase or an array of them)`);
    cases.push(...(Array.isArray(mod.default) ? mod.default : [mod.default]));
  }
  return cases;
}

const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));

export function formatResult(r: CaseResult): string {
  const target = `target ≤ ${r.target.ratio}x${r.target.appMs !== undefined ? ` and app < ${r.target.appMs}ms` : ''}`;
  return `${r.name.padEnd(16)}  app=${fmt(r.appMs)}ms  raw=${fmt(r.rawMs)}ms  ratio=${r.ratio.toFixed(2)}x  ${target}  ${r.ok ? 'OK' : 'MISS'}`;
}

function formatExtra(r: CaseResult): string[] {
  const lines = [`${''.padEnd(16)}  ${r.stat}`];
  if (r.extra) {
    const parts = Object.entries(r.extra).map(([k, v]) => `${k}=${typeof v === 'number' ? (Number.isInteger(v) ? v : fmt(v)) : v}`);
    lines.push(`${''.padEnd(16)}  ${parts.join('  ')}`);
  }
  for (const n of r.notes ?? []) lines.push(`${''.padEnd(16)}  ${n}`);
  return lines;
}

export async function runBench(options: BenchOptions, only: string[] | null, keep: boolean): Promise<CaseResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'steerco-bench-'));
  const results: CaseResult[] = [];
  try {
    const cases = (await loadCases()).filter((c) => !only || only.includes(c.name));
    if (only) for (const o of only) if (!cases.some((c) => c.name === o)) throw new Error(`No benchmark case "${o}"`);
    const ctx = new BenchContext(dir, options);
    for (const c of cases) {
      process.stderr.write(`${c.name}: ${c.description}\n`);
      const t0 = performance.now();
      try {
        const m = await c.run(ctx);
        const ratio = m.appMs / m.rawMs;
        const ok = ratio <= c.target.ratio && (c.target.appMs === undefined || m.appMs < c.target.appMs);
        const r: CaseResult = { name: c.name, description: c.description, ...m, ratio, target: c.target, ok, wallMs: performance.now() - t0 };
        results.push(r);
        console.log(formatResult(r));
        for (const l of formatExtra(r)) console.log(l);
      } finally {
        ctx.closeAll();
      }
    }
  } finally {
    if (keep) process.stderr.write(`kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      measures: { type: 'string', default: '20000' },
      seed: { type: 'string', default: '1' },
      only: { type: 'string' },
      profile: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      out: { type: 'string', default: join(HERE, 'results', 'latest.json') },
    },
  });
  const options: BenchOptions = { measures: Number(values.measures), seed: Number(values.seed), profile: values.profile };
  if (!Number.isInteger(options.measures) || options.measures < 1) throw new Error('--measures must be a whole number ≥ 1');
  if (!Number.isInteger(options.seed)) throw new Error('--seed must be a whole number');
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : null;

  const sqlite = (new BetterSqlite3(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  const env = { node: process.version, sqlite, platform: `${process.platform}-${process.arch}`, cpu: cpus()[0]?.model ?? 'unknown', cpus: cpus().length };
  process.stderr.write(`Steerco bench — ${options.measures} measures, seed ${options.seed}; node ${env.node}, SQLite ${sqlite}, ${env.cpu}\n`);

  const t0 = performance.now();
  const results = await runBench(options, only, values.keep);
  const missed = results.filter((r) => !r.ok);
  console.log(
    missed.length
      ? `${missed.length} of ${results.length} targets missed: ${missed.map((r) => r.name).join(', ')}${options.profile ? '' : ' (run with --profile for where the time goes)'}`
      : `all ${results.length} targets met`,
  );

  const out = resolve(values.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ at: nowIso(), options, env, wallMs: performance.now() - t0, results }, null, 2)}\n`);
  process.stderr.write(`results written to ${out}\n`);
  if (values.strict && missed.length) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exitCode = 1;
  });
}
