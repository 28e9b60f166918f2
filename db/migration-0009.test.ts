import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changesForTx, runAction, undo } from './changes.js';
import { createWorkspace, openWorkspace, type Database } from './connection.js';
import { latestSchemaVersion, schemaVersion } from './migrate.js';
import { rowHistory } from './repositories/history.js';
import { cellHead, changeAt, localVector } from './repositories/sync.js';

const dir = mkdtempSync(join(tmpdir(), 'steerco-m9-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ME = 'aaaaaaaa-0000-4000-8000-000000000001';
const PEER = 'bbbbbbbb-0000-4000-8000-000000000002';
const hlc = (ms: number, n = 0) => `${String(1_700_000_000_000 + ms).padStart(15, '0')}.${String(n).padStart(6, '0')}`;

/**
 * A workspace as a schema-8 build left it: rows, their changes in change_log and the
 * cell heads its Writer and sync import kept (highest stamp per cell), undo entries.
 */
function oldWorkspace(path: string): Database {
  const db = createWorkspace(path, { name: 'Old', schemaVersion: 8 });
  db.prepare("UPDATE local_settings SET value = ? WHERE key = 'replica_id'").run(ME);
  const log = db.prepare(
    'INSERT INTO change_log (hlc, replica, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, tx) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const head = (tbl: string, row: string, col: string) =>
    db.prepare('SELECT hlc, replica FROM cell_heads WHERE tbl = ? AND row_id = ? AND col = ?').get(tbl, row, col) as { hlc: string; replica: string } | undefined;
  const put = db.prepare(
    'INSERT INTO cell_heads (tbl, row_id, col, hlc, replica) VALUES (?, ?, ?, ?, ?) ON CONFLICT(tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc, replica = excluded.replica',
  );
  const change = (h: string, replica: string, tbl: string, row: string, col: string, value: unknown, old: unknown, tx: string) => {
    const base = head(tbl, row, col);
    log.run(h, replica, tbl, row, col, JSON.stringify(value), old === undefined ? null : JSON.stringify(old), base?.hlc ?? null, base?.replica ?? null, 'p1', tx);
    if (!base || h > base.hlc || (h === base.hlc && replica > base.replica)) put.run(tbl, row, col, h, replica);
  };
  db.transaction(() => {
    db.exec("INSERT INTO people (id, name, email, function) VALUES ('p1', 'Ada', '', ''), ('p2', 'Bob', '', '')");
    for (const [i, [id, name]] of [['p1', 'Ada'], ['p2', 'Bob']].entries()) {
      for (const [j, [col, v]] of ([['name', name], ['email', ''], ['function', ''], ['deleted', 0]] as const).entries()) change(hlc(i, j), ME, 'people', id!, col, v, undefined, 'tx-create');
    }
    db.exec("UPDATE people SET name = 'Ada L.' WHERE id = 'p1'");
    change(hlc(10), ME, 'people', 'p1', 'name', 'Ada L.', 'Ada', 'tx-edit');
    // Two copies edited Bob's function at the same HLC: the higher replica is the head.
    db.exec("UPDATE people SET function = 'Ops' WHERE id = 'p2'");
    change(hlc(20), ME, 'people', 'p2', 'function', 'Finance', '', 'tx-mine');
    change(hlc(20), PEER, 'people', 'p2', 'function', 'Ops', '', 'tx-peer');
    db.exec("INSERT INTO undo_entries (tx, label, actor, state, at) VALUES ('tx-edit', 'Rename Ada', 'p1', 'done', '2023-11-14T00:00:00Z')");
  })();
  return db;
}

describe('migration 0009 (change_rows, narrower change_log keys, heads read from the log)', () => {
  it('keeps every change, head, history entry and version vector, and undo / new edits continue from them', () => {
    const path = join(dir, 'v8.steerco');
    const old = oldWorkspace(path);
    const changesBefore = old.prepare('SELECT seq, hlc, replica, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, tx FROM change_log ORDER BY seq').all();
    const headsBefore = old.prepare('SELECT tbl, row_id, col, hlc, replica FROM cell_heads ORDER BY tbl, row_id, col').all() as {
      tbl: string;
      row_id: string;
      col: string;
      hlc: string;
      replica: string;
    }[];
    const vectorBefore = Object.fromEntries(
      (old.prepare('SELECT replica, max(hlc) AS h FROM change_log GROUP BY replica').all() as { replica: string; h: string }[]).map((r) => [r.replica, r.h]),
    );
    old.close();

    const db = openWorkspace(path);
    try {
      expect(schemaVersion(db)).toBe(latestSchemaVersion());
      expect(db.prepare('SELECT seq, hlc, replica, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, tx FROM change_log ORDER BY seq').all()).toEqual(
        changesBefore,
      );
      // Every change points at its row's key; one key per row.
      expect(db.prepare('SELECT count(*) AS n FROM change_log l JOIN change_rows r ON r.id = l.row_key AND r.tbl = l.tbl AND r.row_id = l.row_id').get()).toEqual({
        n: changesBefore.length,
      });
      expect(db.prepare('SELECT count(*) AS n FROM change_rows').get()).toEqual({ n: 2 });
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name IN ('cell_heads', 'change_log_tx', 'change_log_replica')").get()).toEqual({ n: 0 });
      // The undo entry knows the seq range of its action's changes.
      const editSeq = (changesBefore as { seq: number; tx: string }[]).find((c) => c.tx === 'tx-edit')!.seq;
      expect(db.prepare("SELECT first_seq AS a, last_seq AS b FROM undo_entries WHERE tx = 'tx-edit'").get()).toEqual({ a: editSeq, b: editSeq });

      expect(headsBefore).toHaveLength(8);
      for (const h of headsBefore) expect(cellHead(db, h.tbl, h.row_id, h.col)).toEqual({ hlc: h.hlc, replica: h.replica });
      expect(cellHead(db, 'people', 'p2', 'function')).toEqual({ hlc: hlc(20), replica: PEER });
      expect(changeAt(db, 'people', 'p2', 'function', { hlc: hlc(20), replica: PEER })?.decoded).toBe('Ops');
      expect(localVector(db)).toEqual(vectorBefore);

      expect(rowHistory(db, 'people', 'p1').map((e) => [e.field, e.oldValue, e.newValue])).toEqual([
        ['name', 'Ada', 'Ada L.'],
        ['deleted', null, 0],
        ['function', null, ''],
        ['email', null, ''],
        ['name', null, 'Ada'],
      ]);

      // Undo of the pre-migration action: its change is based on the migrated head.
      const u = undo(db, 'p1')!;
      expect(db.prepare("SELECT name FROM people WHERE id = 'p1'").get()).toEqual({ name: 'Ada' });
      const [back] = changesForTx(db, u.tx);
      expect(back).toMatchObject({ col: 'name', value: 'Ada', oldValue: 'Ada L.', baseHlc: hlc(10), baseReplica: ME });
      expect(back!.hlc > hlc(20)).toBe(true);

      // A new edit of the tied cell is based on the winner of the tie.
      const r = runAction(db, { actor: 'p1', label: 'edit' }, (w) => w.update('people', 'p2', { function: 'Sales' }));
      expect(changesForTx(db, r.tx)[0]).toMatchObject({ baseHlc: hlc(20), baseReplica: PEER, oldValue: 'Ops' });
      expect(cellHead(db, 'people', 'p2', 'function')).toEqual({ hlc: changesForTx(db, r.tx)[0]!.hlc, replica: ME });
    } finally {
      db.close();
    }
  });

  it('refuses a change without its row key (every writer must give one)', () => {
    const db = openWorkspace(join(dir, 'v8.steerco'));
    try {
      expect(() =>
        db
          .prepare("INSERT INTO change_log (hlc, replica, tbl, row_id, col, value, actor, tx) VALUES ('x', 'r', 'people', 'p1', 'name', NULL, 'a', 't')")
          .run(),
      ).toThrow(/NOT NULL/);
    } finally {
      db.close();
    }
  });

  it('gives back the space the rebuilt change log left free, once, right after the migration', () => {
    const path = join(dir, 'big-v8.steerco');
    const db = createWorkspace(path, { name: 'Big', schemaVersion: 8 });
    const log = db.prepare(
      'INSERT INTO change_log (hlc, replica, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, tx) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?)',
    );
    const text = JSON.stringify('x'.repeat(2000));
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) log.run(hlc(i), ME, 'people', `p-${i}`, 'name', text, 'a', `t-${i}`);
    })();
    db.close();
    const opened = openWorkspace(path);
    try {
      expect(schemaVersion(opened)).toBe(latestSchemaVersion());
      const free = opened.pragma('freelist_count', { simple: true }) as number;
      const pages = opened.pragma('page_count', { simple: true }) as number;
      expect(free / pages).toBeLessThan(0.05);
      expect((opened.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n).toBe(3000);
    } finally {
      opened.close();
    }
  });
});
