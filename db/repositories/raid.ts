import type { Database } from 'better-sqlite3';
import type { RaidItem } from '../../preload/contract/raid-types.js';
import type { Writer } from '../changes.js';
import type { CellValue } from '../tables.js';
import { nowIso } from '../clock.js';

/** A RAID row as stored; the API adds the overdue / stale flags from the domain rules. */
export type RaidRow = Omit<RaidItem, 'overdue' | 'stale' | 'escalated'> & { escalated: number };

const SELECT = `
  SELECT r.id, r.code, r.kind, r.title, r.description, r.node_id AS nodeId, n.name AS nodeName,
         r.measure_id AS measureId, m.code AS measureCode, r.owner_id AS ownerId, p.name AS owner,
         r.impact, r.probability, r.next_action AS nextAction, r.due_date AS dueDate, r.status,
         r.escalated, r.escalation_level AS escalationLevel, r.updated_at AS updatedAt
  FROM raid_items r
  LEFT JOIN nodes n ON n.id = r.node_id
  LEFT JOIN measures m ON m.id = r.measure_id
  LEFT JOIN people p ON p.id = r.owner_id`;

export function listRaid(db: Database, filter: { measureId?: string; kind?: string } = {}): RaidRow[] {
  return db
    .prepare(
      `${SELECT} WHERE r.deleted = 0 AND (:measure IS NULL OR r.measure_id = :measure) AND (:kind IS NULL OR r.kind = :kind)
       ORDER BY r.code`,
    )
    .all({ measure: filter.measureId ?? null, kind: filter.kind ?? null }) as RaidRow[];
}

export function getRaid(db: Database, id: string): RaidRow | undefined {
  return db.prepare(`${SELECT} WHERE r.id = ? AND r.deleted = 0`).get(id) as RaidRow | undefined;
}

export function getRaidByIds(db: Database, ids: string[]): RaidRow[] {
  return db.prepare(`${SELECT} WHERE r.deleted = 0 AND r.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as RaidRow[];
}

const PREFIX: Record<string, string> = { risk: 'R', assumption: 'A', issue: 'I', dependency: 'D' };

/** Next free code per kind ("R-0001", "I-0001"…), deleted items included: codes are never reused. */
export function nextRaidCode(db: Database, kind: string): string {
  const prefix = PREFIX[kind] ?? 'X';
  const r = db.prepare("SELECT max(CAST(substr(code, 3) AS INTEGER)) AS n FROM raid_items WHERE code GLOB ? || '-[0-9]*'").get(prefix) as { n: number | null };
  return `${prefix}-${String((r.n ?? 0) + 1).padStart(4, '0')}`;
}

export function insertRaid(w: Writer, db: Database, values: Record<string, CellValue> & { kind: string }, id?: string): string {
  return w.insert('raid_items', { updated_at: nowIso(), ...values, code: nextRaidCode(db, values.kind) }, id);
}

/** Writes validated columns and stamps updated_at when anything changed (what "stale" is read from). */
export function updateRaidColumns(w: Writer, id: string, columns: Record<string, CellValue>): string[] {
  return w.update('raid_items', id, columns, { updated_at: nowIso() });
}
