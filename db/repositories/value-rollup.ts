import type { Database } from 'better-sqlite3';
import type { RollupDim, RollupRow } from '../../preload/contract/value.js';
import { cachedStatement } from '../statements.js';

/**
 * Value roll-ups as SQL aggregates. Rules (agreed with the gates feature):
 * - net value = benefits − costs over the five money line types; service-economics lines
 *   (margins, service cost, leakage, profitability, capacity) are metrics, not summed;
 * - cancelled measures are excluded from every total; on-hold measures stay in the full
 *   pipeline (plan, baseline, actual, target) but not in forecast or risk-weighted totals;
 *   closed measures count (realised);
 * - risk-weighted = amount × gate_levels.risk_weight_pct of the measure's DI level / 100,
 *   summed exactly in integers and rounded half away from zero once per row.
 */

export const SIGN_SQL = `CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1
  WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END`;
export const VALUE_TYPES_SQL = `('recurring_benefit','one_time_benefit','one_time_cost','recurring_cost','capex')`;

/** Identifiers for each dimension: allow-listed SQL, never built from input. */
const DIM_SQL: Record<RollupDim, string> = {
  node: 'a.top',
  workstream: 'ws.top',
  di: 'm.di_level',
  function: 'm.function',
  businessUnit: 'm.business_unit',
  owner: 'm.owner_id',
  period: 'v.period',
  lifecycle: 'm.lifecycle',
  implementation: 'm.implementation_status',
  potential: 'm.potential_status',
  measure: 'm.id',
};

export interface RollupQuery {
  /** Only measures under this node (all when absent). */
  nodeId?: string;
  by: RollupDim[];
  from?: string;
  to?: string;
  /** Month whose recurring forecast × 12 is the run-rate of non-period rows. */
  runRatePeriod: string;
  /** Leave runRate at 0 where the caller does not show it (saves a pass over that month's values). */
  noRunRate?: boolean;
}

/** Scope: measures under the node; `a`: each scoped node → its child of the root (for `node`); `ws`: → project ancestor. */
function scopeCtes(q: RollupQuery): string {
  const parts = [
    q.nodeId
      ? `scope(id) AS (SELECT ? UNION ALL SELECT n.id FROM nodes n JOIN scope ON n.parent_id = scope.id WHERE n.deleted = 0)`
      : `scope(id) AS (SELECT id FROM nodes WHERE deleted = 0)`,
  ];
  if (q.by.includes('node')) {
    const root = q.nodeId ? '?' : '(SELECT id FROM nodes WHERE parent_id IS NULL AND deleted = 0 ORDER BY sort_order LIMIT 1)';
    parts.push(`a(id, top) AS (SELECT id, id FROM nodes WHERE deleted = 0 AND (parent_id = ${root} OR (id = ${root} AND level = 'package'))
      UNION ALL SELECT n.id, a.top FROM nodes n JOIN a ON n.parent_id = a.id WHERE n.deleted = 0)`);
  }
  if (q.by.includes('workstream')) {
    parts.push(`ws(id, top) AS (SELECT id, id FROM nodes WHERE deleted = 0 AND level IN ('project')
      UNION ALL SELECT n.id, ws.top FROM nodes n JOIN ws ON n.parent_id = ws.id WHERE n.deleted = 0)`);
  }
  return `WITH RECURSIVE ${parts.join(',\n')}`;
}

function params(q: RollupQuery, extra: unknown[]): unknown[] {
  const p: unknown[] = [];
  if (q.nodeId) p.push(q.nodeId);
  if (q.by.includes('node') && q.nodeId) p.push(q.nodeId, q.nodeId);
  return [...p, ...extra];
}

function joins(q: RollupQuery): string {
  // Without a node every live measure is in scope: skip the subtree filter.
  let j = q.nodeId ? 'JOIN measures m ON m.id = l.measure_id AND m.node_id IN (SELECT id FROM scope)' : 'JOIN measures m ON m.id = l.measure_id';
  if (q.by.includes('node')) j += ' JOIN a ON a.id = m.node_id';
  if (q.by.includes('workstream')) j += ' JOIN ws ON ws.id = m.node_id';
  return j;
}

const ROUND = (col: string) => `CASE WHEN ${col} >= 0 THEN (${col} + 50) / 100 ELSE -((50 - ${col}) / 100) END`;

const CUBE_DIMS: Partial<Record<RollupDim, string>> = {
  di: 'c.di_level',
  function: 'c.function',
  businessUnit: 'c.business_unit',
  lifecycle: 'c.lifecycle',
  period: 'c.period',
};

/** True when the trigger-maintained cube (see 0005_value.sql) holds the answer: whole workspace, cube dimensions only. */
export function cubeAnswers(q: Pick<RollupQuery, 'nodeId' | 'by'>): boolean {
  return !q.nodeId && q.by.every((d) => d in CUBE_DIMS);
}

interface AmountRow {
  plan: number;
  baseline: number;
  forecast: number;
  actual: number;
  runRate: number;
  riskWeightedPlan: number;
  riskWeightedForecast: number;
  [k: string]: number | string | null;
}

/** The SQL of the detail path (every period value) or the cube path; same columns, same numbers. */
function amountsSql(q: RollupQuery, cube: boolean): { sql: string; params: unknown[] } {
  const dims = q.by.map((d) => (cube ? CUBE_DIMS[d]! : DIM_SQL[d]));
  const keySel = dims.map((d, i) => `${d} AS k${i}`).join(', ');
  const group = q.by.length ? `GROUP BY ${q.by.map((_, i) => `k${i}`).join(', ')}` : '';
  const order = `ORDER BY ${q.by.length ? q.by.map((_, i) => `k${i}`).join(', ') : '1'}`;
  const t = cube ? 'c' : 'v';
  const periodWhere = `${q.from ? ` AND ${t}.period >= ?` : ''}${q.to ? ` AND ${t}.period <= ?` : ''}`;
  const periodParams = [q.from, q.to].filter((x): x is string => x !== undefined);
  const byPeriod = q.by.includes('period');
  const lc = cube ? 'c.lifecycle' : 'm.lifecycle';
  const active = `${lc} <> 'on_hold'`;
  const at = byPeriod ? '' : ` AND ${t}.period = ?`;
  const amt = cube
    ? { plan: 'c.plan', baseline: 'c.baseline', forecast: 'c.forecast', actual: 'c.actual', rec: 'c.rec_forecast' }
    : {
        plan: 'sg * v.plan',
        baseline: 'sg * v.baseline',
        forecast: 'sg * v.forecast',
        actual: 'sg * v.actual',
        rec: "CASE WHEN l.type IN ('recurring_benefit','recurring_cost') THEN sg * v.forecast END",
      };
  const select = `SELECT ${keySel ? `${keySel}, ` : ''}
      coalesce(sum(${amt.plan}), 0) AS plan, coalesce(sum(${amt.baseline}), 0) AS baseline,
      coalesce(sum(CASE WHEN ${active} THEN ${amt.forecast} END), 0) AS forecast,
      coalesce(sum(${amt.actual}), 0) AS actual,
      coalesce(12 * sum(CASE WHEN ${active}${at} THEN ${amt.rec} END), 0) AS runRate,
      coalesce(sum(CASE WHEN ${active} THEN ${amt.plan} * coalesce(g.risk_weight_pct, 100) END), 0) AS rwp,
      coalesce(sum(CASE WHEN ${active} THEN ${amt.forecast} * coalesce(g.risk_weight_pct, 100) END), 0) AS rwf`;
  const inner = cube
    ? `${select}
    FROM value_cube c LEFT JOIN gate_levels g ON g.level = c.di_level AND g.deleted = 0
    WHERE c.lifecycle <> 'cancelled'${periodWhere}
    ${group} HAVING sum(c.n) > 0 ${order}`
    : `${scopeCtes(q)}
    ${select}
    FROM (SELECT l.id, l.measure_id, l.type, ${SIGN_SQL} AS sg FROM effect_lines l WHERE l.deleted = 0 AND l.type IN ${VALUE_TYPES_SQL}) l
    ${joins(q)}
    JOIN effect_values v ON v.line_id = l.id AND v.deleted = 0
    LEFT JOIN gate_levels g ON g.level = m.di_level AND g.deleted = 0
    WHERE m.deleted = 0 AND m.lifecycle <> 'cancelled'${periodWhere}
    ${group} ${order}`;
  const sql = `SELECT *, ${ROUND('rwp')} AS riskWeightedPlan, ${ROUND('rwf')} AS riskWeightedForecast FROM (${inner})`;
  const extra = byPeriod ? periodParams : [q.runRatePeriod, ...periodParams];
  return { sql, params: cube ? extra : params(q, extra) };
}

/** True when per-measure totals answer: no month dimension and no month range. */
export function totalsAnswer(q: Pick<RollupQuery, 'by' | 'from' | 'to'>): boolean {
  return !q.by.includes('period') && !q.from && !q.to;
}

/** Amounts from the trigger-maintained per-measure totals; run-rate from the one month it needs. */
function totalsRows(db: Database, q: RollupQuery): AmountRow[] {
  const keySel = q.by.map((d, i) => `${DIM_SQL[d]} AS k${i}`).join(', ');
  const group = q.by.length ? `GROUP BY ${q.by.map((_, i) => `k${i}`).join(', ')}` : '';
  const order = `ORDER BY ${q.by.length ? q.by.map((_, i) => `k${i}`).join(', ') : '1'}`;
  let j = q.nodeId ? 'JOIN measures m ON m.id = t.measure_id AND m.node_id IN (SELECT id FROM scope)' : 'JOIN measures m ON m.id = t.measure_id';
  if (q.by.includes('node')) j += ' JOIN a ON a.id = m.node_id';
  if (q.by.includes('workstream')) j += ' JOIN ws ON ws.id = m.node_id';
  const active = "m.lifecycle <> 'on_hold'";
  const inner = `${scopeCtes(q)}
    SELECT ${keySel ? `${keySel}, ` : ''}
      coalesce(sum(t.plan), 0) AS plan, coalesce(sum(t.baseline), 0) AS baseline,
      coalesce(sum(CASE WHEN ${active} THEN t.forecast END), 0) AS forecast, coalesce(sum(t.actual), 0) AS actual,
      coalesce(sum(CASE WHEN ${active} THEN t.plan * coalesce(g.risk_weight_pct, 100) END), 0) AS rwp,
      coalesce(sum(CASE WHEN ${active} THEN t.forecast * coalesce(g.risk_weight_pct, 100) END), 0) AS rwf
    FROM value_measure_totals t ${j}
    LEFT JOIN gate_levels g ON g.level = m.di_level AND g.deleted = 0
    WHERE t.n > 0 AND m.deleted = 0 AND m.lifecycle <> 'cancelled'
    ${group} ${order}`;
  const sql = `SELECT *, ${ROUND('rwp')} AS riskWeightedPlan, ${ROUND('rwf')} AS riskWeightedForecast FROM (${inner})`;
  const rows = cachedStatement(db, sql).all(...(params(q, []) as never[])) as AmountRow[];
  if (q.noRunRate) return rows.map((r) => ({ ...r, runRate: 0 }));
  const month = amountsSql({ ...q, from: q.runRatePeriod, to: q.runRatePeriod }, false);
  const rr = new Map(
    (cachedStatement(db, month.sql).all(...(month.params as never[])) as AmountRow[]).map((r) => [JSON.stringify(q.by.map((_, i) => r[`k${i}`])), r.runRate]),
  );
  return rows.map((r) => ({ ...r, runRate: rr.get(JSON.stringify(q.by.map((_, i) => r[`k${i}`]))) ?? 0 }));
}

/** Sum of value amounts by the requested dimensions; from the cube or the per-measure totals when they can answer. */
export function rollup(db: Database, q: RollupQuery, opts: { detail?: boolean } = {}): RollupRow[] {
  let rows: AmountRow[];
  if (!opts.detail && cubeAnswers(q)) {
    const { sql, params: p } = amountsSql(q, true);
    rows = cachedStatement(db, sql).all(...(p as never[])) as AmountRow[];
  } else if (!opts.detail && totalsAnswer(q)) rows = totalsRows(db, q);
  else {
    const { sql, params: p } = amountsSql(q, false);
    rows = cachedStatement(db, sql).all(...(p as never[])) as AmountRow[];
  }
  const nonPeriod = q.by.map((d, i) => (d === 'period' ? -1 : i)).filter((i) => i >= 0);
  const keyOf = (r: Record<string, unknown>, idx: number[]) => JSON.stringify(idx.map((i) => r[`k${i}`]));
  const counts = measureCounts(db, q);
  const targets = q.by.includes('period') ? null : targetsBy(db, q);
  return rows.map((r) => {
    const keys: RollupRow['keys'] = {};
    q.by.forEach((d, i) => (keys[d] = r[`k${i}`] as string | number | null));
    const key = keyOf(r, nonPeriod);
    const target = targets?.get(key) ?? 0;
    return {
      keys,
      measures: counts.get(key) ?? 0,
      plan: r.plan,
      baseline: r.baseline,
      forecast: r.forecast,
      actual: r.actual,
      runRate: r.runRate,
      riskWeightedPlan: r.riskWeightedPlan,
      riskWeightedForecast: r.riskWeightedForecast,
      target,
      gap: targets ? r.forecast - target : 0,
    };
  });
}

/**
 * Measures counted in a row: the non-cancelled measures of the row's group (dimensions other
 * than the month; a month row counts its group's measures), with or without effect lines.
 * Read from the measures table alone so it stays cheap at 20k measures.
 */
function measureCounts(db: Database, q: RollupQuery): Map<string, number> {
  const dims = q.by.filter((d) => d !== 'period');
  const mq: RollupQuery = { ...q, by: dims };
  const keySel = dims.map((d, i) => `${DIM_SQL[d]} AS k${i}`).join(', ');
  const group = dims.length ? `GROUP BY ${dims.map((_, i) => `k${i}`).join(', ')}` : '';
  let j = '';
  if (dims.includes('node')) j += ' JOIN a ON a.id = m.node_id';
  if (dims.includes('workstream')) j += ' JOIN ws ON ws.id = m.node_id';
  const sql = `${scopeCtes(mq)}
    SELECT ${keySel ? `${keySel}, ` : ''}count(*) AS n FROM measures m${j}
    WHERE m.deleted = 0 AND m.lifecycle <> 'cancelled'${q.nodeId ? ' AND m.node_id IN (SELECT id FROM scope)' : ''}
    ${group}`;
  const rows = cachedStatement(db, sql).all(...(params(mq, []) as never[])) as Record<string, number | string | null>[];
  return new Map(rows.map((r) => [JSON.stringify(dims.map((_, i) => r[`k${i}`])), r.n as number]));
}

/** Lifetime targets of the lines (net), by the same non-period dimensions. */
function targetsBy(db: Database, q: RollupQuery): Map<string, number> {
  const keySel = q.by.map((d, i) => `${DIM_SQL[d]} AS k${i}`).join(', ');
  const group = q.by.length ? `GROUP BY ${q.by.map((_, i) => `k${i}`).join(', ')}` : '';
  const sql = `${scopeCtes(q)}
    SELECT ${keySel ? `${keySel}, ` : ''}coalesce(sum(sg * l.target), 0) AS target
    FROM (SELECT l.id, l.measure_id, l.target, ${SIGN_SQL} AS sg FROM effect_lines l WHERE l.deleted = 0 AND l.type IN ${VALUE_TYPES_SQL}) l
    ${joins(q)}
    WHERE m.deleted = 0 AND m.lifecycle <> 'cancelled' ${group}`;
  const rows = cachedStatement(db, sql).all(...(params(q, []) as never[])) as Record<string, number | string | null>[];
  return new Map(rows.map((r) => [JSON.stringify(q.by.map((_, i) => r[`k${i}`])), r.target as number]));
}

/** Live measure ids under a node (all when none), cancelled included or not. */
export function scopedMeasureIds(db: Database, nodeId: string | undefined, opts: { cancelled: boolean }): string[] {
  const q: RollupQuery = { nodeId, by: [], runRatePeriod: '' };
  const sql = `${scopeCtes(q)} SELECT m.id FROM measures m WHERE m.deleted = 0 AND m.node_id IN (SELECT id FROM scope)${
    opts.cancelled ? '' : " AND m.lifecycle <> 'cancelled'"
  } ORDER BY m.code`;
  return (cachedStatement(db, sql).all(...(params(q, []) as never[])) as { id: string }[]).map((r) => r.id);
}

export interface ScopedMeasure {
  id: string;
  diLevel: number;
  lifecycle: string;
  ownerId: string | null;
  implementation: string;
  potential: string;
  workstream: string | null;
}

/** The non-cancelled measures under a node with what the dashboard groups them by (the five questions count them in main/api/five-questions.ts). */
export function scopedMeasures(db: Database, nodeId: string | undefined): ScopedMeasure[] {
  const q: RollupQuery = { nodeId, by: ['workstream'], runRatePeriod: '' };
  const sql = `${scopeCtes(q)}
    SELECT m.id, m.di_level AS diLevel, m.lifecycle, m.owner_id AS ownerId,
      m.implementation_status AS implementation, m.potential_status AS potential, ws.top AS workstream
    FROM measures m LEFT JOIN ws ON ws.id = m.node_id
    WHERE m.deleted = 0 AND m.lifecycle <> 'cancelled' AND m.node_id IN (SELECT id FROM scope) ORDER BY m.code`;
  return cachedStatement(db, sql).all(...(params(q, []) as never[])) as ScopedMeasure[];
}
