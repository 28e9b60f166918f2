import type { Database } from 'better-sqlite3';
import type { KpiInput } from '../../preload/contract/kpi-types.js';

/** SQL of service KPIs: definitions with what they are on, actuals by month. */

export interface KpiRow extends KpiInput {
  id: string;
  measureId: string | null;
  nodeId: string | null;
  measureCode: string | null;
  measureTitle: string | null;
  /** The node of the KPI, or of its measure's package. */
  placeNodeId: string | null;
  nodeName: string | null;
  /** The measure's lifecycle (null for a node's KPI). */
  lifecycle: string | null;
}

const SELECT = `SELECT k.id, k.key, k.name, k.unit, k.direction, k.baseline, k.target, k.amber, k.red,
  k.measure_id AS measureId, k.node_id AS nodeId, m.code AS measureCode, m.title AS measureTitle,
  coalesce(k.node_id, m.node_id) AS placeNodeId, n.name AS nodeName, m.lifecycle AS lifecycle
  FROM kpis k LEFT JOIN measures m ON m.id = k.measure_id LEFT JOIN nodes n ON n.id = k.node_id
  WHERE k.deleted = 0 AND (k.measure_id IS NULL OR m.deleted = 0)`;

export function kpiRows(db: Database, filter: { measureId?: string; nodeId?: string; id?: string } = {}): KpiRow[] {
  if (filter.id) return db.prepare(`${SELECT} AND k.id = ?`).all(filter.id) as KpiRow[];
  if (filter.measureId) return db.prepare(`${SELECT} AND k.measure_id = ? ORDER BY k.sort_order, k.name`).all(filter.measureId) as KpiRow[];
  if (filter.nodeId) return db.prepare(`${SELECT} AND k.node_id = ? ORDER BY k.sort_order, k.name`).all(filter.nodeId) as KpiRow[];
  return db.prepare(`${SELECT} ORDER BY k.key, coalesce(m.code, ''), k.name`).all() as KpiRow[];
}

/** Actuals by KPI id, oldest first. */
export function kpiActuals(db: Database, ids: string[] | null): Map<string, { period: string; value: number }[]> {
  const rows = (
    ids
      ? db.prepare('SELECT kpi_id AS k, period, value FROM kpi_actuals WHERE deleted = 0 AND kpi_id IN (SELECT value FROM json_each(?)) ORDER BY period').all(JSON.stringify(ids))
      : db.prepare('SELECT kpi_id AS k, period, value FROM kpi_actuals WHERE deleted = 0 ORDER BY period').all()
  ) as { k: string; period: string; value: number }[];
  const out = new Map<string, { period: string; value: number }[]>();
  for (const r of rows) (out.get(r.k) ?? out.set(r.k, []).get(r.k)!).push({ period: r.period, value: r.value });
  return out;
}

/** A choice field's value per measure: a workspace custom field, else a template field; null when no field has the key. */
export function fieldValues(db: Database, key: string): Map<string, string> | null {
  const custom = db.prepare('SELECT id FROM custom_fields WHERE key = ? AND deleted = 0').get(key) as { id: string } | undefined;
  if (custom) {
    const rows = db.prepare('SELECT measure_id AS m, value AS v FROM custom_values WHERE field_id = ? AND deleted = 0').all(custom.id) as { m: string; v: string }[];
    return new Map(rows.map((r) => [r.m, r.v]));
  }
  const tpl = db.prepare("SELECT 1 FROM templates t, json_each(t.spec, '$.fields') f WHERE t.deleted = 0 AND json_extract(f.value, '$.key') = ? LIMIT 1").get(key);
  if (!tpl) return null;
  const rows = db.prepare("SELECT measure_id AS m, value AS v FROM template_values WHERE field_key = ? AND deleted = 0 AND value <> ''").all(key) as { m: string; v: string }[];
  return new Map(rows.map((r) => [r.m, r.v]));
}
