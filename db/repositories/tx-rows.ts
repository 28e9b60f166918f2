import type { Database } from 'better-sqlite3';
import { cachedStatement } from '../statements.js';

/** The rows one action (transaction) changed, by table — what views reload instead of everything. */
export function rowsOfTx(db: Database, tx: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of cachedStatement(db, 'SELECT DISTINCT tbl, row_id FROM change_log WHERE tx = ?').all(tx) as { tbl: string; row_id: string }[]) {
    (out[r.tbl] ??= []).push(r.row_id);
  }
  return out;
}
