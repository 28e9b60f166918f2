import type { Database } from 'better-sqlite3';
import { cachedStatement } from './statements.js';

/*
 * How the change log addresses rows and finds cells' heads (schema 9, migration 0009):
 * every row the log has seen has a small local integer key in change_rows, each change
 * carries it (row_key), and a cell's head is read from the log's (row_key, col, hlc) index.
 */

/**
 * (replica, h = its highest HLC) for every replica in the log, read by seeking the
 * (replica, hlc, …) unique index once per replica instead of scanning the whole log.
 */
export const REPLICA_MAX_HLC_SQL = `WITH RECURSIVE r(replica) AS (
    SELECT min(replica) FROM change_log
    UNION ALL
    SELECT (SELECT min(replica) FROM change_log WHERE replica > r.replica) FROM r WHERE r.replica IS NOT NULL
  )
  SELECT replica, (SELECT max(hlc) FROM change_log l WHERE l.replica = r.replica) AS h FROM r WHERE replica IS NOT NULL`;

export const LOG_SQL = `INSERT INTO change_log (hlc, replica, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, tx, row_key, entered_by, seen)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export interface Head {
  hlc: string;
  replica: string;
}

const ROW_KEY_GET_SQL = 'SELECT id FROM change_rows WHERE tbl = ? AND row_id = ?';
const ROW_KEY_PUT_SQL = 'INSERT INTO change_rows (tbl, row_id) VALUES (?, ?)';
const ROW_KEY_TRY_SQL = 'INSERT INTO change_rows (tbl, row_id) VALUES (?, ?) ON CONFLICT (tbl, row_id) DO NOTHING';
/**
 * A cell's head: its change with the highest (hlc, replica). Two seeks at the end of the
 * cell's range in change_log_cell (max(hlc) is read straight off the index; replicas only
 * break a tie between equal HLCs of different copies).
 */
export const HEAD_SQL = `SELECT hlc, max(replica) AS replica FROM change_log
  WHERE row_key = ? AND col = ? AND hlc = (SELECT max(hlc) FROM change_log WHERE row_key = ? AND col = ?)`;

/** The log's local key of a row (change_rows), or undefined when the log has never seen it. */
export function existingRowKey(db: Database, table: string, rowId: string): number | undefined {
  return cachedStatement(db, ROW_KEY_GET_SQL).pluck().get(table, rowId) as number | undefined;
}

/** The log's local key of a row, created on first use; `created` tells that the row has no logged cell yet. */
export function rowKeyOf(db: Database, table: string, rowId: string): { key: number; created: boolean } {
  const key = existingRowKey(db, table, rowId);
  if (key !== undefined) return { key, created: false };
  return { key: Number(cachedStatement(db, ROW_KEY_PUT_SQL).run(table, rowId).lastInsertRowid), created: true };
}

/** rowKeyOf for a row that is new to its table (almost always new to the log too): one statement instead of two. */
export function newRowKey(db: Database, table: string, rowId: string): { key: number; created: boolean } {
  const r = cachedStatement(db, ROW_KEY_TRY_SQL).run(table, rowId);
  return r.changes === 1 ? { key: Number(r.lastInsertRowid), created: true } : rowKeyOf(db, table, rowId);
}

/** The head of one cell of a row (by its row key), or null for a cell never written. */
export function headAt(db: Database, key: number, col: string): Head | null {
  const h = cachedStatement(db, HEAD_SQL).get(key, col, key, col) as { hlc: string | null; replica: string | null };
  return h.hlc === null ? null : { hlc: h.hlc, replica: h.replica! };
}

/** Appends one change to the log (the caller has made the row write and knows the base). */
export function appendChange(
  db: Database,
  c: {
    hlc: string;
    replica: string;
    tbl: string;
    rowId: string;
    col: string;
    value: string | null;
    oldValue: string | null;
    base: Head | null;
    actor: string;
    tx: string;
    key: number;
    enteredBy?: string | null;
    seen?: string | null;
  },
): void {
  cachedStatement(db, LOG_SQL).run(
    c.hlc, c.replica, c.tbl, c.rowId, c.col, c.value, c.oldValue, c.base?.hlc ?? null, c.base?.replica ?? null, c.actor, c.tx, c.key, c.enteredBy ?? null, c.seen ?? null,
  );
}

const ROW_SEEN_SQL = 'SELECT replica, max(hlc) AS h FROM change_log WHERE row_key = ? GROUP BY replica ORDER BY replica';

/**
 * What a copy has seen of a row when it deletes it: per replica, the highest HLC of that
 * replica's changes to the row. Every copy holds a prefix of each replica's changes, so an
 * edit of the row that is not covered here was made without the deleting copy knowing.
 */
export function rowSeen(db: Database, key: number): string {
  const rows = cachedStatement(db, ROW_SEEN_SQL).all(key) as { replica: string; h: string }[];
  return JSON.stringify(Object.fromEntries(rows.map((r) => [r.replica, r.h])));
}
