import type { Database } from 'better-sqlite3';
import type { EffectLine, EffectValue, PeriodValidation, ValueField, ValueSettings } from '../../preload/contract/value.js';
import type { Writer } from '../changes.js';
import { cachedStatement } from '../statements.js';
import type { CellValue } from '../tables.js';
import { nowIso } from '../clock.js';

/** Effect lines, monthly values, controller validations and settings of the value feature. */

export function listLines(db: Database, measureId: string): EffectLine[] {
  return cachedStatement(
    db,
    `SELECT id, measure_id AS measureId, type, label, target, sort_order AS sortOrder
     FROM effect_lines WHERE measure_id = ? AND deleted = 0 ORDER BY sort_order, rowid`,
  ).all(measureId) as EffectLine[];
}

export function getLine(db: Database, lineId: string): EffectLine | undefined {
  return cachedStatement(
    db,
    `SELECT id, measure_id AS measureId, type, label, target, sort_order AS sortOrder FROM effect_lines WHERE id = ? AND deleted = 0`,
  ).get(lineId) as EffectLine | undefined;
}

export function listValues(db: Database, measureId: string): EffectValue[] {
  const rows = cachedStatement(
    db,
    `SELECT v.line_id AS lineId, v.period, v.plan, v.baseline, v.forecast, v.actual, v.actual_validated AS validated
     FROM effect_values v JOIN effect_lines l ON l.id = v.line_id
     WHERE l.measure_id = ? AND l.deleted = 0 AND v.deleted = 0 ORDER BY v.period`,
  ).all(measureId) as (Omit<EffectValue, 'validated'> & { validated: number })[];
  return rows.map((r) => ({ ...r, validated: r.validated === 1 }));
}

export function listValidations(db: Database, measureId: string): PeriodValidation[] {
  return cachedStatement(
    db,
    `SELECT period, state, validated_by AS validatedBy, validated_at AS validatedAt, reopened_by AS reopenedBy,
            reopened_at AS reopenedAt, reopen_reason AS reopenReason
     FROM value_validations WHERE measure_id = ? AND deleted = 0 ORDER BY period`,
  ).all(measureId) as PeriodValidation[];
}

export function validatedPeriods(db: Database, measureId: string): Set<string> {
  const rows = cachedStatement(db, "SELECT period FROM value_validations WHERE measure_id = ? AND state = 'validated' AND deleted = 0").all(measureId) as {
    period: string;
  }[];
  return new Set(rows.map((r) => r.period));
}

export function insertLine(w: Writer, db: Database, l: { measureId: string; type: string; label: string; target: number | null }): string {
  const n = cachedStatement(db, 'SELECT coalesce(max(sort_order), 0) + 1 AS n FROM effect_lines WHERE measure_id = ?').get(l.measureId) as { n: number };
  return w.insert('effect_lines', {
    measure_id: l.measureId,
    type: l.type,
    label: l.label,
    target: l.target,
    sort_order: n.n,
    updated_at: nowIso(),
  });
}

export function touchLine(w: Writer, lineId: string): void {
  w.update('effect_lines', lineId, { updated_at: nowIso() });
}

/** Writes one amount of one line and month; creates the month's row on first use. */
export function setValue(w: Writer, db: Database, lineId: string, period: string, field: ValueField | 'baseline', value: number | null): void {
  const id = `${lineId}:${period}`;
  const exists = cachedStatement(db, 'SELECT deleted FROM effect_values WHERE id = ?').get(id) as { deleted: number } | undefined;
  if (exists) {
    const cols: Record<string, CellValue> = { [field]: value };
    if (field === 'actual') cols.actual_validated = 0;
    if (exists.deleted) cols.deleted = 0;
    w.update('effect_values', id, cols);
  } else if (value !== null) {
    w.insert('effect_values', { line_id: lineId, period, [field]: value, actual_validated: 0 }, id);
  }
}

/** True once the measure's plan was copied to its baseline (any month carries a baseline). */
export function isBaselineLocked(db: Database, measureId: string): boolean {
  return (
    cachedStatement(
      db,
      `SELECT 1 FROM effect_values v JOIN effect_lines l ON l.id = v.line_id
       WHERE l.measure_id = ? AND l.deleted = 0 AND v.deleted = 0 AND v.baseline IS NOT NULL LIMIT 1`,
    ).get(measureId) !== undefined
  );
}

/**
 * Locks the baseline of a measure passing DI3: copies every month's plan to its baseline,
 * once. Later plan edits then show as deviations from the baseline and never overwrite it.
 * Returns the number of months copied (0 when already locked or no plan yet). Call it
 * wherever di_level becomes ≥ 3; value edits also call it lazily (see value:setCells).
 */
export function lockBaseline(w: Writer, db: Database, measureId: string): number {
  if (isBaselineLocked(db, measureId)) return 0;
  const rows = cachedStatement(
    db,
    `SELECT v.id, v.plan FROM effect_values v JOIN effect_lines l ON l.id = v.line_id
     WHERE l.measure_id = ? AND l.deleted = 0 AND v.deleted = 0 AND v.plan IS NOT NULL`,
  ).all(measureId) as { id: string; plan: number }[];
  for (const r of rows) w.update('effect_values', r.id, { baseline: r.plan });
  return rows.length;
}

/** Marks a month validated (or reopened) and flags its actuals accordingly. */
export function setValidation(
  w: Writer,
  db: Database,
  v: { measureId: string; period: string; state: 'validated' | 'reopened'; actor: string; reason?: string },
): void {
  const id = `${v.measureId}:${v.period}`;
  const at = nowIso();
  const fields: Record<string, CellValue> =
    v.state === 'validated'
      ? { state: 'validated', validated_by: v.actor, validated_at: at, reopened_by: null, reopened_at: null, reopen_reason: null }
      : { state: 'reopened', reopened_by: v.actor, reopened_at: at, reopen_reason: v.reason ?? '' };
  const exists = cachedStatement(db, 'SELECT 1 FROM value_validations WHERE id = ?').get(id);
  if (exists) w.update('value_validations', id, { ...fields, deleted: 0 });
  else w.insert('value_validations', { measure_id: v.measureId, period: v.period, ...fields }, id);
  const rows = cachedStatement(
    db,
    `SELECT v.id FROM effect_values v JOIN effect_lines l ON l.id = v.line_id
     WHERE l.measure_id = ? AND v.period = ? AND l.deleted = 0 AND v.deleted = 0`,
  ).all(v.measureId, v.period) as { id: string }[];
  for (const r of rows) w.update('effect_values', r.id, { actual_validated: v.state === 'validated' ? 1 : 0 });
}

export interface OverrideRow {
  kind: 'implementation' | 'potential';
  status: 'green' | 'amber' | 'red' | 'grey';
  reason: string;
  by: string | null;
  at: string | null;
}

export function listOverrides(db: Database, measureId: string): OverrideRow[] {
  return cachedStatement(
    db,
    'SELECT kind, status, reason, set_by AS "by", set_at AS "at" FROM status_overrides WHERE measure_id = ? AND deleted = 0',
  ).all(measureId) as OverrideRow[];
}

export function setOverride(w: Writer, db: Database, measureId: string, o: Omit<OverrideRow, 'at'>): void {
  const id = `${measureId}:${o.kind}`;
  const fields = { status: o.status, reason: o.reason, set_by: o.by, set_at: nowIso(), deleted: 0 };
  if (cachedStatement(db, 'SELECT 1 FROM status_overrides WHERE id = ?').get(id)) w.update('status_overrides', id, fields);
  else w.insert('status_overrides', { measure_id: measureId, kind: o.kind, ...fields }, id);
}

export function clearOverride(w: Writer, db: Database, measureId: string, kind: string): boolean {
  const id = `${measureId}:${kind}`;
  const row = cachedStatement(db, 'SELECT deleted FROM status_overrides WHERE id = ?').get(id) as { deleted: number } | undefined;
  if (!row || row.deleted) return false;
  w.remove('status_overrides', id);
  return true;
}

export function getValueSettings(db: Database): ValueSettings {
  const r = cachedStatement(db, "SELECT tolerance_pct AS tolerancePct, stale_days AS staleDays FROM value_settings WHERE id = 'value'").get() as
    | ValueSettings
    | undefined;
  return r ?? { tolerancePct: 10, staleDays: 30 };
}

export function setValueSettings(w: Writer, s: Partial<ValueSettings>): void {
  const cols: Record<string, number> = {};
  if (s.tolerancePct !== undefined) cols.tolerance_pct = s.tolerancePct;
  if (s.staleDays !== undefined) cols.stale_days = s.staleDays;
  w.update('value_settings', 'value', cols);
}
