import type { Database } from 'better-sqlite3';
import type { HistoryEntry } from '../../preload/contract/types.js';
import { decodeValue } from '../changes.js';
import { DERIVED_COLUMNS } from '../tables.js';

/**
 * The audit trail of one row, newest first, read from the change log. The actor is
 * shown by name when it is a person of the workspace. Derived columns older versions
 * logged (statuses) are not edits and are left out.
 */
export function rowHistory(db: Database, table: string, rowId: string, limit = 500): HistoryEntry[] {
  const rows = db
    .prepare(
      `SELECT l.hlc, coalesce(p.name, l.actor) AS actor, l.tbl, l.row_id, l.col, l.old_value, l.value
       FROM change_log l LEFT JOIN people p ON p.id = l.actor
       WHERE l.row_key = (SELECT id FROM change_rows WHERE tbl = ? AND row_id = ?) AND l.col <> 'updated_at'
         AND l.col NOT IN (SELECT value FROM json_each(?))
       ORDER BY l.hlc DESC, l.seq DESC LIMIT ?`,
    )
    .all(table, rowId, JSON.stringify(DERIVED_COLUMNS[table] ?? []), limit) as { hlc: string; actor: string; tbl: string; row_id: string; col: string; old_value: string | null; value: string | null }[];
  return rows.map((r) => ({
    at: new Date(Number(r.hlc.slice(0, 15))).toISOString(),
    actor: r.actor,
    table: r.tbl,
    rowId: r.row_id,
    field: r.col,
    oldValue: decodeValue(r.old_value),
    newValue: decodeValue(r.value),
  }));
}
