import type { Database } from 'better-sqlite3';

/** Rows a write touched: table → row ids. */
export type TouchedRows = ReadonlyMap<string, ReadonlySet<string>>;

/** Rows a derivation changed (e.g. `{ measures: [...] }`), for the change event; empty when nothing moved. */
export type DerivedRows = Record<string, string[]>;

/**
 * Work the system does after every write, inside the write's transaction, from the rows it
 * touched: keeping caches such as the status cache current. The database layer knows no
 * rule; the API installs the deriver when it opens a workspace (main/api/status-engine.ts).
 */
export type Deriver = (db: Database, touched: TouchedRows) => DerivedRows;

const derivers = new WeakMap<Database, Deriver>();

export function setDeriver(db: Database, deriver: Deriver | null): void {
  if (deriver) derivers.set(db, deriver);
  else derivers.delete(db);
}

/**
 * Runs the connection's deriver over the rows a write touched. Every path that writes
 * synced rows calls it before its transaction commits: runAction (edits, undo, redo,
 * seeding), a sync import and a conflict resolution.
 */
export function deriveAfterWrite(db: Database, touched: TouchedRows): DerivedRows {
  const d = derivers.get(db);
  return d && touched.size > 0 ? d(db, touched) : {};
}

/** Adds `id` to `table`'s set in a TouchedRows map under construction. */
export function touch(rows: Map<string, Set<string>>, table: string, id: string): void {
  let set = rows.get(table);
  if (!set) rows.set(table, (set = new Set()));
  set.add(id);
}
