import type { Database } from 'better-sqlite3';
import { cachedStatement } from '../statements.js';

/**
 * The rows and the columns one action changed, by table — what views reload instead of
 * everything; a view that shows only some columns of a table (the tree counts measures by
 * package) skips an edit of the others. Read from the action's seq range (the log has no
 * index on tx; the range is the primary key).
 */
export function cellsOfAction(db: Database, a: { tx: string; firstSeq?: number; lastSeq?: number }): { rows: Record<string, string[]>; columns: Record<string, string[]> } {
  const rows: Record<string, Set<string>> = {};
  const columns: Record<string, Set<string>> = {};
  if (a.firstSeq !== undefined && a.lastSeq !== undefined) {
    const cells = cachedStatement(db, 'SELECT DISTINCT tbl, row_id, col FROM change_log WHERE seq BETWEEN ? AND ? AND tx = ?').all(a.firstSeq, a.lastSeq, a.tx) as {
      tbl: string;
      row_id: string;
      col: string;
    }[];
    for (const c of cells) {
      (rows[c.tbl] ??= new Set()).add(c.row_id);
      (columns[c.tbl] ??= new Set()).add(c.col);
    }
  }
  const list = (m: Record<string, Set<string>>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, [...v]]));
  return { rows: list(rows), columns: list(columns) };
}
