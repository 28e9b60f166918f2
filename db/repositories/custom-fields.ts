import type { Database } from 'better-sqlite3';
import type { CustomField, CustomFieldType } from '../../preload/contract/grid-types.js';
import type { Measure } from '../../preload/contract/types.js';
import type { Writer } from '../changes.js';
import { cachedStatement } from '../statements.js';

interface FieldRow {
  id: string;
  key: string;
  label: string;
  type: CustomFieldType;
  choices: string;
  requiredFromDi: number | null;
  sortOrder: number;
}

const FIELD_SQL = `SELECT id, key, label, type, choices, required_from_di AS requiredFromDi, sort_order AS sortOrder
  FROM custom_fields WHERE deleted = 0`;

const toField = (r: FieldRow): CustomField => ({ ...r, choices: JSON.parse(r.choices) as string[] });

export function listCustomFields(db: Database): CustomField[] {
  return (cachedStatement(db, `${FIELD_SQL} ORDER BY sort_order, label`).all() as FieldRow[]).map(toField);
}

export function getCustomField(db: Database, id: string): CustomField | undefined {
  const r = cachedStatement(db, `${FIELD_SQL} AND id = ?`).get(id) as FieldRow | undefined;
  return r && toField(r);
}

/** Key of a deleted field too, so a key is never reused for another meaning. */
export function allFieldKeys(db: Database): Set<string> {
  return new Set((db.prepare('SELECT key FROM custom_fields').all() as { key: string }[]).map((r) => r.key));
}

export const customValueId = (measureId: string, fieldId: string) => `${measureId}:${fieldId}`;

/** Writes one custom value (insert on first use, update after; a cleared value is stored as NULL). */
export function writeCustomValue(w: Writer, db: Database, measureId: string, fieldId: string, value: string | null): boolean {
  const id = customValueId(measureId, fieldId);
  const cur = cachedStatement(db, 'SELECT value, deleted FROM custom_values WHERE id = ?').get(id) as { value: string | null; deleted: number } | undefined;
  if (!cur) {
    if (value === null) return false;
    w.insert('custom_values', { measure_id: measureId, field_id: fieldId, value }, id);
    return true;
  }
  return w.update('custom_values', id, { value, deleted: 0 }).length > 0;
}

/** A stored custom value as the grid shows and edits it (see CustomValues in the contract). */
function display(type: CustomFieldType, stored: string, personName: string | null): string | number {
  switch (type) {
    case 'number':
    case 'money':
      return Number(stored);
    case 'checkbox':
      return stored === '1' ? 'yes' : 'no';
    case 'multi':
      try {
        return (JSON.parse(stored) as string[]).join('; ');
      } catch {
        return stored;
      }
    case 'person':
      return personName ?? stored;
    default:
      return stored;
  }
}

const VALUES_SQL = `SELECT v.measure_id AS m, f.key AS k, f.type AS t, v.value AS v, p.name AS p
  FROM custom_values v JOIN custom_fields f ON f.id = v.field_id AND f.deleted = 0
  LEFT JOIN people p ON f.type = 'person' AND p.id = v.value
  WHERE v.deleted = 0 AND v.value IS NOT NULL`;

/**
 * Adds `custom` to the measures that have custom values: one query for all of them, and
 * none at all while the workspace defines no custom field (the common case stays as fast
 * as before).
 */
export function attachCustom(db: Database, measures: Measure[], ids?: string[]): Measure[] {
  if (measures.length === 0 || !cachedStatement(db, 'SELECT 1 FROM custom_fields WHERE deleted = 0 LIMIT 1').get()) return measures;
  const rows = (
    ids ? cachedStatement(db, `${VALUES_SQL} AND v.measure_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) : cachedStatement(db, VALUES_SQL).all()
  ) as { m: string; k: string; t: CustomFieldType; v: string; p: string | null }[];
  if (rows.length === 0) return measures;
  const byMeasure = new Map<string, Record<string, string | number | null>>();
  for (const r of rows) {
    let o = byMeasure.get(r.m);
    if (!o) byMeasure.set(r.m, (o = {}));
    o[r.k] = display(r.t, r.v, r.p);
  }
  for (const m of measures) {
    const c = byMeasure.get(m.id);
    if (c) m.custom = c;
  }
  return measures;
}
