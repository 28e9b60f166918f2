import type { Database } from 'better-sqlite3';
import type { ManualStatus, ManualStatuses, Measure, Rag, StatusKind } from '../../preload/contract/types.js';
import { cachedStatement } from '../statements.js';

const SQL = `SELECT o.measure_id AS m, o.kind AS k, o.status, o.reason, o.set_by AS "by", o.set_at AS "at", p.name AS byName
  FROM status_overrides o LEFT JOIN people p ON p.id = o.set_by
  WHERE o.deleted = 0`;

interface Row {
  m: string;
  k: StatusKind;
  status: Rag;
  reason: string;
  by: string | null;
  at: string | null;
  byName: string | null;
}

/**
 * Adds `manual` (the statuses set by hand: status, reason, who, when) to the measures that
 * have one. One query over status_overrides for the whole list, however long: overrides are
 * few (a person's statements), so a 20k-measure list pays for the rows that exist, not a
 * join per measure. With `ids`, only those measures' overrides are read (by the measure_id index).
 */
export function attachManual(db: Database, measures: Measure[], ids?: string[]): Measure[] {
  if (measures.length === 0) return measures;
  const rows = (ids ? cachedStatement(db, `${SQL} AND o.measure_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) : cachedStatement(db, SQL).all()) as Row[];
  if (rows.length === 0) return measures;
  const byMeasure = new Map<string, ManualStatuses>();
  for (const r of rows) {
    let o = byMeasure.get(r.m);
    if (!o) byMeasure.set(r.m, (o = {}));
    const s: ManualStatus = { status: r.status, reason: r.reason, by: r.by, at: r.at };
    if (r.byName) s.byName = r.byName;
    o[r.k] = s;
  }
  for (const m of measures) {
    const o = byMeasure.get(m.id);
    if (o) m.manual = o;
  }
  return measures;
}
