import type { Database } from '../../db/connection.js';
import { compareStamp, parseHlc } from '../../db/hlc.js';
import { getLocal, setLocal } from '../../db/connection.js';
import { deriveAfterWrite } from '../../db/derive.js';
import {
  addConflictCandidate,
  cellChanges,
  cellHead,
  changeAt,
  conflictCandidates,
  dropConflictCandidate,
  newTx,
  rowChangesSince,
  writeForcedChange,
  type StoredChange,
} from '../../db/repositories/sync.js';
import { isSyncedColumn, type CellValue } from '../../db/tables.js';
import { STAMP_COLUMNS } from './apply.js';

export interface ConflictSide {
  value: CellValue;
  /** The column, for the edits of an edit-vs-delete conflict. */
  col: string;
  actor: string;
  replica: string;
  hlc: string;
  /** ISO time from the clock. */
  at: string;
}

export interface OpenConflict {
  /** `<kind>:<table>:<row>:<column>`, the same on every replica. */
  id: string;
  kind: 'cell' | 'delete';
  tbl: string;
  rowId: string;
  col: string;
  /** The value in the table now (the highest clock). */
  current: ConflictSide;
  /** Concurrent edits that lost (cell), or the edits made to a row another copy deleted. */
  others: ConflictSide[];
}

const side = (c: StoredChange): ConflictSide => ({
  value: c.decoded,
  col: c.col,
  actor: c.actor,
  replica: c.replica,
  hlc: c.hlc,
  at: new Date(parseHlc(c.hlc).ms).toISOString(),
});

/**
 * A cell is in conflict when edits exist that the winning edit's copy had not seen when it
 * started its run of edits on the cell, with another value. The run: the winning edit and
 * the edits of the same copy it was based on, back to a resolution (which saw everything
 * it resolved). Derived from change_log alone, so every replica holding the same changes
 * shows the same conflicts; a resolution closes it.
 */
function cellConflict(db: Database, tbl: string, rowId: string, col: string): OpenConflict | null {
  const head = cellHead(db, tbl, rowId, col);
  if (!head) return null;
  const h = changeAt(db, tbl, rowId, col, head);
  if (!h) return null;
  const run = new Set([`${h.hlc}\u0000${h.replica}`]);
  let first = h;
  while (first.baseHlc !== null && !first.tx.startsWith(RESOLVE_TX)) {
    const prev = changeAt(db, tbl, rowId, col, { hlc: first.baseHlc, replica: first.baseReplica ?? '' });
    if (!prev || prev.replica !== h.replica) break;
    run.add(`${prev.hlc}\u0000${prev.replica}`);
    first = prev;
  }
  const latest = new Map<string | null, StoredChange>();
  for (const c of cellChanges(db, tbl, rowId, col, first.baseHlc ?? '')) {
    if (run.has(`${c.hlc}\u0000${c.replica}`)) continue;
    if (first.baseHlc !== null && compareStamp(c.hlc, c.replica, first.baseHlc, first.baseReplica ?? '') <= 0) continue;
    if (c.value === h.value) continue;
    latest.set(c.value, c);
  }
  if (latest.size === 0) return null;
  return { id: `cell:${tbl}:${rowId}:${col}`, kind: 'cell', tbl, rowId, col, current: side(h), others: [...latest.values()].map(side) };
}

/** A row deleted by one copy while another copy (not knowing) edited it later. */
function deleteConflict(db: Database, tbl: string, rowId: string): OpenConflict | null {
  const head = cellHead(db, tbl, rowId, 'deleted');
  if (!head) return null;
  const d = changeAt(db, tbl, rowId, 'deleted', head);
  if (!d || d.decoded !== 1) return null;
  const edits = new Map<string, StoredChange>();
  for (const c of rowChangesSince(db, tbl, rowId, d.hlc)) {
    if (c.col === 'deleted' || STAMP_COLUMNS.has(c.col) || c.replica === d.replica) continue;
    if (compareStamp(c.hlc, c.replica, d.hlc, d.replica) <= 0) continue;
    edits.set(c.col, c);
  }
  if (edits.size === 0) return null;
  return { id: `delete:${tbl}:${rowId}:deleted`, kind: 'delete', tbl, rowId, col: 'deleted', current: side(d), others: [...edits.values()].map(side) };
}

function evaluate(db: Database, kind: 'cell' | 'delete', tbl: string, rowId: string, col: string): OpenConflict | null {
  if (!isSyncedColumn(tbl, col)) return null;
  return kind === 'cell' ? cellConflict(db, tbl, rowId, col) : deleteConflict(db, tbl, rowId);
}

/**
 * Local writes go through the Writer, which knows nothing of sync, yet a local edit can
 * open a conflict (an edit of a row another copy deleted; a new value where a concurrent
 * edit had the old one). So the change log written since the last look is scanned for
 * cells and deleted rows to evaluate.
 */
function scanNewChanges(db: Database): void {
  const last = Number(getLocal(db, 'sync_conflict_scan_seq') ?? 0);
  const max = (db.prepare('SELECT max(seq) AS s FROM change_log').get() as { s: number | null }).s ?? 0;
  if (max <= last) return;
  // Any edit of an existing cell (local or imported) may be part of a conflict; new cells
  // only when two copies created the same row, which the import itself marks.
  const cells = db.prepare('SELECT DISTINCT tbl, row_id AS rowId, col FROM change_log WHERE seq > ? AND base_hlc IS NOT NULL').all(last) as {
    tbl: string;
    rowId: string;
    col: string;
  }[];
  for (const c of cells) if (!STAMP_COLUMNS.has(c.col)) addConflictCandidate(db, 'cell', c.tbl, c.rowId, c.col);
  const rows = db.prepare("SELECT DISTINCT tbl, row_id AS rowId FROM change_log WHERE seq > ? AND col <> 'deleted'").all(last) as { tbl: string; rowId: string }[];
  for (const r of rows) {
    if (!isSyncedColumn(r.tbl, 'deleted')) continue;
    const row = db.prepare(`SELECT deleted FROM ${r.tbl} WHERE id = ?`).get(r.rowId) as { deleted: number } | undefined;
    if (row?.deleted === 1) addConflictCandidate(db, 'delete', r.tbl, r.rowId, 'deleted');
  }
  setLocal(db, 'sync_conflict_scan_seq', String(max));
}

/** Open conflicts, in a stable order; closed candidates are forgotten on the way. */
export function openConflicts(db: Database, opts: { prune?: boolean } = {}): OpenConflict[] {
  scanNewChanges(db);
  const out: OpenConflict[] = [];
  for (const c of conflictCandidates(db)) {
    const open = evaluate(db, c.kind, c.tbl, c.rowId, c.col);
    if (open) out.push(open);
    else if (opts.prune !== false) dropConflictCandidate(db, c.kind, c.tbl, c.rowId, c.col);
  }
  return out;
}

/** Of the given candidates, how many are open conflicts. */
export function countOpen(db: Database, list: { kind: 'cell' | 'delete'; tbl: string; rowId: string; col: string }[]): number {
  const seen = new Set<string>();
  let n = 0;
  for (const c of list) {
    const k = `${c.kind}:${c.tbl}:${c.rowId}:${c.col}`;
    if (seen.has(k)) continue;
    seen.add(k);
    if (evaluate(db, c.kind, c.tbl, c.rowId, c.col)) n++;
  }
  return n;
}

export function parseConflictId(id: string): { kind: 'cell' | 'delete'; tbl: string; rowId: string; col: string } | null {
  const m = /^(cell|delete):([a-z_]+):(.+):([a-z_]+)$/.exec(id);
  if (!m) return null;
  return { kind: m[1] as 'cell' | 'delete', tbl: m[2]!, rowId: m[3]!, col: m[4]! };
}

/** Transaction ids of resolutions start with this; a resolution has seen what it resolves. */
export const RESOLVE_TX = 'resolve:';

export type Resolution = { value: CellValue } | { restore: boolean };

/**
 * Resolves an open conflict with a new change on the current head: the chosen (or typed)
 * value for a cell; keep deleted or restore for a row. Because the change is made on the
 * head, it closes the conflict on every replica that receives it. Returns false when the
 * conflict is not open (any more).
 */
export function resolveConflict(db: Database, actor: string, id: string, r: Resolution): (OpenConflict & { derivedTables: string[] }) | null {
  const key = parseConflictId(id);
  if (!key) return null;
  return db.transaction(() => {
    const open = evaluate(db, key.kind, key.tbl, key.rowId, key.col);
    if (!open) return null;
    const tx = `${RESOLVE_TX}${newTx()}`;
    if (key.kind === 'delete') writeForcedChange(db, actor, tx, key.tbl, key.rowId, 'deleted', 'restore' in r && r.restore ? 0 : 1);
    else {
      let value = 'value' in r ? r.value : open.current.value;
      // A typed number for a number column (DI level, amounts) is stored as a number.
      if (typeof value === 'string' && typeof open.current.value === 'number' && /^-?\d+(\.\d+)?$/.test(value.trim())) value = Number(value.trim());
      writeForcedChange(db, actor, tx, key.tbl, key.rowId, key.col, value);
    }
    dropConflictCandidate(db, key.kind, key.tbl, key.rowId, key.col);
    // The resolution is a write like any other: derived statuses follow it.
    const derived = deriveAfterWrite(db, new Map([[key.tbl, new Set([key.rowId])]]));
    return { ...open, derivedTables: Object.keys(derived) };
  })();
}
