import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { WorkspaceError } from './errors.js';
import { latestSchemaVersion, migrate, schemaVersion } from './migrate.js';
import { cachedStatement } from './statements.js';
import { nowIso } from './clock.js';
import { checkPathText } from './files.js';

export type { Database } from 'better-sqlite3';

/** PRAGMA application_id of every Steerco workspace ("STCO"). */
export const STEERCO_APP_ID = 0x5354434f;
const SQLITE_HEADER = 'SQLite format 3\u0000';

function readHeader(path: string): { magic: string; appId: number } | null {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    if (n < 100) return null;
    return { magic: buf.toString('latin1', 0, 16), appId: buf.readUInt32BE(68) };
  } finally {
    closeSync(fd);
  }
}

function applyPragmas(db: Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
}

export interface CreateOptions {
  name: string;
  currency?: string;
  /** For tests and tools: stop at this schema version. */
  schemaVersion?: number;
}

/** Creates a new workspace file (or an in-memory one for ':memory:'). Refuses to overwrite. */
export function createWorkspace(path: string, opts: CreateOptions): Database {
  if (path !== ':memory:' && existsSync(path)) {
    throw new WorkspaceError('exists', `A file already exists at ${path}; choose another name.`);
  }
  const db = new BetterSqlite3(path);
  try {
    applyPragmas(db);
    db.pragma(`application_id = ${STEERCO_APP_ID}`);
    migrate(db, opts.schemaVersion);
    const put = db.prepare('INSERT INTO workspace_meta (key, value) VALUES (?, ?)');
    const putLocal = db.prepare('INSERT INTO local_settings (key, value) VALUES (?, ?)');
    db.transaction(() => {
      put.run('workspace_id', randomUUID());
      put.run('name', opts.name);
      put.run('currency', opts.currency ?? 'EUR');
      put.run('created_at', nowIso());
      putLocal.run('replica_id', randomUUID());
    })();
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Opens an existing workspace. Checks, before writing anything, that the file is a
 * SQLite database, that it is a Steerco workspace, that its schema is not newer than
 * this build, and that it passes quick_check; then applies pending migrations.
 */
export function openWorkspace(path: string, opts: { readonly?: boolean } = {}): Database {
  checkPathText(path);
  if (!existsSync(path)) throw new WorkspaceError('not_found', `No file at ${path}.`);
  const st = statSync(path);
  if (st.isDirectory()) throw new WorkspaceError('not_steerco', `${path} is a folder, not a Steerco workspace.`);
  // Reading a FIFO or a device would block or never end: refused before it is opened.
  if (!st.isFile()) throw new WorkspaceError('not_steerco', `${path} is not a regular file (a pipe, device or socket), not a Steerco workspace.`);
  const header = readHeader(path);
  if (!header || header.magic !== SQLITE_HEADER) {
    throw new WorkspaceError('not_steerco', `${path} is not a Steerco workspace (not a SQLite database).`);
  }
  if (header.appId !== STEERCO_APP_ID) {
    throw new WorkspaceError('not_steerco', `${path} is a SQLite database but not a Steerco workspace.`);
  }
  let db: Database;
  try {
    db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new WorkspaceError('corrupt', `${path} could not be read: ${(e as Error).message}`);
  }
  try {
    const version = schemaVersion(db);
    if (version > latestSchemaVersion()) {
      throw new WorkspaceError(
        'newer_schema',
        `${path} was written by a newer Steerco (schema ${version}, this version knows ${latestSchemaVersion()}). Update Steerco to open it.`,
      );
    }
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new WorkspaceError('corrupt', `${path} is damaged (${check}); open a backup copy instead.`);
  } catch (e) {
    db.close();
    if (e instanceof WorkspaceError) throw e;
    throw new WorkspaceError('corrupt', `${path} is damaged: ${(e as Error).message}`);
  }
  db.close();
  const live = new BetterSqlite3(path, { readonly: opts.readonly ?? false, fileMustExist: true });
  try {
    if (!opts.readonly) {
      applyPragmas(live);
      const before = schemaVersion(live);
      migrate(live);
      compactAfterRebuild(live, before);
    }
    return live;
  } catch (e) {
    live.close();
    throw new WorkspaceError('corrupt', `${path} could not be opened: ${(e as Error).message}`);
  }
}

/**
 * Migration 0009 rebuilds the change log, which leaves the old table's pages free inside
 * the file (a 20k-measure workspace grew from ~310 to ~440 MB). Once, right after that
 * migration and only when much of the file is free, VACUUM gives the space back (it cannot
 * run inside the migration's transaction).
 */
function compactAfterRebuild(db: Database, before: number): void {
  if (before === 0 || before >= 9 || schemaVersion(db) < 9) return;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  if (pages > 0 && free / pages > 0.2) db.exec('VACUUM');
}

/** A fresh in-memory workspace for tests. */
export function createTestDb(name = 'Test workspace'): Database {
  return createWorkspace(':memory:', { name });
}

/** Writes a consistent copy of the live database to `dest` (SQLite online backup). */
export async function saveCopy(db: Database, dest: string): Promise<void> {
  if (existsSync(dest)) throw new WorkspaceError('exists', `A file already exists at ${dest}; choose another name.`);
  const tmp = `${dest}.tmp-${process.pid}`;
  const { renameSync, rmSync } = await import('node:fs');
  try {
    await db.backup(tmp);
    renameSync(tmp, dest);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export function getMeta(db: Database, key: string): string | null {
  const row = cachedStatement(db, 'SELECT value FROM workspace_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: Database, key: string, value: string): void {
  db.prepare('INSERT INTO workspace_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function getLocal(db: Database, key: string): string | null {
  // Read on every action (the acting person): a cached statement, not a prepare per call.
  const row = cachedStatement(db, 'SELECT value FROM local_settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setLocal(db: Database, key: string, value: string | null): void {
  if (value === null) db.prepare('DELETE FROM local_settings WHERE key = ?').run(key);
  else db.prepare('INSERT INTO local_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
