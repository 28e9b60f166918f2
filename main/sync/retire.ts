import type { Database } from '../../db/connection.js';
import { headAt } from '../../db/change-rows.js';
import { decodeValue } from '../../db/changes.js';
import { addConflictCandidate, forgetEvaluations, retiredMembers } from '../../db/repositories/sync.js';
import { putRefused } from '../../db/repositories/sync-store.js';
import { cachedStatement } from '../../db/statements.js';
import { isSyncedColumn } from '../../db/tables.js';
import { touch } from '../../db/derive.js';
import { retiredAt } from './segment-import.js';

const AFTER_SQL = `SELECT seq, hlc, tbl, row_id AS rowId, col, row_key AS rowKey, tx,
  json_array(hlc, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, entered_by, seen, tx) AS line
  FROM change_log WHERE replica = ? AND hlc > ? ORDER BY hlc`;

/**
 * Work a retired copy stamped after its retirement is refused on every copy. A copy that had
 * taken some of it before hearing of the retirement takes it back out here, so it ends where
 * every other copy is: those changes leave the log (kept aside as refused), and each cell they
 * touched gets the value of its latest remaining change again; a row only they had made is
 * removed. Runs inside an import's transaction; returns the tables it changed.
 */
export function takeBackAfterRetirement(db: Database, touched?: Map<string, Set<string>>): string[] {
  const tables = new Set<string>();
  for (const m of retiredMembers(db)) {
    const cut = retiredAt(db, m.id);
    const late = cachedStatement(db, AFTER_SQL).all(m.id, cut) as { seq: number; hlc: string; tbl: string; rowId: string; col: string; rowKey: number; tx: string; line: string }[];
    if (late.length === 0) continue;
    // Changes leave the log: every conflict evaluation kept so far may be wrong now.
    forgetEvaluations(db);
    const byTx = new Map<string, string[]>();
    for (const c of late) {
      byTx.set(c.tx, [...(byTx.get(c.tx) ?? []), c.line]);
      cachedStatement(db, 'DELETE FROM change_log WHERE seq = ?').run(c.seq);
    }
    for (const [tx, lines] of byTx) putRefused(db, { origin: m.id, seq: -1, tx, lines: lines.join('\n'), reason: `${m.name}'s copy was retired; what it made after that is not taken` });
    const cells = new Map<string, (typeof late)[number]>();
    for (const c of late) cells.set(`${c.rowKey}\u0000${c.col}`, c);
    const emptied = new Map<string, { tbl: string; rowId: string; rowKey: number }>();
    for (const c of cells.values()) {
      if (!isSyncedColumn(c.tbl, c.col)) continue;
      tables.add(c.tbl);
      if (touched) touch(touched, c.tbl, c.rowId);
      const head = headAt(db, c.rowKey, c.col);
      if (head) {
        const v = cachedStatement(db, 'SELECT value FROM change_log WHERE replica = ? AND hlc = ? AND row_key = ? AND col = ?').pluck().get(head.replica, head.hlc, c.rowKey, c.col) as string | null;
        cachedStatement(db, `UPDATE ${c.tbl} SET ${c.col} = ? WHERE id = ?`).run(decodeValue(v), c.rowId);
        addConflictCandidate(db, 'cell', c.tbl, c.rowId, c.col);
      } else emptied.set(`${c.tbl}\u0000${c.rowId}`, { tbl: c.tbl, rowId: c.rowId, rowKey: c.rowKey });
    }
    for (const r of emptied.values()) {
      const left = cachedStatement(db, 'SELECT 1 FROM change_log WHERE row_key = ? LIMIT 1').get(r.rowKey);
      // A row only the late work made: gone, as on the copies that never took it.
      if (!left) cachedStatement(db, `DELETE FROM ${r.tbl} WHERE id = ?`).run(r.rowId);
    }
  }
  return [...tables];
}
