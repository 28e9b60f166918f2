import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { advanceClock } from './clock.js';
import { changesForTx, redo, runAction, undo, undoState } from './changes.js';
import { createTestDb, createWorkspace, type Database } from './connection.js';
import { insertNode } from './repositories/nodes.js';
import { insertMeasure, updateMeasureColumns } from './repositories/measures.js';

const dir = mkdtempSync(join(tmpdir(), 'steerco-changes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Moves the app's clock on (stamps are ISO times with milliseconds). */
function nextMs(ms = 2): void {
  advanceClock(ms);
}

function withMeasure(db: Database): string {
  const id = runAction(db, { actor: 't', label: 'setup', undoable: false }, (w) => {
    const org = insertNode(w, db, { parentId: null, level: 'organization', name: 'O' });
    const pf = insertNode(w, db, { parentId: org, level: 'portfolio', name: 'P' });
    const pg = insertNode(w, db, { parentId: pf, level: 'program', name: 'G' });
    const pj = insertNode(w, db, { parentId: pg, level: 'project', name: 'J' });
    const pk = insertNode(w, db, { parentId: pj, level: 'package', name: 'K' });
    return insertMeasure(w, db, { node_id: pk, title: 'First' });
  }).value;
  nextMs();
  return id;
}

const undoneCount = (db: Database) => (db.prepare("SELECT count(*) AS n FROM undo_entries WHERE state = 'undone'").get() as { n: number }).n;

describe('Writer.update with a stamp', () => {
  it('logs the changed cells, then the stamp, and returns only the changed cells', () => {
    const db = createTestDb();
    const id = withMeasure(db);
    const r = runAction(db, { actor: 't', label: 'edit' }, (w) => updateMeasureColumns(w, id, { title: 'Second', description: '' }));
    expect(r.value).toEqual(['title']);
    const log = changesForTx(db, r.tx);
    expect(log.map((c) => c.col)).toEqual(['title', 'updated_at']);
    expect(log[0]).toMatchObject({ value: 'Second', oldValue: 'First' });
    expect(log[0]!.baseHlc).not.toBeNull();
    expect(log[1]!.baseHlc).not.toBeNull();
    const row = db.prepare('SELECT title, updated_at FROM measures WHERE id = ?').get(id) as { title: string; updated_at: string };
    expect(row).toEqual({ title: 'Second', updated_at: log[1]!.value });
  });

  it('writes nothing, not even the stamp, when no cell changes', () => {
    const db = createTestDb();
    const id = withMeasure(db);
    const r = runAction(db, { actor: 't', label: 'noop' }, (w) => updateMeasureColumns(w, id, { title: 'First' }));
    expect(r.value).toEqual([]);
    expect(r.changed).toBe(0);
  });
});

describe('clearing the redo stack', () => {
  it('clears it after an undo on this connection', () => {
    const db = createTestDb();
    const id = withMeasure(db);
    for (const t of ['A', 'B']) runAction(db, { actor: 't', label: t }, (w) => updateMeasureColumns(w, id, { title: t }));
    undo(db, 't');
    expect(undoState(db)).toEqual({ undo: 'A', redo: 'B' });
    runAction(db, { actor: 't', label: 'C' }, (w) => updateMeasureColumns(w, id, { title: 'C' }));
    expect(undoState(db)).toEqual({ undo: 'C', redo: null });
    expect(undoneCount(db)).toBe(0);
  });

  it('clears it after an undo made through another connection to the same file', () => {
    const path = join(dir, 'two-connections.steerco');
    const a = createWorkspace(path, { name: 'T' });
    const b = new BetterSqlite3(path);
    try {
      const id = withMeasure(a);
      for (const t of ['A', 'B']) runAction(a, { actor: 't', label: t }, (w) => updateMeasureColumns(w, id, { title: t }));
      undo(b, 'other');
      expect(undoneCount(a)).toBe(1);
      // Each connection keeps its own clock; let the wall clock move past b's stamps.
      nextMs(5);
      runAction(a, { actor: 't', label: 'C' }, (w) => updateMeasureColumns(w, id, { title: 'C' }));
      expect(undoneCount(a)).toBe(0);
      expect(undoState(a)).toEqual({ undo: 'C', redo: null });
    } finally {
      b.close();
      a.close();
    }
  });

  it('keeps it when the action rolls back', () => {
    const db = createTestDb();
    const id = withMeasure(db);
    runAction(db, { actor: 't', label: 'A' }, (w) => updateMeasureColumns(w, id, { title: 'A' }));
    undo(db, 't');
    expect(() =>
      runAction(db, { actor: 't', label: 'fails' }, (w) => {
        updateMeasureColumns(w, id, { title: 'Z' });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(undoState(db)).toEqual({ undo: null, redo: 'A' });
    runAction(db, { actor: 't', label: 'B' }, (w) => updateMeasureColumns(w, id, { title: 'B' }));
    expect(undoState(db)).toEqual({ undo: 'B', redo: null });
  });
});

describe('undo finds an action by the seq range in its entry', () => {
  it('undoes and redoes only its own changes when another action ran inside it', () => {
    const db = createTestDb();
    const id = withMeasure(db);
    const outer = runAction(db, { actor: 't', label: 'outer' }, (w) => {
      updateMeasureColumns(w, id, { title: 'Outer 1' });
      runAction(db, { actor: 't', label: 'inner' }, (w2) => updateMeasureColumns(w2, id, { description: 'Inner' }));
      updateMeasureColumns(w, id, { closure_criteria: 'Outer 2' });
    });
    // The outer range spans the inner action's changes; only the outer tx's are its own.
    const own = changesForTx(db, outer.tx);
    expect(own.every((c) => c.tx === outer.tx)).toBe(true);
    expect(own.map((c) => c.col).filter((c) => c !== 'updated_at')).toEqual(['title', 'closure_criteria']);
    const row = () => db.prepare('SELECT title, description, closure_criteria AS cc FROM measures WHERE id = ?').get(id);
    expect(undo(db, 't')!.value).toBe('outer');
    expect(row()).toEqual({ title: 'First', description: 'Inner', cc: '' });
    expect(undo(db, 't')!.value).toBe('inner');
    expect(row()).toEqual({ title: 'First', description: '', cc: '' });
    redo(db, 't');
    redo(db, 't');
    expect(row()).toEqual({ title: 'Outer 1', description: 'Inner', cc: 'Outer 2' });
  });
});
