import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createWorkspace, openWorkspace, saveCopy } from './connection.js';
import { runAction } from './changes.js';
import { acquireLock } from './lock.js';
import { latestSchemaVersion, migrate, schemaVersion } from './migrate.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'steerco-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('workspace files', () => {
  it('creates a WAL workspace with foreign keys and the latest schema', () => {
    const db = createWorkspace(join(dir, 'a.steerco'), { name: 'A' });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(latestSchemaVersion());
    db.close();
  });

  it('refuses a damaged file and leaves it byte-for-byte untouched', () => {
    const path = join(dir, 'bad.steerco');
    const db = createWorkspace(path, { name: 'B' });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(path);
    // Keep the header (so it looks like a Steerco file) and scramble the pages after it.
    const broken = Buffer.from(bytes);
    for (let i = 4096; i < broken.length; i += 7) broken[i] = (broken[i]! + 91) % 256;
    writeFileSync(path, broken);
    expect(() => openWorkspace(path)).toThrow(/damaged|could not be/);
    expect(readFileSync(path).equals(broken)).toBe(true);
  });

  it('refuses a plain SQLite database that is not a workspace', () => {
    const path = join(dir, 'other.db');
    const raw = new BetterSqlite3(path);
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    const before = readFileSync(path);
    expect(() => openWorkspace(path)).toThrow(/not a Steerco workspace/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('upgrades an older workspace, keeping its rows', () => {
    const path = join(dir, 'old.steerco');
    const db = createWorkspace(path, { name: 'Old', schemaVersion: 1 });
    expect(schemaVersion(db)).toBe(1);
    // What a version-1 build wrote (its Writer: the row, its logged cells and their heads).
    db.exec(`INSERT INTO people (id, name) VALUES ('p1', 'Ada');
      INSERT INTO change_log (hlc, replica, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, tx)
        VALUES ('001700000000000.000000', 'r1', 'people', 'p1', 'name', '"Ada"', NULL, NULL, NULL, 't', 'tx1');
      INSERT INTO cell_heads (tbl, row_id, col, hlc, replica) VALUES ('people', 'p1', 'name', '001700000000000.000000', 'r1');`);
    db.close();
    const up = openWorkspace(path);
    expect(schemaVersion(up)).toBe(latestSchemaVersion());
    expect(up.prepare('SELECT name FROM people').get()).toEqual({ name: 'Ada' });
    expect(up.prepare("SELECT count(*) AS n FROM change_log WHERE tbl = 'people' AND row_id = 'p1'").get()).toEqual({ n: 1 });
    up.close();
  });

  it('rolls back every write of an action that fails half-way', () => {
    const db = createWorkspace(join(dir, 'tx.steerco'), { name: 'Tx' });
    const count = () => (db.prepare('SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM change_log) AS n').get() as { n: number }).n;
    const before = count();
    expect(() =>
      runAction(db, { actor: 't', label: 'two people' }, (w) => {
        w.insert('people', { name: 'One', email: '', function: '' });
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(count()).toBe(before);
    db.close();
  });

  it('saves a consistent copy with the backup API and never overwrites', async () => {
    const db = createWorkspace(join(dir, 'src.steerco'), { name: 'Src' });
    runAction(db, { actor: 't', label: 'seed' }, (w) => w.insert('people', { name: 'Ada', email: '', function: '' }));
    const copy = join(dir, 'copy.steerco');
    await saveCopy(db, copy);
    await expect(saveCopy(db, copy)).rejects.toThrow(/already exists/);
    const c = openWorkspace(copy, { readonly: true });
    expect(c.prepare('SELECT name FROM people').get()).toEqual({ name: 'Ada' });
    c.close();
    db.close();
  });

  it('a migration that fails leaves the schema version where it was', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, 1);
    expect(() => db.transaction(() => db.exec('CREATE TABLE people (x)'))()).toThrow();
    expect(schemaVersion(db)).toBe(1);
    db.close();
  });
});

describe('lock', () => {
  it('refuses a file held by another live process and takes over a stale lock', () => {
    const path = join(dir, 'l.steerco');
    writeFileSync(`${path}.lock`, String(process.ppid));
    expect(() => acquireLock(path)).toThrow(/already open in another Steerco window/);
    writeFileSync(`${path}.lock`, '999999');
    const release = acquireLock(path);
    expect(JSON.parse(readFileSync(`${path}.lock`, 'utf8'))).toMatchObject({ app: 'steerco', pid: process.pid });
    release();
  });
});
