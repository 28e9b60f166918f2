/**
 * bulk-create: N measures created through the app path (insertMeasure → Writer → change
 * log, inside one user action = one transaction, as an import does it) vs a raw INSERT of
 * the same rows in one transaction into a plain twin of the measures table (same DDL,
 * constraints and indexes, no change log).
 *
 * With --profile it also replays, in plain SQL on fresh copies, exactly the statements
 * the Writer issues — step by step — so the report shows what the change log itself costs
 * (the floor any Writer implementation pays with this schema) and what is Writer overhead.
 */
import { openWorkspace } from '../../db/connection.js';
import { insertMeasure } from '../../db/repositories/measures.js';
import { clonePlainTable, median, now, settle, time, type BenchCase, type BenchContext, type Measurement } from '../harness.js';
import { measureColumns, type PlannedMeasure } from '../seed.js';
import { nowIso } from '../../db/clock.js';

/** Columns of a measure row in the order insertMeasure writes them (id first). */
const COLS = [
  'code', 'node_id', 'title', 'description', 'owner_id', 'sponsor_id', 'controller_id', 'business_unit', 'function',
  'legal_entity', 'start_date', 'due_date', 'di_level', 'lifecycle',
  'closure_criteria', 'sort_order', 'updated_at', 'deleted',
] as const;

function rowValues(m: PlannedMeasure): (string | number | null)[] {
  const row: Record<string, string | number | null> = { ...m, updated_at: nowIso(), deleted: 0 };
  return [m.id, ...COLS.map((c) => row[c] ?? null)];
}

function insertSql(table: string): string {
  return `INSERT INTO ${table} (id, ${COLS.join(', ')}) VALUES (?${', ?'.repeat(COLS.length)})`;
}

/** The raw baseline: one prepared INSERT per row, one transaction, into a plain twin table. */
function rawInsert(path: string, rows: readonly PlannedMeasure[]): number {
  const db = openWorkspace(path);
  try {
    clonePlainTable(db, 'measures', 'bench_plain_measures');
    const ins = db.prepare(insertSql('bench_plain_measures'));
    settle();
    return time(() => db.transaction(() => {
      for (const m of rows) ins.run(rowValues(m));
    })());
  } finally {
    db.close();
  }
}

const RUNS = 3;

type Step = 'rows' | 'log' | 'log+indexes' | 'log+indexes+rowkeys';

/**
 * The Writer's SQL without the Writer, on the real tables of a fresh copy: measure rows,
 * then one change_log row per cell (first without the log's secondary index), then the
 * row's log key (one change_rows row per new row; a new row's cells have no head to look
 * up). Returns the time of the body and of the COMMIT.
 */
function sqlFloor(path: string, rows: readonly PlannedMeasure[], step: Step): { body: number; commit: number } {
  const db = openWorkspace(path);
  try {
    if (step === 'log') db.exec('DROP INDEX change_log_cell');
    const ins = db.prepare(insertSql('measures'));
    const log = db.prepare(
      `INSERT INTO change_log (hlc, replica, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, tx, row_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const rowKey = db.prepare('INSERT INTO change_rows (tbl, row_id) VALUES (?, ?)');
    const replica = '00000000-0000-4000-8000-000000000000';
    const tx = '00000000-0000-4000-8000-000000000001';
    let counter = 0;
    let keys = 1_000_000;
    const base = String(now()).padStart(15, '0');
    settle();
    const t0 = now();
    db.exec('BEGIN');
    for (const m of rows) {
      const values = rowValues(m);
      ins.run(values);
      if (step === 'rows') continue;
      const key = step === 'log+indexes+rowkeys' ? Number(rowKey.run('measures', m.id).lastInsertRowid) : ++keys;
      for (let i = 0; i < COLS.length; i++) {
        const hlc = `${base}.${String(++counter).padStart(6, '0')}`;
        log.run(hlc, replica, 'measures', m.id, COLS[i], JSON.stringify(values[i + 1]), null, null, null, 'bench', tx, key);
      }
    }
    const t1 = now();
    db.exec('COMMIT');
    return { body: t1 - t0, commit: now() - t1 };
  } finally {
    db.close();
  }
}

const bulkCreate: BenchCase = {
  name: 'bulk-create',
  description: 'create N measures in one transaction: app (Writer + change log) vs raw INSERT',
  target: { ratio: 3 },
  async run(ctx: BenchContext): Promise<Measurement> {
    const plan = ctx.plan();
    const n = plan.measures.length;
    // Every run starts from a fresh copy of the same seeded workspace (people and
    // hierarchy, no measures), so no run inherits another's pages or free list.
    const fresh = <T>(fn: (path: string) => T): T => {
      const path = ctx.seededCopy(0);
      try {
        return fn(path);
      } finally {
        ctx.discard(path);
      }
    };

    // Raw baseline: warm-up on a slice, then RUNS full runs (median).
    fresh((p) => rawInsert(p, plan.measures.slice(0, 1000)));
    const raws = Array.from({ length: RUNS }, () => fresh((p) => rawInsert(p, plan.measures)));

    // Profile (optional): the same statements as the Writer, in plain SQL, step by step.
    const notes: string[] = [];
    const extra: Record<string, number | string> = {};
    if (ctx.options.profile) {
      ctx.log("profiling: replaying the Writer's SQL step by step on fresh copies");
      const steps: Step[] = ['rows', 'log', 'log+indexes', 'log+indexes+rowkeys'];
      let prev = 0;
      for (const step of steps) {
        const r = fresh((p) => sqlFloor(p, plan.measures, step));
        const total = r.body + r.commit;
        extra[`floor[${step}]Ms`] = total;
        notes.push(
          `SQL floor ${step.padEnd(18)} ${total.toFixed(0).padStart(6)} ms (commit ${r.commit.toFixed(0)} ms)  +${(total - prev).toFixed(0)} ms`,
        );
        prev = total;
      }
      extra.floorMs = prev;
    }

    // App path: the repository + Writer inside one user action, through the API session;
    // RUNS runs, each on a fresh copy (median).
    const apps: number[] = [];
    let changes = 0;
    for (let run = 0; run < RUNS; run++) {
      const api = ctx.api();
      const path = ctx.seededCopy(0);
      await api.call('workspace:open', { path });
      const db = api.session.db();
      settle();
      apps.push(
        time(() => {
          const r = api.session.act(`Import ${n} measures`, (w, d) => {
            for (const m of plan.measures) insertMeasure(w, d, measureColumns(m), m.id);
          });
          changes = r.changed;
        }),
      );
      const count = (db.prepare('SELECT count(*) AS n FROM measures').get() as { n: number }).n;
      if (count !== n) throw new Error(`expected ${n} measures, found ${count}`);
      api.close();
      ctx.discard(path);
    }
    const appMs = median(apps);
    if (ctx.options.profile) {
      const floor = extra.floorMs as number;
      notes.push(`app − SQL floor (Writer / JS overhead): ${(appMs - floor).toFixed(0)} ms (${(((appMs - floor) / appMs) * 100).toFixed(0)}% of app)`);
    }

    const rawMs = median(raws);
    return {
      appMs,
      rawMs,
      stat: `median of ${RUNS} runs each, every run on a fresh copy (${n} rows, ${changes} change rows)`,
      extra: {
        measures: n,
        changeRows: changes,
        appMinMs: Math.min(...apps),
        rawMinMs: Math.min(...raws),
        appUsPerMeasure: (appMs * 1000) / n,
        rawUsPerMeasure: (rawMs * 1000) / n,
        ...extra,
      },
      notes,
    };
  },
};

export default bulkCreate;
