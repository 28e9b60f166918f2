import type { Database } from 'better-sqlite3';
import type { Measure } from '../../preload/contract/types.js';
import { MEASURE_FIELDS, type MeasureFieldDef } from '../../preload/contract/measure-fields.js';
import type { Writer } from '../changes.js';
import { cachedStatement } from '../statements.js';
import { attachCustom } from './custom-fields.js';
import { attachManual } from './manual-status.js';
import type { CellValue } from '../tables.js';
import { nowIso } from '../clock.js';

const FIELDS = MEASURE_FIELDS as readonly MeasureFieldDef[];
/**
 * Column aliases are the contract's camelCase names, so rows need no mapping in JS; the
 * registry's fields are its columns (a person as its id and, joined, its name). Every
 * identifier comes from the registry, never from input.
 */
const SELECT = `
  SELECT m.id, m.code, m.node_id AS nodeId, ${FIELDS.map((f) => (f.kind === 'person' ? `m.${f.column} AS ${f.key}Id, p_${f.key}.name AS ${f.key}` : `m.${f.column} AS ${f.key}`)).join(', ')},
         m.di_level AS diLevel, m.lifecycle, m.sort_order AS sortOrder, m.updated_at AS updatedAt
  FROM measures m
  ${FIELDS.filter((f) => f.kind === 'person')
    .map((f) => `LEFT JOIN people p_${f.key} ON p_${f.key}.id = m.${f.column}`)
    .join('\n  ')}`;

/** Custom values and manual statuses: what a measure row carries besides its columns. */
function attach(db: Database, list: Measure[], ids?: string[]): Measure[] {
  return attachManual(db, attachCustom(db, list, ids), ids);
}

/** Live measures, optionally only those in the given nodes. */
export function listMeasures(db: Database, nodeIds?: string[]): Measure[] {
  if (!nodeIds) return attach(db, db.prepare(`${SELECT} WHERE m.deleted = 0 ORDER BY m.code`).all() as Measure[]);
  return attach(
    db,
    db.prepare(`${SELECT} WHERE m.deleted = 0 AND m.node_id IN (SELECT value FROM json_each(?)) ORDER BY m.code`).all(JSON.stringify(nodeIds)) as Measure[],
  );
}

export function getMeasure(db: Database, id: string): Measure | undefined {
  const m = cachedStatement(db, `${SELECT} WHERE m.id = ? AND m.deleted = 0`).get(id) as Measure | undefined;
  return m && attach(db, [m], [id])[0];
}

export function getMeasureByCode(db: Database, code: string): Measure | undefined {
  return cachedStatement(db, `${SELECT} WHERE m.code = ? COLLATE NOCASE AND m.deleted = 0`).get(code) as Measure | undefined;
}

export function getMeasuresByIds(db: Database, ids: string[]): Measure[] {
  const list = cachedStatement(db, `${SELECT} WHERE m.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Measure[];
  return ids.length > 500 ? attach(db, list) : attach(db, list, ids);
}

/** Live measures among `ids` (deleted ones are left out), e.g. the rows an action changed. */
export function listLiveMeasuresByIds(db: Database, ids: string[]): Measure[] {
  // The unary `+` keeps the planner on the primary key: on `deleted` it picks the roll-up
  // index and reads every measure (60 ms instead of 0.4 ms for one row of 20k).
  const list = cachedStatement(db, `${SELECT} WHERE m.id IN (SELECT value FROM json_each(?)) AND +m.deleted = 0`).all(JSON.stringify(ids)) as Measure[];
  return ids.length > 500 ? attach(db, list) : attach(db, list, ids);
}

/** What validating an edit needs of a measure (bulk edits read only this of thousands of rows). */
export type MeasureState = Pick<Measure, 'id' | 'code' | 'diLevel' | 'startDate' | 'dueDate'>;

/** MeasureState of the live measures among `ids` (an edit of a deleted one is refused). */
export function getMeasureStatesByIds(db: Database, ids: string[]): MeasureState[] {
  // `+deleted` keeps the planner on the primary key (see listLiveMeasuresByIds).
  return cachedStatement(
    db,
    'SELECT id, code, di_level AS diLevel, start_date AS startDate, due_date AS dueDate FROM measures WHERE id IN (SELECT value FROM json_each(?)) AND +deleted = 0',
  ).all(JSON.stringify(ids)) as MeasureState[];
}

/** MeasureState of one live measure (a single edit validates against it before writing). */
export function getMeasureState(db: Database, id: string): MeasureState | undefined {
  return cachedStatement(
    db,
    'SELECT id, code, di_level AS diLevel, start_date AS startDate, due_date AS dueDate FROM measures WHERE id = ? AND deleted = 0',
  ).get(id) as MeasureState | undefined;
}

/** Next free code "M-0001"… over all measures, deleted ones included (codes are never reused). */
export function nextMeasureCode(db: Database): string {
  const r = cachedStatement(db, "SELECT max(CAST(substr(code, 3) AS INTEGER)) AS n FROM measures WHERE code GLOB 'M-[0-9]*'").get() as {
    n: number | null;
  };
  return `M-${String((r.n ?? 0) + 1).padStart(4, '0')}`;
}

export function insertMeasure(w: Writer, db: Database, values: Record<string, CellValue>, id?: string): string {
  const code = (values.code as string | undefined) ?? nextMeasureCode(db);
  return w.insert('measures', { ...values, code, updated_at: nowIso() }, id);
}

/** Writes already-validated columns (db names) and stamps updated_at when anything changed. */
export function updateMeasureColumns(w: Writer, id: string, columns: Record<string, CellValue>): string[] {
  // One read and one UPDATE for the cells and the stamp; the log is the same as writing
  // the stamp in a second update() when something changed.
  return w.update('measures', id, columns, { updated_at: nowIso() });
}
