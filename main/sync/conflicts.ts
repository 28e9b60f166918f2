import type { Database } from '../../db/connection.js';
import { compareStamp, parseHlc } from '../../db/hlc.js';
import { getLocal, setLocal } from '../../db/connection.js';
import { deriveAfterWrite } from '../../db/derive.js';
import { existingRowKey, headAt } from '../../db/change-rows.js';
import { decodeValue } from '../../db/changes.js';
import {
  addConflictCandidate,
  cachedEvaluation,
  changeAt,
  conflictCandidates,
  dropConflictCandidate,
  newTx,
  parseVector,
  writeForcedChange,
  type StoredChange,
  type WireChange,
} from '../../db/repositories/sync.js';
import { cachedStatement } from '../../db/statements.js';
import { isSyncedColumn, type CellValue } from '../../db/tables.js';
import { isBookkeeping } from './apply.js';
import { columnProblem } from './rules/columns.js';
import { isGoverned } from './rules/governed.js';
import { ValidationError } from '../../db/errors.js';

export interface ConflictSide {
  value: CellValue;
  /** The column, for the edits of an edit-vs-delete conflict. */
  col: string;
  actor: string;
  /** Who typed it, when entered for `actor` on another person's copy. */
  enteredBy: string | null;
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
  enteredBy: c.enteredBy ?? null,
  value: c.decoded,
  col: c.col,
  actor: c.actor,
  replica: c.replica,
  hlc: c.hlc,
  at: new Date(parseHlc(c.hlc).ms).toISOString(),
});

const CELL_DESC_SQL = `SELECT hlc, replica, tbl, row_id AS rowId, col, value, old_value AS oldValue, base_hlc AS baseHlc, base_replica AS baseReplica,
  actor, tx, entered_by AS enteredBy, seen FROM change_log WHERE row_key = ? AND col = ? ORDER BY hlc DESC, replica DESC`;
const ROW_SQL = `SELECT hlc, replica, tbl, row_id AS rowId, col, value, old_value AS oldValue, base_hlc AS baseHlc, base_replica AS baseReplica,
  actor, tx, entered_by AS enteredBy, seen FROM change_log WHERE row_key = ? ORDER BY hlc, replica`;

const stampCmp = (a: { hlc: string; replica: string }, hlc: string, replica: string | null) => compareStamp(a.hlc, a.replica, hlc, replica ?? '');

/**
 * A cell is in conflict when edits exist that the winning edit's copy had not seen when it
 * started its run of edits on the cell, with another value. The run: the winning edit and
 * the edits of the same copy it was based on, back to a resolution (which saw everything
 * it resolved). Derived from change_log alone, so every replica holding the same changes
 * shows the same conflicts; a resolution closes it. One backwards pass over the cell's
 * changes from its head, stopping where the run started: the cost follows the cell's
 * recent edits, not its whole history.
 */
function cellConflict(db: Database, tbl: string, rowId: string, col: string): OpenConflict | null {
  const key = existingRowKey(db, tbl, rowId);
  if (key === undefined) return null;
  // The run from the head back to where it started is short: the newest few changes are read
  // in one go, and the cell's older history only when the run reaches further back.
  const recent = cachedStatement(db, CELL_RECENT_SQL).all(tbl, rowId, col, key, col, CELL_RECENT) as WireChange[];
  const walked = walkCell(recent);
  if (walked.complete || recent.length < CELL_RECENT) return walked.conflict(tbl, rowId, col);
  return walkCell(cachedStatement(db, CELL_DESC_SQL).iterate(key, col) as IterableIterator<WireChange>).conflict(tbl, rowId, col);
}

const CELL_RECENT = 8;
/** CELL_DESC_SQL with only what the walk and a conflict's sides read (a sort of narrow rows is half the cost). */
const CELL_RECENT_SQL = `SELECT hlc, replica, ? AS tbl, ? AS rowId, ? AS col, value, old_value AS oldValue, base_hlc AS baseHlc, base_replica AS baseReplica, actor, tx, entered_by AS enteredBy
  FROM change_log WHERE row_key = ? AND col = ? ORDER BY hlc DESC, replica DESC LIMIT ?`;

/** One backwards pass over a cell's changes (newest first); `complete` when it stopped where the run started. */
function walkCell(changes: Iterable<WireChange>): { complete: boolean; conflict: (tbl: string, rowId: string, col: string) => OpenConflict | null } {
  let h: StoredChange | null = null;
  let walking = true;
  let boundary: { hlc: string; replica: string | null } | null = null;
  let complete = false;
  const others = new Map<string | null, { latest: WireChange; first: string }>();
  for (const c of changes) {
    if (!h) {
      h = { ...c, decoded: decodeValue(c.value) };
      walking = !c.tx.startsWith(RESOLVE_TX);
      boundary = c.baseHlc === null ? null : { hlc: c.baseHlc, replica: c.baseReplica };
      continue;
    }
    if (boundary !== null && stampCmp(c, boundary.hlc, boundary.replica) <= 0) {
      if (walking && stampCmp(c, boundary.hlc, boundary.replica) === 0 && c.replica === h.replica) {
        // The same copy's earlier edit the run builds on: the window reaches further back.
        walking = !c.tx.startsWith(RESOLVE_TX);
        boundary = c.baseHlc === null ? null : { hlc: c.baseHlc, replica: c.baseReplica };
        continue;
      }
      complete = true;
      break;
    }
    if (c.value === h.value) continue;
    const o = others.get(c.value);
    if (o) o.first = c.hlc;
    else others.set(c.value, { latest: c, first: c.hlc });
  }
  const head = h;
  return {
    complete,
    conflict: (tbl, rowId, col) => {
      if (!head || others.size === 0) return null;
      const list = [...others.values()].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0)).map((o) => side({ ...o.latest, decoded: decodeValue(o.latest.value) }));
      return { id: `cell:${tbl}:${rowId}:${col}`, kind: 'cell', tbl, rowId, col, current: side(head), others: list };
    },
  };
}

/**
 * A row deleted by one copy while another copy edited it without the deleting copy having
 * seen the edit — before or after the delete by the clock. The delete records what its copy
 * had seen of the row (per copy, its latest change); an older delete without that record
 * counts edits made after it by the clock.
 */
function deleteConflict(db: Database, tbl: string, rowId: string): OpenConflict | null {
  const key = existingRowKey(db, tbl, rowId);
  const head = key === undefined ? null : headAt(db, key, 'deleted');
  if (!head) return null;
  const d = changeAt(db, tbl, rowId, 'deleted', head);
  if (!d || d.decoded !== 1) return null;
  const seen = d.seen ? parseVector(d.seen) : null;
  const edits = new Map<string, WireChange>();
  for (const c of cachedStatement(db, ROW_SQL).iterate(key) as IterableIterator<WireChange>) {
    if (c.col === 'deleted' || isBookkeeping(c.col) || c.replica === d.replica) continue;
    const unseen = seen ? c.hlc > (seen[c.replica] ?? '') : compareStamp(c.hlc, c.replica, d.hlc, d.replica) > 0;
    if (unseen) edits.set(c.col, c);
  }
  if (edits.size === 0) return null;
  const others = [...edits.values()].map((c) => side({ ...c, decoded: decodeValue(c.value) }));
  return { id: `delete:${tbl}:${rowId}:deleted`, kind: 'delete', tbl, rowId, col: 'deleted', current: side(d), others };
}

function evaluate(db: Database, kind: 'cell' | 'delete', tbl: string, rowId: string, col: string): OpenConflict | null {
  if (!isSyncedColumn(tbl, col)) return null;
  return kind === 'cell' ? cellConflict(db, tbl, rowId, col) : deleteConflict(db, tbl, rowId);
}

/** evaluate(), remembered until the row's log changes (see cachedEvaluation); only after scanNewChanges. */
const evaluateKnown = (db: Database, kind: 'cell' | 'delete', tbl: string, rowId: string, col: string): OpenConflict | null =>
  cachedEvaluation(db, kind, tbl, rowId, col, () => evaluate(db, kind, tbl, rowId, col));

/**
 * Local writes go through the Writer, which knows nothing of sync, yet a local edit can
 * open a conflict (an edit of a row another copy deleted; a new value where a concurrent
 * edit had the old one). So the change log written since the last look is scanned for
 * cells and deleted rows to evaluate.
 */
function scanNewChanges(db: Database): void {
  const last = Number(getLocal(db, 'sync_conflict_scan_seq') ?? 0);
  const max = (cachedStatement(db, 'SELECT max(seq) AS s FROM change_log').get() as { s: number | null }).s ?? 0;
  if (max <= last) return;
  // Any edit of an existing cell (local or imported) may be part of a conflict; new cells
  // only when two copies created the same row, which the import itself marks.
  const cells = cachedStatement(db, 'SELECT DISTINCT tbl, row_id AS rowId, col FROM change_log WHERE seq > ? AND base_hlc IS NOT NULL').all(last) as {
    tbl: string;
    rowId: string;
    col: string;
  }[];
  for (const c of cells) if (!isBookkeeping(c.col)) addConflictCandidate(db, 'cell', c.tbl, c.rowId, c.col);
  const rows = cachedStatement(db, "SELECT DISTINCT tbl, row_id AS rowId FROM change_log WHERE seq > ? AND col <> 'deleted'").all(last) as { tbl: string; rowId: string }[];
  for (const r of rows) {
    if (!isSyncedColumn(r.tbl, 'deleted')) continue;
    const row = cachedStatement(db, `SELECT deleted FROM ${r.tbl} WHERE id = ?`).get(r.rowId) as { deleted: number } | undefined;
    if (row?.deleted === 1) addConflictCandidate(db, 'delete', r.tbl, r.rowId, 'deleted');
  }
  setLocal(db, 'sync_conflict_scan_seq', String(max));
}

/** Open conflicts, in a stable order; closed candidates are forgotten on the way. */
export function openConflicts(db: Database, opts: { prune?: boolean; fresh?: boolean } = {}): OpenConflict[] {
  scanNewChanges(db);
  const out: OpenConflict[] = [];
  for (const c of conflictCandidates(db)) {
    const open = (opts.fresh ? evaluate : evaluateKnown)(db, c.kind, c.tbl, c.rowId, c.col);
    if (open) out.push(open);
    else if (opts.prune !== false) dropConflictCandidate(db, c.kind, c.tbl, c.rowId, c.col);
  }
  return out;
}

/** Of the given candidates, how many are open conflicts. */
export function countOpen(db: Database, list: { kind: 'cell' | 'delete'; tbl: string; rowId: string; col: string }[]): number {
  scanNewChanges(db);
  const seen = new Set<string>();
  let n = 0;
  for (const c of list) {
    const k = `${c.kind}:${c.tbl}:${c.rowId}:${c.col}`;
    if (seen.has(k)) continue;
    seen.add(k);
    if (evaluateKnown(db, c.kind, c.tbl, c.rowId, c.col)) n++;
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
export function resolveConflict(db: Database, actor: string, id: string, r: Resolution, enteredBy: string | null = null): (OpenConflict & { derivedTables: string[] }) | null {
  const key = parseConflictId(id);
  if (!key) return null;
  return db.transaction(() => {
    const open = evaluate(db, key.kind, key.tbl, key.rowId, key.col);
    if (!open) return null;
    const tx = `${RESOLVE_TX}${newTx()}`;
    if (key.kind === 'delete') writeForcedChange(db, actor, tx, key.tbl, key.rowId, 'deleted', 'restore' in r && r.restore ? 0 : 1, enteredBy);
    else {
      let value = 'value' in r ? r.value : open.current.value;
      // A typed number for a number column (DI level, amounts) is stored as a number.
      if (typeof value === 'string' && typeof open.current.value === 'number' && /^-?\d+(\.\d+)?$/.test(value.trim())) value = Number(value.trim());
      // A governed field (DI level, lifecycle, approvals…) moves only by its own rules: a
      // resolution keeps one of the values it had, never a typed one (every copy checks this).
      if (isGoverned(key.tbl, key.col) && ![open.current.value, ...open.others.map((o) => o.value)].includes(value)) {
        throw new ValidationError('This field follows its approval rules: keep one of the two values.');
      }
      const problem = columnProblem(db, key.tbl, key.col, value);
      if (problem) throw new ValidationError(`That value cannot be stored: ${problem}.`);
      writeForcedChange(db, actor, tx, key.tbl, key.rowId, key.col, value, enteredBy);
    }
    dropConflictCandidate(db, key.kind, key.tbl, key.rowId, key.col);
    // The resolution is a write like any other: derived statuses follow it.
    const derived = deriveAfterWrite(db, new Map([[key.tbl, new Set([key.rowId])]]));
    return { ...open, derivedTables: Object.keys(derived) };
  })();
}
