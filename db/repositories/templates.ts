import type { Database } from 'better-sqlite3';
import type { Template, TemplateInput, TemplateSpec } from '../../preload/contract/workflow-types.js';
import type { Writer } from '../changes.js';
import { decodeValue } from '../changes.js';

/** SQL of service workflows: templates, which measure has which, field values and checklist ticks. */

interface TemplateRow {
  id: string;
  key: string;
  name: string;
  ownerRole: string;
  description: string;
  spec: string;
  usedBy: number;
}

const EMPTY: TemplateSpec = { fields: [], checklist: [], gates: [], triggers: [], reporting: [] };

/** A spec as stored; any part missing (an older or hand-made row) reads as empty. */
export function parseSpec(text: string): TemplateSpec {
  try {
    const v = JSON.parse(text) as Partial<TemplateSpec>;
    return {
      fields: Array.isArray(v.fields) ? v.fields : [],
      checklist: Array.isArray(v.checklist) ? v.checklist : [],
      gates: Array.isArray(v.gates) ? v.gates : [],
      triggers: Array.isArray(v.triggers) ? v.triggers : [],
      reporting: Array.isArray(v.reporting) ? v.reporting : [],
    };
  } catch {
    return EMPTY;
  }
}

const toTemplate = (r: TemplateRow): Template => ({ id: r.id, key: r.key, name: r.name, ownerRole: r.ownerRole, description: r.description, usedBy: r.usedBy, ...parseSpec(r.spec) });

const LIST_SQL = `SELECT t.id, t.key, t.name, t.owner_role AS ownerRole, t.description, t.spec,
  (SELECT count(*) FROM measure_templates l JOIN measures m ON m.id = l.measure_id WHERE l.template_id = t.id AND l.deleted = 0 AND m.deleted = 0) AS usedBy
  FROM templates t WHERE t.deleted = 0`;

export function listTemplates(db: Database): Template[] {
  return (db.prepare(`${LIST_SQL} ORDER BY t.sort_order, t.name`).all() as TemplateRow[]).map(toTemplate);
}

export function getTemplateByKey(db: Database, key: string): Template | undefined {
  const r = db.prepare(`${LIST_SQL} AND t.key = ?`).get(key) as TemplateRow | undefined;
  return r ? toTemplate(r) : undefined;
}

/** The template of a live measure, or undefined for a plain measure. */
export function templateOfMeasure(db: Database, measureId: string): Template | undefined {
  const r = db
    .prepare(`${LIST_SQL} AND t.id = (SELECT template_id FROM measure_templates WHERE id = ? AND deleted = 0)`)
    .get(measureId) as TemplateRow | undefined;
  return r ? toTemplate(r) : undefined;
}

/** Every live measure's template id. */
export function templateLinks(db: Database): Map<string, string> {
  const rows = db
    .prepare('SELECT l.measure_id AS m, l.template_id AS t FROM measure_templates l JOIN templates t ON t.id = l.template_id AND t.deleted = 0 WHERE l.deleted = 0')
    .all() as { m: string; t: string }[];
  return new Map(rows.map((r) => [r.m, r.t]));
}

/** Writes a template row (by key): its definition is one JSON document. */
export function writeTemplate(w: Writer, db: Database, t: TemplateInput, sortOrder?: number): string {
  const spec: TemplateSpec = { fields: t.fields, checklist: t.checklist, gates: t.gates, triggers: t.triggers, reporting: t.reporting };
  const values = { name: t.name, owner_role: t.ownerRole, description: t.description, spec: JSON.stringify(spec) };
  const have = db.prepare('SELECT id FROM templates WHERE key = ?').get(t.key) as { id: string } | undefined;
  if (have) {
    w.update('templates', have.id, { ...values, deleted: 0, ...(sortOrder !== undefined ? { sort_order: sortOrder } : {}) });
    return have.id;
  }
  const n = sortOrder ?? (db.prepare('SELECT coalesce(max(sort_order), 0) + 1 AS n FROM templates').get() as { n: number }).n;
  return w.insert('templates', { key: t.key, ...values, sort_order: n }, `tpl-${t.key}`);
}

/** Upserts a row whose id is fixed by what it is about (a measure, a measure and a key). */
export function upsertKeyed(w: Writer, db: Database, table: 'measure_templates' | 'template_values' | 'template_checks', id: string, values: Record<string, string | number | null>): void {
  const exists = db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id);
  if (exists) w.update(table, id, { ...values, deleted: 0 });
  else w.insert(table, values, id);
}

export function setMeasureTemplate(w: Writer, db: Database, measureId: string, templateId: string | null): void {
  if (templateId) upsertKeyed(w, db, 'measure_templates', measureId, { measure_id: measureId, template_id: templateId });
  else if (db.prepare('SELECT 1 FROM measure_templates WHERE id = ? AND deleted = 0').get(measureId)) w.remove('measure_templates', measureId);
}

/** Sets a template field of a measure ('' clears it): one keyed row per measure and field. */
export function writeTemplateValue(w: Writer, db: Database, measureId: string, key: string, value: string): void {
  upsertKeyed(w, db, 'template_values', `${measureId}:${key}`, { measure_id: measureId, field_key: key, value });
}

/** Template field values of measures (all of them, or of one), by measure id. */
export function templateValues(db: Database, measureId: string | null): Map<string, Record<string, string>> {
  const rows = (
    measureId
      ? db.prepare("SELECT measure_id AS m, field_key AS k, value AS v FROM template_values WHERE measure_id = ? AND deleted = 0 AND value <> ''").all(measureId)
      : db.prepare("SELECT measure_id AS m, field_key AS k, value AS v FROM template_values WHERE deleted = 0 AND value <> ''").all()
  ) as { m: string; k: string; v: string }[];
  const out = new Map<string, Record<string, string>>();
  for (const r of rows) {
    let o = out.get(r.m);
    if (!o) out.set(r.m, (o = {}));
    o[r.k] = r.v;
  }
  return out;
}

export interface CheckRow {
  measureId: string;
  itemKey: string;
  done: number;
  personId: string | null;
  note: string;
  evidenceId: string | null;
  at: string | null;
}

export function templateChecks(db: Database, measureId: string | null): CheckRow[] {
  const sql = `SELECT measure_id AS measureId, item_key AS itemKey, done, person_id AS personId, note, evidence_id AS evidenceId, at FROM template_checks WHERE deleted = 0${measureId ? ' AND measure_id = ?' : ''}`;
  return (measureId ? db.prepare(sql).all(measureId) : db.prepare(sql).all()) as CheckRow[];
}

/** Live evidence items per measure. */
export function evidenceCounts(db: Database): Map<string, number> {
  const rows = db.prepare('SELECT measure_id AS m, count(*) AS n FROM gate_evidence WHERE deleted = 0 GROUP BY measure_id').all() as { m: string; n: number }[];
  return new Map(rows.map((r) => [r.m, r.n]));
}

/**
 * Each template field's value after every update of the measure's workflow, oldest first,
 * read from the change log: an update is one action (tx) that changed any of its template values.
 */
export function valueHistory(db: Database, measureId: string): Record<string, string[]> {
  const rows = db
    .prepare(
      `SELECT v.field_key AS k, l.tx, l.value FROM template_values v
       JOIN change_rows r ON r.tbl = 'template_values' AND r.row_id = v.id
       JOIN change_log l ON l.row_key = r.id AND l.col = 'value'
       WHERE v.measure_id = ? ORDER BY l.hlc, l.seq`,
    )
    .all(measureId) as { k: string; tx: string; value: string | null }[];
  const current: Record<string, string> = {};
  const out: Record<string, string[]> = {};
  let lastTx = '';
  const keys = [...new Set(rows.map((r) => r.k))];
  for (const r of rows) {
    if (r.tx !== lastTx && lastTx !== '') for (const k of keys) (out[k] ??= []).push(current[k] ?? '');
    lastTx = r.tx;
    current[r.k] = String(decodeValue(r.value) ?? '');
  }
  if (lastTx !== '') for (const k of keys) (out[k] ??= []).push(current[k] ?? '');
  return out;
}

/** Every field key a live template defines, with the template and the field's label (a workspace field may not reuse one). */
export function templateFieldOwners(db: Database): Map<string, { template: string; label: string }> {
  const rows = db
    .prepare("SELECT t.name AS template, json_extract(f.value, '$.key') AS key, json_extract(f.value, '$.label') AS label FROM templates t, json_each(t.spec, '$.fields') f WHERE t.deleted = 0 ORDER BY t.sort_order")
    .all() as { template: string; key: string; label: string }[];
  const out = new Map<string, { template: string; label: string }>();
  for (const r of rows) if (!out.has(r.key)) out.set(r.key, { template: r.template, label: r.label });
  return out;
}
