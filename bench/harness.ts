/**
 * bench/harness.ts — what a benchmark case is and the helpers cases share.
 *
 * A case is a module in bench/cases/ whose default export is a BenchCase (or an array of
 * them). bench/run.ts imports every case module in file-name order and runs the cases in
 * sequence, each against data in the run's temp folder, and prints / saves the results.
 *
 * A case measures the app path and a raw baseline IN THE SAME RUN (same machine, same
 * moment) and reports both; the harness turns them into a ratio and checks the target.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Database } from '../db/connection.js';
import { createApi, type Api } from '../main/api/index.js';
import { planWorkspace, seedWorkspace, type SeedPlan } from './seed.js';

export interface BenchTarget {
  /** app / raw must not exceed this. */
  ratio: number;
  /** Optional absolute ceiling for the app figure, in ms. */
  appMs?: number;
}

/** What a case measured. `appMs` / `rawMs` are the headline figures (a median, a p50…). */
export interface Measurement {
  appMs: number;
  rawMs: number;
  /** How the headline figures were taken, e.g. "median of 7" or "p50 of 1000". */
  stat: string;
  /** Further figures worth keeping (p95, counts, breakdowns), all in ms unless named otherwise. */
  extra?: Record<string, number | string>;
  /** Free-text findings (profiling, where the time goes). */
  notes?: string[];
}

export interface BenchCase {
  /** Short id, also used by `--only`. */
  name: string;
  description: string;
  target: BenchTarget;
  run(ctx: BenchContext): Promise<Measurement> | Measurement;
}

export interface CaseResult extends Measurement {
  name: string;
  description: string;
  ratio: number;
  target: BenchTarget;
  ok: boolean;
  wallMs: number;
}

export interface BenchOptions {
  /** Measures in the seeded workspaces (default 20,000). */
  measures: number;
  seed: number;
  /** Run extra, slower diagnostics (breakdowns) where cases have them. */
  profile: boolean;
}

/** What the runner gives each case. */
export class BenchContext {
  private readonly templates = new Map<string, string>();
  private readonly plans = new Map<string, SeedPlan>();
  private files = 0;
  private readonly apis: Api[] = [];

  constructor(
    readonly dir: string,
    readonly options: BenchOptions,
  ) {}

  log(message: string): void {
    process.stderr.write(`  · ${message}\n`);
  }

  /** A fresh file path in the run's folder. */
  newPath(name: string): string {
    return join(this.dir, `${++this.files}-${name}`);
  }

  /** The deterministic seed plan (memoised per measure count). */
  plan(measures = this.options.measures): SeedPlan {
    const key = String(measures);
    let p = this.plans.get(key);
    if (!p) {
      p = planWorkspace({ measures, seed: this.options.seed });
      this.plans.set(key, p);
    }
    return p;
  }

  /**
   * Path of a private copy of a seeded workspace (seedWorkspace with the run's seed).
   * The template is seeded once per measure count and copied per call, so cases can
   * write to their copy freely.
   */
  seededCopy(measures = this.options.measures): string {
    const key = String(measures);
    let template = this.templates.get(key);
    if (!template) {
      mkdirSync(join(this.dir, 'templates'), { recursive: true });
      template = join(this.dir, 'templates', `seed-${measures}.steerco`);
      const r = seedWorkspace(template, { measures, seed: this.options.seed });
      this.log(`seeded ${measures} measures (${r.counts.changes} changes) in ${(r.ms / 1000).toFixed(1)} s`);
      this.templates.set(key, template);
    }
    const copy = this.newPath(`ws-${measures}.steerco`);
    copyFileSync(template, copy);
    if (existsSync(`${template}-wal`)) throw new Error('template was not checkpointed');
    return copy;
  }

  /** Deletes a workspace copy (and its -wal / -shm / lock files) once a case is done with it. */
  discard(path: string): void {
    for (const f of [path, `${path}-wal`, `${path}-shm`, `${path}.lock`]) rmSync(f, { force: true });
  }

  /** A real API (as the desktop app and the HTTP host use it) with its own config folder. */
  api(): Api {
    const api = createApi({ configDir: this.newPath('config'), version: 'bench' });
    this.apis.push(api);
    return api;
  }

  /** Closes every API the case opened. */
  closeAll(): void {
    for (const a of this.apis.splice(0)) a.close();
  }
}

// ---------------------------------------------------------------------------------------
// Timing helpers

export const now = (): number => performance.now();

export function time(fn: () => void): number {
  const t0 = now();
  fn();
  return now() - t0;
}

export async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t0 = now();
  await fn();
  return now() - t0;
}

/** Nearest-rank percentile (p in 0..100) of a sample. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (sample: readonly number[]): number => {
  if (sample.length === 0) return NaN;
  const s = [...sample].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** V8's gc(), exposed without a command-line flag, so timed sections start from a clean heap. */
const gc: () => void = (() => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** A full garbage collection between timed sections (keeps one run's garbage out of the next). */
export function settle(): void {
  gc();
}

// ---------------------------------------------------------------------------------------
// Raw-baseline helpers

/**
 * Creates `copy` as a plain twin of `table`: the same DDL (columns, types, STRICT,
 * checks, foreign keys, unique constraints) and the same secondary indexes — only
 * without the change log behind it. Both names are fixed identifiers from bench code.
 * `indexes: false` leaves out the secondary (CREATE INDEX) indexes.
 */
export function clonePlainTable(db: Database, table: string, copy: string, opts: { indexes?: boolean } = {}): void {
  const ident = /^[a-z_][a-z0-9_]*$/;
  if (!ident.test(table) || !ident.test(copy)) throw new Error('bad identifier');
  const rows = db
    .prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY type = 'index'")
    .all(table) as { type: string; name: string; sql: string }[];
  const create = rows.find((r) => r.type === 'table');
  if (!create) throw new Error(`No table ${table}`);
  db.exec(`DROP TABLE IF EXISTS ${copy}`);
  db.exec(create.sql.replace(new RegExp(`^CREATE TABLE ${table}\\b`), `CREATE TABLE ${copy}`));
  for (const idx of rows.filter((r) => r.type === 'index' && opts.indexes !== false)) {
    db.exec(
      idx.sql
        .replace(new RegExp(`^CREATE (UNIQUE )?INDEX ${idx.name}\\b`), `CREATE $1INDEX ${copy}__${idx.name}`)
        .replace(new RegExp(`\\bON ${table}\\s*\\(`), `ON ${copy}(`),
    );
  }
}
