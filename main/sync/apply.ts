import { createHash } from 'node:crypto';
import type { Database } from '../../db/connection.js';
import { headAt, newRowKey, rowKeyOf } from '../../db/change-rows.js';
import { clockOf } from '../../db/changes.js';
import { compareStamp } from '../../db/hlc.js';
import {
  addConflictCandidate,
  cellHead,
  laterThan,
  newTx,
  writeForcedChange,
  type Head,
  type WireChange,
} from '../../db/repositories/sync.js';
import { cachedStatement } from '../../db/statements.js';
import { touch } from '../../db/derive.js';
import { isDerivedColumn, isSyncedColumn, type CellValue } from '../../db/tables.js';
import { uniqueColumns } from './rules/columns.js';

/**
 * Bookkeeping of a row's last write — when (`updated_at`, `set_at`, any `…_at`) and by whom
 * (`set_by`): it follows the winning value, so concurrent stamps are never a conflict for
 * a person (two copies setting the same status red only differ in these).
 */
export function isBookkeeping(col: string): boolean {
  return col.endsWith('_at') || col === 'set_by';
}

export const SYNC_ACTOR = 'sync';

/**
 * The code a later duplicate takes: the same on every copy whatever the arrival order,
 * because it depends only on the row's id (not on which other codes exist yet).
 */
function freeValue(value: string, rowId: string): string {
  return `${value}-${createHash('sha256').update(rowId).digest('hex').slice(0, 8)}`;
}

interface PendingRow {
  tbl: string;
  rowId: string;
  cols: Map<string, CellValue>;
  stamps: Map<string, Head>;
  /** The row was in its table before this batch, and its `deleted` then (null for a table without one). */
  existed: boolean;
  deleted: CellValue;
}

export interface ApplyResult {
  /** Changes this copy did not have yet. */
  applied: number;
  /** Cells and rows that may now hold a conflict (evaluated by conflicts.ts). */
  candidates: { kind: 'cell' | 'delete'; tbl: string; rowId: string; col: string }[];
  tables: string[];
  /** Rows whose cells changed, by table: what the derivations after the import look at. */
  touched: Map<string, Set<string>>;
}

/**
 * Applies verified changes. Must run inside a transaction (the caller's), with
 * foreign keys deferred: bundles may carry a child row before its parent.
 * Per cell the highest (HLC, replica) wins, so every replica ends with the same value
 * whatever order the bundles came in; an incoming change whose base is not the local
 * head was made concurrently and marks the cell for conflict evaluation.
 */
export function applyChanges(db: Database, changes: (WireChange & { decoded?: CellValue })[]): ApplyResult {
  const insert = cachedStatement(
    db,
    `INSERT OR IGNORE INTO change_log (hlc, replica, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, tx, row_key, entered_by, seen)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const inOrder = changes.every((c, i) => i === 0 || compareStamp(changes[i - 1]!.hlc, changes[i - 1]!.replica, c.hlc, c.replica) <= 0);
  const sorted = inOrder ? changes : [...changes].sort((a, b) => compareStamp(a.hlc, a.replica, b.hlc, b.replica));
  const last = sorted[sorted.length - 1];
  if (last) clockOf(db).observe(last.hlc);
  const pending = new Map<string, PendingRow>();
  const candidates: ApplyResult['candidates'] = [];
  const tables = new Set<string>();
  let applied = 0;
  // Heads of cells touched in this batch, and rows this copy did not have before it:
  // their cells have no head yet, which spares a lookup per change of a new row.
  // A head is read from the log itself (the cell's highest stamp), so it is looked up
  // before the change is appended and then kept here for the rest of the batch.
  // Per row of the batch: its log key, whether this copy had it, and the heads of its cells
  // touched so far (a row this copy did not have has no head yet: no lookup per change).
  // A head is read from the log itself (the cell's highest stamp), so it is looked up before
  // the change is appended and then kept here for the rest of the batch.
  const rows = new Map<string, { key: number; isNew: boolean; heads: Map<string, Head | null>; p: PendingRow }>();
  let row: { key: number; isNew: boolean; heads: Map<string, Head | null>; p: PendingRow } | undefined;
  let rowTbl = '';
  let rowId = '';
  for (const c of sorted) {
    // A row's changes usually come one after another: the previous row is reused as it is.
    if (!row || c.rowId !== rowId || c.tbl !== rowTbl) {
      const rowKey = `${c.tbl}\u0000${c.rowId}`;
      row = rows.get(rowKey);
      if (!row) {
        // One read tells whether the row is new here and, for the delete check below, whether it was deleted.
        const hasDeleted = isSyncedColumn(c.tbl, 'deleted');
        const was = cachedStatement(db, `SELECT ${hasDeleted ? 'deleted' : 'NULL'} AS d FROM ${c.tbl} WHERE id = ?`).get(c.rowId) as { d: CellValue } | undefined;
        const isNew = !was;
        const key = (isNew ? newRowKey : rowKeyOf)(db, c.tbl, c.rowId).key;
        const p: PendingRow = { tbl: c.tbl, rowId: c.rowId, cols: new Map(), stamps: new Map(), existed: !isNew, deleted: was ? was.d : null };
        rows.set(rowKey, (row = { key, isNew, heads: new Map(), p }));
      }
      rowTbl = c.tbl;
      rowId = c.rowId;
    }
    let head = row.heads.get(c.col);
    if (head === undefined) row.heads.set(c.col, (head = row.isNew ? null : headAt(db, row.key, c.col)));
    const r = insert.run(c.hlc, c.replica, c.tbl, c.rowId, c.col, c.value, c.oldValue, c.baseHlc, c.baseReplica, c.actor, c.tx, row.key, c.enteredBy ?? null, c.seen ?? null);
    if (r.changes === 0) continue;
    applied++;
    // An older version's derived status: kept in the log (relayed as received), never applied —
    // this copy derives its own from the facts.
    if (isDerivedColumn(c.tbl, c.col)) continue;
    tables.add(c.tbl);
    const fastForward = (head?.hlc ?? null) === c.baseHlc && (head?.replica ?? null) === c.baseReplica;
    if (!fastForward && !isBookkeeping(c.col)) candidates.push({ kind: 'cell', tbl: c.tbl, rowId: c.rowId, col: c.col });
    const p = row.p;
    if (p.cols.size === 0 && !pending.has(`${c.tbl}\u0000${c.rowId}`)) pending.set(`${c.tbl}\u0000${c.rowId}`, p);
    if (laterThan({ hlc: c.hlc, replica: c.replica }, head)) {
      const stamp = { hlc: c.hlc, replica: c.replica };
      row.heads.set(c.col, stamp);
      p.cols.set(c.col, c.decoded !== undefined ? c.decoded : c.value === null ? null : (JSON.parse(c.value) as CellValue));
      p.stamps.set(c.col, stamp);
    }
  }
  const renames: { tbl: string; rowId: string; col: string; value: string }[] = [];
  const tx = newTx();
  for (const p of pending.values()) {
    if (p.cols.size === 0) continue;
    for (const col of uniqueColumns(db, p.tbl)) {
      const v = p.cols.get(col);
      if (typeof v !== 'string') continue;
      const other = cachedStatement(db, `SELECT id FROM ${p.tbl} WHERE ${col} = ? AND id <> ?`).get(v, p.rowId) as { id: string } | undefined;
      if (!other) continue;
      // Two copies created the same code: the later claim gets a suffix, as a change of its own.
      const otherHead = cellHead(db, p.tbl, other.id, col);
      if (otherHead && laterThan(otherHead, p.stamps.get(col)!)) {
        writeForcedChange(db, SYNC_ACTOR, tx, p.tbl, other.id, col, freeValue(v, other.id));
      } else {
        const renamed = freeValue(v, p.rowId);
        p.cols.set(col, renamed);
        renames.push({ tbl: p.tbl, rowId: p.rowId, col, value: renamed });
      }
    }
    const cols = [...p.cols.keys()];
    const vals = cols.map((c) => p.cols.get(c) ?? null);
    const exists = p.existed;
    // Up to two columns in one statement; more one by one: the statement texts stay few (the
    // cache would otherwise churn through every combination of columns a batch brings).
    if (exists && cols.length <= 2) cachedStatement(db, `UPDATE ${p.tbl} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...vals, p.rowId);
    else if (exists) cols.forEach((c, i) => cachedStatement(db, `UPDATE ${p.tbl} SET ${c} = ? WHERE id = ?`).run(vals[i], p.rowId));
    else cachedStatement(db, `INSERT INTO ${p.tbl} (id, ${cols.join(', ')}) VALUES (?${', ?'.repeat(cols.length)})`).run(p.rowId, ...vals);
  }
  for (const r of renames) writeForcedChange(db, SYNC_ACTOR, tx, r.tbl, r.rowId, r.col, r.value);
  for (const p of pending.values()) {
    if (!isSyncedColumn(p.tbl, 'deleted')) continue;
    // The row as written above: its new `deleted` if this batch wrote one, else what it was.
    const deleted = p.cols.has('deleted') ? p.cols.get('deleted') : p.deleted;
    if (deleted === 1) candidates.push({ kind: 'delete', tbl: p.tbl, rowId: p.rowId, col: 'deleted' });
  }
  for (const c of candidates) addConflictCandidate(db, c.kind, c.tbl, c.rowId, c.col);
  const touched = new Map<string, Set<string>>();
  for (const p of pending.values()) if (p.cols.size > 0) touch(touched, p.tbl, p.rowId);
  for (const r of renames) touch(touched, r.tbl, r.rowId);
  return { applied, candidates, tables: [...tables], touched };
}
