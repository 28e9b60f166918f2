import type { Database } from '../../db/connection.js';
import { existingRowKey } from '../../db/change-rows.js';
import { decodeValue } from '../../db/changes.js';
import type { VersionVector } from '../../db/repositories/sync.js';
import { cachedStatement } from '../../db/statements.js';
import type { CellValue } from '../../db/tables.js';

const CELL_SQL = 'SELECT hlc, replica, value, old_value AS oldValue, base_hlc AS baseHlc FROM change_log WHERE row_key = ? AND col = ? ORDER BY hlc DESC, replica DESC';
/** The cell's newest change alone (only what visibility and the value need): one seek, which answers most questions (the origin had seen it). */
const HEAD_SQL = 'SELECT hlc, replica, value FROM change_log WHERE row_key = ? AND col = ? ORDER BY hlc DESC, replica DESC LIMIT 1';

type CellRow = { hlc: string; replica: string; value: string | null; oldValue: string | null; baseHlc: string | null };

/**
 * The workspace as the origin of an action saw it when it made it: every change of replica r
 * up to deps[r], and the origin's own changes before the action. A segment is applied only
 * once this copy holds all of that (causal delivery), so every copy answers these questions
 * the same way whatever else it holds or in which order the bundles came: the rules an
 * import applies (who may approve, who is an administrator…) read this, never the tables.
 */
export class Ctx {
  constructor(
    private readonly db: Database,
    private readonly deps: VersionVector,
    readonly origin: string,
    /** The origin's changes strictly before this HLC are visible (the action's first change). */
    private readonly before: string,
  ) {}

  /** A context for the next action of the same segment. */
  at(before: string): Ctx {
    return new Ctx(this.db, this.deps, this.origin, before);
  }

  /** The change (replica, hlc) is part of this context. */
  sees(replica: string, hlc: string): boolean {
    return this.visible(replica, hlc);
  }

  private visible(replica: string, hlc: string): boolean {
    if (replica === this.origin) return hlc < this.before;
    const b = this.deps[replica];
    return b !== undefined && hlc <= b;
  }

  /**
   * The value of a cell in this context; undefined when the row did not exist yet. A column
   * never logged (filled by a migration) reads the table.
   */
  value(tbl: string, rowId: string, col: string): CellValue | undefined {
    const key = existingRowKey(this.db, tbl, rowId);
    if (key === undefined) return this.tableValue(tbl, rowId, col);
    // Usually the origin had seen the cell's newest change: one seek, no walk.
    const head = cachedStatement(this.db, HEAD_SQL).get(key, col) as Pick<CellRow, 'hlc' | 'replica' | 'value'> | undefined;
    if (head && this.visible(head.replica, head.hlc)) return decodeValue(head.value);
    let earliest: { oldValue: string | null; baseHlc: string | null } | null = null;
    if (head) {
      for (const c of cachedStatement(this.db, CELL_SQL).iterate(key, col) as IterableIterator<CellRow>) {
        if (this.visible(c.replica, c.hlc)) return decodeValue(c.value);
        earliest = c;
      }
    }
    if (!earliest) return this.exists(tbl, rowId) ? this.tableValue(tbl, rowId, col) : undefined;
    // Only later changes: the value before the first of them, unless that one created the row.
    if (earliest.baseHlc === null && earliest.oldValue === null) return undefined;
    return decodeValue(earliest.oldValue);
  }

  private tableValue(tbl: string, rowId: string, col: string): CellValue | undefined {
    const r = cachedStatement(this.db, `SELECT ${col} AS v FROM ${tbl} WHERE id = ?`).get(rowId) as { v: CellValue } | undefined;
    return r ? r.v : undefined;
  }

  /** The row existed (deleted or not). */
  exists(tbl: string, rowId: string): boolean {
    const key = existingRowKey(this.db, tbl, rowId);
    if (key === undefined) return this.tableValue(tbl, rowId, 'deleted') !== undefined;
    const head = cachedStatement(this.db, HEAD_SQL).get(key, 'deleted') as Pick<CellRow, 'hlc' | 'replica'> | undefined;
    if (!head) return false;
    if (this.visible(head.replica, head.hlc)) return true;
    for (const c of cachedStatement(this.db, CELL_SQL).iterate(key, 'deleted') as IterableIterator<{ hlc: string; replica: string }>) {
      if (this.visible(c.replica, c.hlc)) return true;
    }
    return false;
  }

  /** The row existed and was not deleted. */
  live(tbl: string, rowId: string): boolean {
    return this.value(tbl, rowId, 'deleted') === 0;
  }

  /** Rows of `tbl` whose `col` is `value` in this context (candidates from the table, then checked). */
  rowsWhere(tbl: string, col: string, value: CellValue): string[] {
    const ids = cachedStatement(this.db, `SELECT id FROM ${tbl} WHERE ${col} = ?`).pluck().all(value) as string[];
    return ids.filter((id) => this.live(tbl, id) && this.value(tbl, id, col) === value);
  }
}
