import type { Database } from 'better-sqlite3';
import { cachedStatement } from '../statements.js';

/**
 * The rows one action changed, by table — what views reload instead of everything. Read
 * from the action's seq range (the log has no index on tx; the range is the primary key).
 */
export function rowsOfAction(db: Database, a: { tx: string; firstSeq?: number; lastSeq?: number }): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (a.firstSeq === undefined || a.lastSeq === undefined) return out;
  const rows = cachedStatement(db, 'SELECT DISTINCT tbl, row_id FROM change_log WHERE seq BETWEEN ? AND ? AND tx = ?').all(a.firstSeq, a.lastSeq, a.tx) as { tbl: string; row_id: string }[];
  for (const r of rows) (out[r.tbl] ??= []).push(r.row_id);
  return out;
}
