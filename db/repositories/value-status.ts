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

// Two statements, not one with `(? OR id IN …)`: the OR would stop SQLite from using the
// measure_id indexes, turning a one-measure refresh into scans of every table. The unary
// `+` keeps the planner on the primary key instead of the (deleted, …) roll-up index.
const sql = (all: boolean) => `
  WITH ids(id) AS (SELECT value FROM json_each(?)),
  ms AS (SELECT measure_id, count(*) AS total,
           sum(CASE WHEN done = 0 AND due_date IS NOT NULL AND due_date < ? THEN 1 ELSE 0 END) AS overdue,
           sum(CASE WHEN done = 0 AND due_date IS NOT NULL AND due_date >= ? AND forecast_date > due_date THEN 1 ELSE 0 END) AS slipping
         FROM milestones WHERE deleted = 0${all ? '' : ' AND measure_id IN (SELECT id FROM ids)'} GROUP BY measure_id),
  lt AS (SELECT l.measure_id,
           sum(CASE WHEN ${LINE_HAS_REFERENCE_SQL} THEN l.sg * ${LINE_REFERENCE_SQL} ELSE 0 END) AS reference,
           sum(CASE WHEN ${LINE_HAS_REFERENCE_SQL} THEN 1 ELSE 0 END) AS n_reference,
           sum(l.sg * coalesce(t.estimate, 0)) AS estimate, sum(coalesce(t.n_estimate, 0)) AS n_estimate,
           max(l.updated_at) AS updated
         FROM (SELECT l.id, l.measure_id, l.target, l.updated_at, ${SIGN_SQL} AS sg FROM effect_lines l
               WHERE l.deleted = 0${all ? '' : ' AND l.measure_id IN (SELECT id FROM ids)'} AND l.type IN ${VALUE_TYPES_SQL}) l
         LEFT JOIN value_line_totals t ON t.line_id = l.id
         GROUP BY l.measure_id)
  SELECT m.id, m.implementation_status AS implementationStatus, m.potential_status AS potentialStatus,
         m.updated_at AS updatedAt, lt.updated AS valueUpdatedAt,
         coalesce(ms.total, 0) AS msTotal, coalesce(ms.overdue, 0) AS msOverdue, coalesce(ms.slipping, 0) AS msSlipping,
         CASE WHEN lt.n_reference > 0 THEN lt.reference END AS reference,
         CASE WHEN lt.n_estimate > 0 THEN lt.estimate END AS estimate,
         io.status AS implOverride, io.reason AS implReason, io.set_by AS implBy, io.set_at AS implAt,
         po.status AS potOverride, po.reason AS potReason, po.set_by AS potBy, po.set_at AS potAt
  FROM measures m
  LEFT JOIN ms ON ms.measure_id = m.id
  LEFT JOIN lt ON lt.measure_id = m.id
  LEFT JOIN status_overrides io ON io.id = m.id || ':implementation' AND io.deleted = 0
  LEFT JOIN status_overrides po ON po.id = m.id || ':potential' AND po.deleted = 0
  WHERE ${all ? 'm.deleted = 0' : '+m.deleted = 0 AND m.id IN (SELECT id FROM ids)'}`;
const SQL_ALL = sql(true);
const SQL_IDS = sql(false);

/** Facts for the given measures, or every live measure when `ids` is null. `today` is YYYY-MM-DD. */
export function statusFacts(db: Database, ids: readonly string[] | null, today: string): StatusFactsRow[] {
  return cachedStatement(db, ids === null ? SQL_ALL : SQL_IDS).all(JSON.stringify(ids ?? []), today, today) as StatusFactsRow[];
}

const WRITE_SQL = 'UPDATE measures SET implementation_status = ?, potential_status = ? WHERE id = ?';

/**
 * Stores derived statuses in the measures' cache columns. A plain bound UPDATE, on purpose
 * outside the change log: the cache is the system's, not a person's edit, so it is never
 * in the history, never undone and never synced — every copy derives the same statuses
 * from the same synced facts. Touches no other column (updated_at stays the last report).
 */
export function writeStatusCache(db: Database, rows: readonly { id: string; implementation: string; potential: string }[]): void {
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
