import type { Database } from '../../db/connection.js';
import { currentPeriod } from '../../db/clock.js';
import { kpiActuals, kpiRows, type KpiRow } from '../../db/repositories/kpis.js';
import { subtreeIds } from '../../db/repositories/nodes.js';
import type { Kpi } from '../../preload/contract.js';
import { kpiStatus } from '../domain/kpis.js';

/** KPIs with their actuals and derived status; `period` = the month the status is read for. */
export function toKpis(db: Database, rows: KpiRow[], period = currentPeriod()): Kpi[] {
  const actuals = kpiActuals(db, rows.length > 500 ? null : rows.map((r) => r.id));
  return rows.map((r) => {
    const list = actuals.get(r.id) ?? [];
    const latest = [...list].reverse().find((a) => a.period <= period) ?? null;
    const { status, reason } = kpiStatus(r, latest);
    return {
      id: r.id,
      key: r.key,
      name: r.name,
      unit: r.unit,
      direction: r.direction,
      baseline: r.baseline,
      target: r.target,
      amber: r.amber,
      red: r.red,
      measureId: r.measureId,
      nodeId: r.nodeId,
      on: r.measureId ? `${r.measureCode} ${r.measureTitle}` : (r.nodeName ?? 'Whole program'),
      actuals: list,
      latest,
      status,
      reason,
    };
  });
}

/**
 * KPIs under a node (its own, its subtree's nodes' and measures'), or all of them: those of
 * measures still going (cancelled and closed work reports no more).
 */
export function kpisUnder(db: Database, nodeId: string | null | undefined, period?: string): Kpi[] {
  const rows = kpiRows(db).filter((r) => r.lifecycle === null || r.lifecycle === 'active' || r.lifecycle === 'on_hold');
  if (!nodeId) return toKpis(db, rows, period);
  const nodes = new Set(subtreeIds(db, nodeId));
  return toKpis(db, rows.filter((r) => r.placeNodeId !== null && nodes.has(r.placeNodeId)), period);
}
