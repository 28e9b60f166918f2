import type { Database } from 'better-sqlite3';
import { decodeValue } from '../../db/changes.js';
import { listCustomFields } from '../../db/repositories/custom-fields.js';
import { DERIVED_COLUMNS } from '../../db/tables.js';
import { RAG_LABELS, type HistoryEntry, type Rag } from '../../preload/contract/types.js';
import { MEASURE_FIELDS } from '../../preload/contract/measure-fields.js';
import { measureEvents } from './measure-history-events.js';

export const MEASURE_COLUMN_LABELS: Record<string, string> = {
  ...Object.fromEntries(MEASURE_FIELDS.map((f) => [f.column, f.label])),
  code: 'Code',
  node_id: 'Package',
  di_level: 'DI level',
  lifecycle: 'Lifecycle',
  sort_order: 'Order',
  deleted: 'Deleted',
};
const MILESTONE_LABELS: Record<string, string> = { title: 'Title', owner_id: 'Owner', due_date: 'Due date', forecast_date: 'Forecast date', done: 'Done', done_date: 'Done on', deleted: 'Deleted' };
const PERSON_COLUMNS = new Set(['owner_id', 'sponsor_id', 'controller_id']);
// Of a manual status's row, the history shows what a person stated; who and when are the entry's own.
const OVERRIDE_COLUMNS = new Set(['status', 'reason', 'deleted']);

export interface Row {
  hlc: string;
  actor: string;
  enteredBy: string | null;
  copy: string | null;
  tbl: string;
  row_id: string;
  col: string;
  old_value: string | null;
  value: string | null;
}

/**
 * The audit trail of a measure, newest first: its own cells, its custom values and its
 * milestones, with labels instead of column names and people by name. Bookkeeping cells
 * (updated_at, sort order, the ids linking a row to the measure) are left out, and so are
 * derived statuses older versions logged as edits: a re-derivation is the system's work,
 * not a person's edit. A status set by hand is a person's edit and shows as "Manual …
 * status" (its status_overrides row).
 */
export function measureHistory(db: Database, measureId: string, limit = 1000): HistoryEntry[] {
  const rows = db
    .prepare(
      `SELECT l.hlc, coalesce(p.name, CASE WHEN l.actor LIKE 'user:%' THEN substr(l.actor, 6) ELSE l.actor END) AS actor,
              coalesce(e.name, l.entered_by) AS enteredBy, m.name AS copy, l.tbl, l.row_id, l.col, l.old_value, l.value
       FROM change_log l LEFT JOIN people p ON p.id = l.actor LEFT JOIN people e ON e.id = l.entered_by
       LEFT JOIN sync_members m ON m.id = l.replica
       WHERE l.row_key IN (
               SELECT id FROM change_rows WHERE tbl = 'measures' AND row_id = @id
               UNION ALL SELECT id FROM change_rows WHERE tbl = 'custom_values' AND row_id >= @id || ':' AND row_id < @id || ';'
               UNION ALL SELECT r.id FROM milestones m JOIN change_rows r ON r.tbl = 'milestones' AND r.row_id = m.id WHERE m.measure_id = @id
               UNION ALL SELECT id FROM change_rows WHERE tbl = 'status_overrides' AND row_id IN (@id || ':implementation', @id || ':potential'))
         AND l.col NOT IN ('updated_at', 'sort_order', 'measure_id', 'field_id')
         AND NOT (l.tbl = 'measures' AND l.col IN (SELECT value FROM json_each(@derived)))
       ORDER BY l.hlc DESC, l.seq DESC LIMIT @limit`,
    )
    .all({ id: measureId, limit, derived: JSON.stringify(DERIVED_COLUMNS.measures) }) as Row[];
  const people = new Map((db.prepare('SELECT id, name FROM people').all() as { id: string; name: string }[]).map((p) => [p.id, p.name]));
  const fields = new Map(listCustomFieldsAll(db).map((f) => [f.id, f]));
  const milestoneTitles = new Map(
    (db.prepare('SELECT id, title FROM milestones WHERE measure_id = ?').all(measureId) as { id: string; title: string }[]).map((m) => [m.id, m.title]),
  );
  const text = (v: string | number | null, person: boolean, money = false): string => {
    if (v === null || v === '') return '';
    if (person) return people.get(String(v)) ?? String(v);
    if (money) return (Number(v) / 100).toFixed(2);
    return String(v);
  };
  const system = (actor: string) => (actor === 'system' ? 'Steerco (system)' : actor);
  // A milestone added writes all its columns at once: one entry says it was added, with what.
  const added = new Map<string, Row[]>();
  // (Grouped by the row and the write's moment: each column has its own clock tick.)
  const moment = (r: Row) => `${r.row_id}@${r.hlc.slice(0, 15)}`;
  for (const r of rows) if (r.tbl === 'milestones' && r.old_value === null) added.set(moment(r), [...(added.get(moment(r)) ?? []), r]);
  const addedEntries = [...added.values()]
    .filter((cols) => cols.some((c) => c.col === 'title'))
    .map((cols) => {
      const r = cols[0]!;
      const v = (col: string) => decodeValue(cols.find((c) => c.col === col)?.value ?? null);
      const what = [v('owner_id') ? `owner ${text(v('owner_id'), true)}` : '', v('due_date') ? `due ${String(v('due_date'))}` : ''].filter(Boolean).join(', ');
      return entry({ ...r, actor: system(r.actor) }, null, String(v('title') ?? ''), `Milestone "${String(v('title') ?? '?')}"`, '', `added${what ? ` (${what})` : ''}`);
    });
  const list = rows
    .filter((r) => !(r.tbl === 'milestones' && r.old_value === null && added.get(moment(r))?.some((c) => c.col === 'title')))
    // Bookkeeping of an insert ("Deleted: (empty) → 0") is no change a person made.
    .filter((r) => !(r.col === 'deleted' && r.old_value === null && decodeValue(r.value) === 0))
    .filter((r) => !(r.tbl === 'custom_values' && r.col === 'deleted' && r.value === '0'))
    .filter((r) => r.tbl !== 'status_overrides' || (OVERRIDE_COLUMNS.has(r.col) && !(r.col === 'deleted' && r.value === '0')))
    .map((r) => {
      const oldValue = decodeValue(r.old_value);
      const newValue = decodeValue(r.value);
      let label = r.col;
      let person = PERSON_COLUMNS.has(r.col);
      let money = false;
      if (r.tbl === 'measures') label = MEASURE_COLUMN_LABELS[r.col] ?? r.col;
      else if (r.tbl === 'custom_values') {
        const f = fields.get(r.row_id.slice(measureId.length + 1));
        label = f?.label ?? 'Custom field';
        person = f?.type === 'person';
        money = f?.type === 'money';
        if (f?.type === 'multi') {
          const join = (v: string | number | null) => (typeof v === 'string' && v.startsWith('[') ? (JSON.parse(v) as string[]).join('; ') : v);
          return entry(r, oldValue, newValue, label, text(join(oldValue), false), text(join(newValue), false));
        }
        if (f?.type === 'checkbox') return entry(r, oldValue, newValue, label, oldValue === null ? '' : oldValue === '1' ? 'yes' : 'no', newValue === '1' ? 'yes' : 'no');
      } else if (r.tbl === 'status_overrides') {
        return overrideEntry(r, oldValue, newValue);
      } else if (r.tbl === 'milestones') {
        label = `Milestone "${milestoneTitles.get(r.row_id) ?? '?'}": ${MILESTONE_LABELS[r.col] ?? r.col}`;
        if (r.col === 'done' || r.col === 'deleted') {
          const yes = (v: HistoryEntry['oldValue']) => (v === null ? '' : Number(v) === 1 ? 'yes' : 'no');
          return entry(r, oldValue, newValue, label, yes(oldValue), yes(newValue));
        }
      }
      return entry(r, oldValue, newValue, label, text(oldValue, person, money), text(newValue, person, money));
    })
    .map((e) => ({ ...e, actor: system(e.actor) }));
  // Newest first, the decisions and value work among the field edits.
  return [...list, ...addedEntries, ...measureEvents(db, measureId, people, system)].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit);
}

/** A status set by hand: "Implementation status (manual): Amber", its reason, and "back to derived" when cleared. */
function overrideEntry(r: Row, oldValue: HistoryEntry['oldValue'], newValue: HistoryEntry['newValue']): HistoryEntry {
  const kind = r.row_id.endsWith(':potential') ? 'Potential status' : 'Implementation status';
  const rag = (v: HistoryEntry['oldValue']) => (v === null ? '' : (RAG_LABELS[v as Rag] ?? String(v)));
  if (r.col === 'status') return entry(r, oldValue, newValue, `${kind} (manual)`, rag(oldValue), rag(newValue));
  if (r.col === 'reason') return entry(r, oldValue, newValue, `${kind} (manual): reason`, String(oldValue ?? ''), String(newValue ?? ''));
  // deleted = 1 (deleted = 0, set again after a clear, is left out: its status entry says it).
  return entry(r, oldValue, newValue, kind, 'manual', 'back to derived');
}

function entry(r: Row, oldValue: HistoryEntry['oldValue'], newValue: HistoryEntry['newValue'], label: string, oldText: string, newText: string): HistoryEntry {
  return {
    at: new Date(Number(r.hlc.slice(0, 15))).toISOString(),
    actor: r.actor,
    enteredBy: r.enteredBy,
    copy: r.copy,
    table: r.tbl,
    rowId: r.row_id,
    field: r.col,
    oldValue,
    newValue,
    label,
    oldText,
    newText,
  };
}

/** Deleted fields too: their past values still belong to the trail. */
function listCustomFieldsAll(db: Database) {
  const live = listCustomFields(db);
  const dead = db.prepare("SELECT id, key, label, type, '[]' AS choices, NULL AS requiredFromDi, 0 AS sortOrder FROM custom_fields WHERE deleted = 1").all() as typeof live;
  return [...live, ...dead];
}
