import type { Database } from 'better-sqlite3';
import { cachedStatement } from '../statements.js';
import { SIGN_SQL, VALUE_TYPES_SQL } from './value-rollup.js';

// Month amounts come from value_measure_totals (trigger-maintained, see 0005_value.sql).

/** Everything status derivation needs about a measure, counted in SQL. */
export interface StatusFactsRow {
  id: string;
  implementationStatus: string;
  potentialStatus: string;
  updatedAt: string | null;
  valueUpdatedAt: string | null;
  msTotal: number;
  msOverdue: number;
  msSlipping: number;
  target: number | null;
  baseline: number | null;
  plan: number | null;
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

// Two statements, not one with `(? OR id IN …)`: the OR would stop SQLite from using the
// measure_id indexes, turning a one-measure refresh into scans of every table. The unary
// `+` keeps the planner on the primary key instead of the (deleted, …) roll-up index.
const sql = (all: boolean) => `
  WITH ids(id) AS (SELECT value FROM json_each(?)),
  ms AS (SELECT measure_id, count(*) AS total,
           sum(CASE WHEN done = 0 AND due_date IS NOT NULL AND due_date < ? THEN 1 ELSE 0 END) AS overdue,
           sum(CASE WHEN done = 0 AND due_date IS NOT NULL AND due_date >= ? AND forecast_date > due_date THEN 1 ELSE 0 END) AS slipping
         FROM milestones WHERE deleted = 0${all ? '' : ' AND measure_id IN (SELECT id FROM ids)'} GROUP BY measure_id),
  lt AS (SELECT l.measure_id, sum(${SIGN_SQL} * l.target) AS target, max(l.updated_at) AS updated
         FROM effect_lines l WHERE l.deleted = 0${all ? '' : ' AND l.measure_id IN (SELECT id FROM ids)'} AND l.type IN ${VALUE_TYPES_SQL} GROUP BY l.measure_id)
  SELECT m.id, m.implementation_status AS implementationStatus, m.potential_status AS potentialStatus,
         m.updated_at AS updatedAt, lt.updated AS valueUpdatedAt,
         coalesce(ms.total, 0) AS msTotal, coalesce(ms.overdue, 0) AS msOverdue, coalesce(ms.slipping, 0) AS msSlipping,
         lt.target, CASE WHEN ev.n_baseline > 0 THEN ev.baseline END AS baseline,
         CASE WHEN ev.n_plan > 0 THEN ev.plan END AS plan, CASE WHEN ev.n_estimate > 0 THEN ev.estimate END AS estimate,
         io.status AS implOverride, io.reason AS implReason, io.set_by AS implBy, io.set_at AS implAt,
         po.status AS potOverride, po.reason AS potReason, po.set_by AS potBy, po.set_at AS potAt
  FROM measures m
  LEFT JOIN ms ON ms.measure_id = m.id
  LEFT JOIN lt ON lt.measure_id = m.id
  LEFT JOIN value_measure_totals ev ON ev.measure_id = m.id AND ev.n > 0
  LEFT JOIN status_overrides io ON io.id = m.id || ':implementation' AND io.deleted = 0
  LEFT JOIN status_overrides po ON po.id = m.id || ':potential' AND po.deleted = 0
  WHERE ${all ? 'm.deleted = 0' : '+m.deleted = 0 AND m.id IN (SELECT id FROM ids)'}`;
const SQL_ALL = sql(true);
const SQL_IDS = sql(false);

/** Facts for the given measures, or every live measure when `ids` is null. `today` is YYYY-MM-DD. */
export function statusFacts(db: Database, ids: string[] | null, today: string): StatusFactsRow[] {
  return cachedStatement(db, ids === null ? SQL_ALL : SQL_IDS).all(JSON.stringify(ids ?? []), today, today) as StatusFactsRow[];
}
