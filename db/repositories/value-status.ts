import type { Database } from 'better-sqlite3';
import { cachedStatement } from '../statements.js';
import { SIGN_SQL, VALUE_TYPES_SQL } from './value-rollup.js';

// Line amounts come from value_line_totals (trigger-maintained, see 0010_value_line_totals.sql).

/** Everything status derivation needs about a measure, counted in SQL, and the cached statuses. */
export interface StatusFactsRow {
  id: string;
  /** The cache (measures.implementation_status / potential_status). */
  implementationStatus: string;
  potentialStatus: string;
  updatedAt: string | null;
  valueUpdatedAt: string | null;
  msTotal: number;
  msOverdue: number;
  msSlipping: number;
  reference: number | null;
  estimate: number | null;
  implOverride: string | null;
  implReason: string | null;
  implBy: string | null;
  implAt: string | null;
  potOverride: string | null;
  potReason: string | null;
  potBy: string | null;
  potAt: string | null;
}

// Per line: reference = target, else baseline (when the line has one), else plan.
const LINE_REFERENCE_SQL = 'CASE WHEN l.target IS NOT NULL THEN l.target WHEN t.n_baseline > 0 THEN t.baseline ELSE coalesce(t.plan, 0) END';
const LINE_HAS_REFERENCE_SQL = '(l.target IS NOT NULL OR coalesce(t.n_baseline, 0) > 0 OR coalesce(t.n_plan, 0) > 0)';

// Four scans joined in JS, rather than one statement with grouped CTEs: SQLite builds an
// automatic index over each CTE to join it to the measures, which cost as much as the scans
// themselves (a pass over 20k measures: ~240 ms of CPU as one statement, ~150 ms as four).
// Rows are read as arrays (no object per row). Each scan has a variant for every live
// measure and one for a list of ids; not one `(? OR id IN …)` statement, which would stop
// SQLite from using the measure_id indexes (a one-measure pass would scan every table).
const IN_IDS = 'IN (SELECT value FROM json_each(?))';
const MILESTONES_SQL = (all: boolean) => `
  SELECT measure_id, count(*),
         sum(CASE WHEN done = 0 AND due_date IS NOT NULL AND due_date < ? THEN 1 ELSE 0 END),
         sum(CASE WHEN done = 0 AND due_date IS NOT NULL AND due_date >= ? AND forecast_date > due_date THEN 1 ELSE 0 END)
  FROM milestones WHERE deleted = 0${all ? '' : ` AND measure_id ${IN_IDS}`} GROUP BY measure_id`;
const LINES_SQL = (all: boolean) => `
  SELECT l.measure_id,
         sum(CASE WHEN ${LINE_HAS_REFERENCE_SQL} THEN l.sg * ${LINE_REFERENCE_SQL} ELSE 0 END),
         sum(CASE WHEN ${LINE_HAS_REFERENCE_SQL} THEN 1 ELSE 0 END),
         sum(l.sg * coalesce(t.estimate, 0)), sum(coalesce(t.n_estimate, 0)), max(l.updated_at)
  FROM (SELECT l.id, l.measure_id, l.target, l.updated_at, ${SIGN_SQL} AS sg FROM effect_lines l
        WHERE l.deleted = 0${all ? '' : ` AND l.measure_id ${IN_IDS}`} AND l.type IN ${VALUE_TYPES_SQL}) l
  LEFT JOIN value_line_totals t ON t.line_id = l.id
  GROUP BY l.measure_id`;
// The unary `+` keeps the planner on the primary key instead of the (deleted, …) roll-up index.
const MEASURES_SQL = (all: boolean) =>
  `SELECT id, implementation_status, potential_status, updated_at FROM measures WHERE ${all ? 'deleted = 0' : `+deleted = 0 AND id ${IN_IDS}`}`;
const OVERRIDES_SQL = (all: boolean) =>
  `SELECT measure_id, kind, status, reason, set_by, set_at FROM status_overrides WHERE deleted = 0${all ? '' : ` AND measure_id ${IN_IDS}`}`;
const SQL = {
  all: { milestones: MILESTONES_SQL(true), lines: LINES_SQL(true), measures: MEASURES_SQL(true), overrides: OVERRIDES_SQL(true) },
  ids: { milestones: MILESTONES_SQL(false), lines: LINES_SQL(false), measures: MEASURES_SQL(false), overrides: OVERRIDES_SQL(false) },
};

type Raw = (string | number | null)[];

function rawRows(db: Database, sql: string, args: unknown[]): Raw[] {
  return cachedStatement(db, sql).raw(true).all(...args) as Raw[];
}

function byMeasure(rows: Raw[]): Map<string, Raw> {
  const out = new Map<string, Raw>();
  for (const r of rows) out.set(r[0] as string, r);
  return out;
}

/** Facts for the given measures, or every live measure when `ids` is null. `today` is YYYY-MM-DD. */
export function statusFacts(db: Database, ids: readonly string[] | null, today: string): StatusFactsRow[] {
  const q = ids === null ? SQL.all : SQL.ids;
  const args = ids === null ? [] : [JSON.stringify(ids)];
  const ms = byMeasure(rawRows(db, q.milestones, [today, today, ...args]));
  const lines = byMeasure(rawRows(db, q.lines, args));
  const impl = new Map<string, Raw>();
  const pot = new Map<string, Raw>();
  for (const o of rawRows(db, q.overrides, args)) (o[1] === 'potential' ? pot : impl).set(o[0] as string, o);
  return rawRows(db, q.measures, args).map(([id, implementationStatus, potentialStatus, updatedAt]) => {
    const c = ms.get(id as string);
    const l = lines.get(id as string);
    const io = impl.get(id as string);
    const po = pot.get(id as string);
    return {
      id: id as string,
      implementationStatus: implementationStatus as string,
      potentialStatus: potentialStatus as string,
      updatedAt: updatedAt as string | null,
      valueUpdatedAt: (l?.[5] as string | null | undefined) ?? null,
      msTotal: (c?.[1] as number | undefined) ?? 0,
      msOverdue: (c?.[2] as number | undefined) ?? 0,
      msSlipping: (c?.[3] as number | undefined) ?? 0,
      reference: l && (l[2] as number) > 0 ? (l[1] as number) : null,
      estimate: l && (l[4] as number) > 0 ? (l[3] as number) : null,
      implOverride: (io?.[2] as string | undefined) ?? null,
      implReason: (io?.[3] as string | undefined) ?? null,
      implBy: (io?.[4] as string | null | undefined) ?? null,
      implAt: (io?.[5] as string | null | undefined) ?? null,
      potOverride: (po?.[2] as string | undefined) ?? null,
      potReason: (po?.[3] as string | undefined) ?? null,
      potBy: (po?.[4] as string | null | undefined) ?? null,
      potAt: (po?.[5] as string | null | undefined) ?? null,
    };
  });
}

const WRITE_SQL = 'UPDATE measures SET implementation_status = ?, potential_status = ? WHERE id = ?';
// Many rows at once (opening a file, a new day): one statement over a JSON array of
// [id, implementation, potential] instead of a statement per row — 20k rows take ~2.5× less.
const WRITE_MANY_SQL = `UPDATE measures SET implementation_status = j.value ->> 1, potential_status = j.value ->> 2
  FROM json_each(?) j WHERE measures.id = j.value ->> 0`;
const WRITE_MANY_FROM = 32;

/**
 * Stores derived statuses in the measures' cache columns. A plain bound UPDATE, on purpose
 * outside the change log: the cache is the system's, not a person's edit, so it is never
 * in the history, never undone and never synced — every copy derives the same statuses
 * from the same synced facts. Touches no other column (updated_at stays the last report).
 */
export function writeStatusCache(db: Database, rows: readonly { id: string; implementation: string; potential: string }[]): void {
  if (rows.length >= WRITE_MANY_FROM) {
    cachedStatement(db, WRITE_MANY_SQL).run(JSON.stringify(rows.map((r) => [r.id, r.implementation, r.potential])));
    return;
  }
  const stmt = cachedStatement(db, WRITE_SQL);
  for (const r of rows) stmt.run(r.implementation, r.potential, r.id);
}

/** Measures a touched row belongs to, per table whose rows feed the statuses (ids as JSON). */
export const MEASURES_OF_ROWS_SQL: Readonly<Record<string, string>> = {
  milestones: 'SELECT DISTINCT measure_id AS id FROM milestones WHERE id IN (SELECT value FROM json_each(?))',
  effect_lines: 'SELECT DISTINCT measure_id AS id FROM effect_lines WHERE id IN (SELECT value FROM json_each(?))',
  effect_values:
    'SELECT DISTINCT l.measure_id AS id FROM effect_values v JOIN effect_lines l ON l.id = v.line_id WHERE v.id IN (SELECT value FROM json_each(?))',
  status_overrides: 'SELECT DISTINCT measure_id AS id FROM status_overrides WHERE id IN (SELECT value FROM json_each(?))',
  value_validations: 'SELECT DISTINCT measure_id AS id FROM value_validations WHERE id IN (SELECT value FROM json_each(?))',
};

/** The measures the given rows of `table` belong to (see MEASURES_OF_ROWS_SQL). */
export function measuresOfRows(db: Database, table: string, rowIds: readonly string[]): string[] {
  const q = MEASURES_OF_ROWS_SQL[table];
  if (!q) return [];
  if (rowIds.length === 1) {
    // The common case (one edit): a direct lookup by primary key, no json_each.
    return (cachedStatement(db, q.replace('IN (SELECT value FROM json_each(?))', '= ?')).all(rowIds[0]) as { id: string }[]).map((r) => r.id);
  }
  return (cachedStatement(db, q).all(JSON.stringify(rowIds)) as { id: string }[]).map((r) => r.id);
}
