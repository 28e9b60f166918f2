import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { getLocal } from './connection.js';
import { ValidationError } from './errors.js';
import { Clock } from './hlc.js';
import { HEAD_SQL, LOG_SQL, REPLICA_MAX_HLC_SQL, newRowKey, rowKeyOf, rowSeen } from './change-rows.js';
import { cachedStatement } from './statements.js';
import { isDerivedColumn, isSyncedColumn, isSyncedTable, type CellValue } from './tables.js';
import { deriveAfterWrite, touch, type DerivedRows } from './derive.js';
import { nowIso } from './clock.js';
import type { UndoState } from '../preload/contract/types.js';

/** Who is writing and as part of which user action. */
export interface ActionContext {
  actor: string;
  label: string;
  /** False for writes the user cannot undo (undo itself, seeding, sync). */
  undoable?: boolean;
  /** The copy's own person when they enter this for `actor` ("entered by X for Y"); null otherwise. */
  enteredBy?: string | null;
  /** The transaction id (undo and redo name the action they replay: `undo:<tx>:…`). */
  tx?: string;
}

export interface ChangeRecord {
  seq: number;
  hlc: string;
  replica: string;
  tbl: string;
  rowId: string;
  col: string;
  value: CellValue;
  oldValue: CellValue;
  baseHlc: string | null;
  baseReplica: string | null;
  actor: string;
  tx: string;
  enteredBy: string | null;
  seen: string | null;
}

interface DbState {
  clock: Clock;
  replica: string;
}

const states = new WeakMap<Database, DbState>();

function state(db: Database): DbState {
  let s = states.get(db);
  if (!s) {
    const last = db.prepare(`SELECT max(h) AS h FROM (${REPLICA_MAX_HLC_SQL})`).get() as { h: string | null };
    const replica = getLocal(db, 'replica_id');
    if (!replica) throw new Error('Workspace has no replica id');
    s = { clock: new Clock(last.h), replica };
    states.set(db, s);
  }
  return s;
}

export function replicaId(db: Database): string {
  return state(db).replica;
}

export function clockOf(db: Database): Clock {
  return state(db).clock;
}

function assertIdent(table: string, col?: string): void {
  if (!isSyncedTable(table)) throw new Error(`Table ${table} is not a synced table`);
  if (col !== undefined && !isSyncedColumn(table, col)) throw new Error(`Column ${table}.${col} is not writable`);
}

const enc = (v: CellValue | undefined): string | null => (v === undefined ? null : JSON.stringify(v));
export const decodeValue = (s: string | null): CellValue => (s === null ? null : (JSON.parse(s) as CellValue));

/** SQL text for a column list, built once per (table, columns); callers check the identifiers (assertIdent) on every call. */
const sqlText = new Map<string, string>();
function sqlFor(kind: 'insert' | 'select' | 'update', table: string, cols: readonly string[]): string {
  const key = `${kind}\u0000${table}\u0000${cols.join('\u0000')}`;
  let sql = sqlText.get(key);
  if (sql === undefined) {
    if (kind === 'insert') sql = `INSERT INTO ${table} (id${cols.map((c) => `, ${c}`).join('')}) VALUES (?${cols.map(() => ', ?').join('')})`;
    else if (kind === 'select') sql = `SELECT ${cols.join(', ')} FROM ${table} WHERE id = ?`;
    else sql = `UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`;
    if (sqlText.size > 2048) sqlText.clear();
    sqlText.set(key, sql);
  }
  return sql;
}

/**
 * Writes rows through the change log. Each method changes the table and appends one
 * change per changed cell, with the cell's previous head as its base.
 */
export class Writer {
  changed = 0;
  readonly tables = new Set<string>();
  /** Rows this writer changed, by table: what the derivations after the action look at. */
  readonly rows = new Map<string, Set<string>>();
  /** The columns logged, by table (what views need to know besides the rows). */
  readonly columns = new Map<string, Set<string>>();
  /** Seq range of this writer's changes (its undo entry keeps it: the log has no index on tx). */
  firstSeq: number | undefined;
  lastSeq: number | undefined;
  private readonly logStmt;
  private readonly headGet;
  private st: DbState | undefined;

  constructor(
    private readonly db: Database,
    readonly actor: string,
    readonly enteredBy: string | null = null,
    readonly tx: string = randomUUID(),
  ) {
    this.logStmt = cachedStatement(db, LOG_SQL);
    this.headGet = cachedStatement(db, HEAD_SQL);
  }

  /** Logs one cell; `fresh` = the row has no logged cell yet, so the cell has no head to look up. */
  private log(table: string, rowId: string, key: number, fresh: boolean, col: string, value: CellValue, old: CellValue | undefined): void {
    const s = (this.st ??= state(this.db));
    // A delete records what this copy had seen of the row (see rowSeen), before it is logged.
    const seen = col === 'deleted' && value === 1 && old === 0 ? rowSeen(this.db, key) : null;
    const hlc = s.clock.tick();
    const head = fresh ? null : (this.headGet.get(key, col, key, col) as { hlc: string | null; replica: string | null });
    const seq = Number(
      this.logStmt.run(hlc, s.replica, table, rowId, col, enc(value), enc(old), head?.hlc ?? null, head?.replica ?? null, this.actor, this.tx, key, this.enteredBy, seen).lastInsertRowid,
    );
    this.firstSeq ??= seq;
    this.lastSeq = seq;
    this.changed++;
    this.tables.add(table);
    touch(this.rows, table, rowId);
    touch(this.columns, table, col);
  }

  /** Inserts a row; every given column is logged so another replica can rebuild it. */
  insert(table: string, fields: Record<string, CellValue>, id: string = randomUUID()): string {
    const values: Record<string, CellValue> = { ...fields };
    if (isSyncedColumn(table, 'deleted')) values.deleted = 0;
    const cols = Object.keys(values);
    cols.forEach((c) => assertIdent(table, c));
    const params: CellValue[] = [id];
    for (const c of cols) params.push(values[c] ?? null);
    cachedStatement(this.db, sqlFor('insert', table, cols)).run(params);
    const { key, created } = newRowKey(this.db, table, id);
    for (const c of cols) this.log(table, id, key, created, c, values[c] ?? null, undefined);
    return id;
  }

  /**
   * Updates the changed columns of one row; returns the names of the columns that changed.
   * `whenChanged` columns (e.g. an updated_at stamp) are written too, in the same
   * statement, but only when one of `values` changed; they are logged after the others
   * and are not part of the returned list. Same result as a second update() call.
   */
  update(table: string, id: string, values: Record<string, CellValue>, whenChanged?: Record<string, CellValue>): string[] {
    const cols = Object.keys(values);
    cols.forEach((c) => assertIdent(table, c));
    if (cols.length === 0) return [];
    const stampCols = whenChanged ? Object.keys(whenChanged).filter((c) => !(c in values)) : [];
    stampCols.forEach((c) => assertIdent(table, c));
    if (whenChanged && stampCols.length !== Object.keys(whenChanged).length) {
      // A stamp that is also a value: keep the plain two-step behaviour.
      const changed = this.update(table, id, values);
      if (changed.length > 0) this.update(table, id, whenChanged);
      return changed;
    }
    const readCols = stampCols.length ? [...cols, ...stampCols] : cols;
    const current = cachedStatement(this.db, sqlFor('select', table, readCols)).get(id) as Record<string, CellValue> | undefined;
    if (!current) throw new ValidationError(`No ${table} row ${id}`);
    const changed = cols.filter((c) => current[c] !== (values[c] ?? null));
    if (changed.length === 0) return [];
    const stamped = stampCols.filter((c) => current[c] !== (whenChanged![c] ?? null));
    const next = (c: string): CellValue => (c in values ? values[c] : whenChanged![c]) ?? null;
    const writeCols = stamped.length ? [...changed, ...stamped] : changed;
    const params: CellValue[] = writeCols.map(next);
    params.push(id);
    cachedStatement(this.db, sqlFor('update', table, writeCols)).run(params);
    const { key, created } = rowKeyOf(this.db, table, id);
    for (const c of writeCols) this.log(table, id, key, created, c, next(c), current[c]);
    return changed;
  }

  /** Soft delete: a field change like any other, so undo and sync understand it. */
  remove(table: string, id: string): void {
    this.update(table, id, { deleted: 1 });
  }
}

export interface ActionResult<T> {
  value: T;
  tx: string;
  changed: number;
  tables: string[];
  /** Seq range of the action's changes in change_log (undefined when it changed nothing). */
  firstSeq?: number;
  lastSeq?: number;
  /** Rows the system re-derived after the action (e.g. measures whose status changed). */
  derived?: DerivedRows;
  /** The rows and columns the action logged, by table (as collected while writing: no read of the log). */
  cells?: { rows: ReadonlyMap<string, ReadonlySet<string>>; columns: ReadonlyMap<string, ReadonlySet<string>> };
}

/**
 * Per connection: the PRAGMA data_version at which this connection last saw the redo
 * stack empty (no 'undone' rows in undo_entries). Clearing the redo stack is a DELETE
 * with a full scan of a table that grows with every action; while the stack is known to
 * be empty it can be skipped. Recorded only after an outermost transaction committed,
 * dropped by undo / redo, and ignored as soon as another connection has written the
 * file (data_version changes), so the table ends up exactly as without the shortcut.
 */
const redoEmptyAt = new WeakMap<Database, number>();

function dataVersion(db: Database): number {
  return (cachedStatement(db, 'PRAGMA data_version').get() as { data_version: number }).data_version;
}

const CLEAR_REDO_SQL = "DELETE FROM undo_entries WHERE state = 'undone'";
const PUSH_UNDO_SQL = "INSERT INTO undo_entries (tx, label, actor, state, at, first_seq, last_seq) VALUES (?, ?, ?, 'done', ?, ?, ?)";

/**
 * One transaction wrapper per connection, taking the body as its argument: db.transaction()
 * builds four wrapper functions each time it is called, which a single edit paid every time.
 * Same semantics (BEGIN … COMMIT, or a savepoint inside an open transaction; rollback on throw).
 */
const txRunners = new WeakMap<Database, (body: () => unknown) => unknown>();

function inTransaction<T>(db: Database, body: () => T): T {
  let run = txRunners.get(db);
  if (!run) txRunners.set(db, (run = db.transaction((b: () => unknown) => b())));
  return run(body) as T;
}

/**
 * Runs one user action in one transaction: all its writes land together or not at all,
 * and it becomes one undo step.
 */
export function runAction<T>(db: Database, ctx: ActionContext, fn: (w: Writer) => T): ActionResult<T> {
  const w = new Writer(db, ctx.actor, ctx.enteredBy ?? null, ctx.tx);
  const outermost = !db.inTransaction;
  let redoCleared = false;
  let derived: DerivedRows | undefined;
  const value = inTransaction(db, () => {
    const v = fn(w);
    // In the same transaction: a cache derived from these rows commits with them or not at all.
    if (w.changed > 0) derived = deriveAfterWrite(db, w.rows);
    if (w.changed > 0 && ctx.undoable !== false) {
      if (redoEmptyAt.get(db) !== dataVersion(db)) cachedStatement(db, CLEAR_REDO_SQL).run();
      redoCleared = true;
      cachedStatement(db, PUSH_UNDO_SQL).run(w.tx, ctx.label, ctx.actor, nowIso(), w.firstSeq ?? null, w.lastSeq ?? null);
    }
    return v;
  });
  if (redoCleared && outermost) redoEmptyAt.set(db, dataVersion(db));
  return { value, tx: w.tx, changed: w.changed, tables: [...w.tables], firstSeq: w.firstSeq, lastSeq: w.lastSeq, derived, cells: { rows: w.rows, columns: w.columns } };
}

function rowToChange(r: Record<string, unknown>): ChangeRecord {
  return {
    seq: r.seq as number,
    hlc: r.hlc as string,
    replica: r.replica as string,
    tbl: r.tbl as string,
    rowId: r.row_id as string,
    col: r.col as string,
    value: decodeValue(r.value as string | null),
    oldValue: decodeValue(r.old_value as string | null),
    baseHlc: r.base_hlc as string | null,
    baseReplica: r.base_replica as string | null,
    actor: r.actor as string,
    tx: r.tx as string,
    enteredBy: (r.entered_by as string | null) ?? null,
    seen: (r.seen as string | null) ?? null,
  };
}

/**
 * The changes of one action, in order. Actions of this copy that can be undone are found by
 * the seq range in their undo entry; any other tx (not undoable, or made on another copy)
 * by a scan of the log, which has no index on tx.
 */
export function changesForTx(db: Database, tx: string): ChangeRecord[] {
  const range = cachedStatement(db, 'SELECT first_seq AS a, last_seq AS b FROM undo_entries WHERE tx = ?').get(tx) as
    | { a: number | null; b: number | null }
    | undefined;
  const rows =
    range && range.a !== null && range.b !== null
      ? cachedStatement(db, 'SELECT * FROM change_log WHERE seq BETWEEN ? AND ? AND tx = ? ORDER BY seq').all(range.a, range.b, tx)
      : db.prepare('SELECT * FROM change_log WHERE tx = ? ORDER BY seq').all(tx);
  return (rows as Record<string, unknown>[]).map(rowToChange);
}

/** The labels of the next undo and redo steps (every action's event carries them). */
export function undoState(db: Database): UndoState {
  const u = cachedStatement(db, "SELECT label FROM undo_entries WHERE state = 'done' ORDER BY seq DESC LIMIT 1").get() as { label: string } | undefined;
  // Finding the redo step scans the table from its start; while the redo stack is known to be empty (see redoEmptyAt) there is none.
  const r =
    redoEmptyAt.get(db) === dataVersion(db)
      ? undefined
      : (cachedStatement(db, "SELECT label FROM undo_entries WHERE state = 'undone' ORDER BY seq ASC LIMIT 1").get() as { label: string } | undefined);
  return { undo: u?.label ?? null, redo: r?.label ?? null };
}

function replay(db: Database, actor: string, entry: { tx: string; label: string }, direction: 'undo' | 'redo', enteredBy: string | null): ActionResult<string> {
  redoEmptyAt.delete(db);
  const changes = changesForTx(db, entry.tx);
  const ordered = direction === 'undo' ? [...changes].reverse() : changes;
  // Rows the action inserted: undo deletes them, redo restores them; their cells stay.
  const created = new Map<string, ChangeRecord>();
  for (const c of changes) if (c.col === 'deleted' && c.baseHlc === null && c.oldValue === null) created.set(`${c.tbl}\u0000${c.rowId}`, c);
  const verb = direction === 'undo' ? 'undo' : 'redo';
  // The transaction names the action it replays, so another copy can check it only reverts
  // (or re-applies) that action of the same copy (see main/sync/rules).
  const tx = `${direction}:${entry.tx}:${randomUUID().slice(0, 8)}`;
  return runAction(db, { actor, enteredBy, tx, label: `${direction === 'undo' ? 'Undo' : 'Redo'} ${entry.label}`, undoable: false }, (w) => {
    for (const c of ordered) {
      if (created.has(`${c.tbl}\u0000${c.rowId}`)) continue;
      // A status an older version logged as an edit: the system re-derives it, undo leaves it alone.
      if (isDerivedColumn(c.tbl, c.col)) continue;
      const expected = direction === 'undo' ? c.value : c.oldValue;
      const target = direction === 'undo' ? c.oldValue : c.value;
      assertIdent(c.tbl, c.col);
      const cur = cachedStatement(db, `SELECT ${c.col} AS v FROM ${c.tbl} WHERE id = ?`).get(c.rowId) as { v: CellValue } | undefined;
      if (!cur) throw new ValidationError(`Cannot ${verb} "${entry.label}": a row it touched no longer exists.`);
      if (cur.v !== expected) {
        throw new ValidationError(`Cannot ${verb} "${entry.label}": ${c.tbl}.${c.col} was changed since by another edit.`);
      }
      w.update(c.tbl, c.rowId, { [c.col]: target });
    }
    for (const c of created.values()) w.update(c.tbl, c.rowId, { deleted: direction === 'undo' ? 1 : 0 });
    db.prepare('UPDATE undo_entries SET state = ? WHERE tx = ?').run(direction === 'undo' ? 'undone' : 'done', entry.tx);
    return entry.label;
  });
}

/** Undoes this copy's most recent action; refused with a clear message if its cells changed since. */
export function undo(db: Database, actor: string, enteredBy: string | null = null): ActionResult<string> | null {
  const e = db.prepare("SELECT tx, label FROM undo_entries WHERE state = 'done' ORDER BY seq DESC LIMIT 1").get() as
    | { tx: string; label: string }
    | undefined;
  return e ? replay(db, actor, e, 'undo', enteredBy) : null;
}

export function redo(db: Database, actor: string, enteredBy: string | null = null): ActionResult<string> | null {
  const e = db.prepare("SELECT tx, label FROM undo_entries WHERE state = 'undone' ORDER BY seq ASC LIMIT 1").get() as
    | { tx: string; label: string }
    | undefined;
  return e ? replay(db, actor, e, 'redo', enteredBy) : null;
}
