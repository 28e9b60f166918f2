import type { Database } from '../../db/connection.js';
import { createTestDb } from '../../db/connection.js';
import { runAction } from '../../db/changes.js';
import { syncedTableNames } from '../../db/tables.js';
import { buildBundle, commitBundle, importBundle, type BuiltBundle } from './bundles.js';
import { copyPerson, memberCopyInMemory } from './identity.js';

/** Test helpers: a workspace with a small program, and in-memory member copies of it. */
export function seededWorkspace(measures = 3): Database {
  const db = createTestDb();
  runAction(db, { actor: 'seed', label: 'seed', undoable: false }, (w) => {
    const org = w.insert('nodes', { parent_id: null, level: 'organization', name: 'Org' }, 'n-org');
    w.insert('nodes', { parent_id: org, level: 'portfolio', name: 'P1' }, 'n-p1');
    w.insert('nodes', { parent_id: org, level: 'portfolio', name: 'P2' }, 'n-p2');
    w.insert('people', { name: 'Ana' }, 'p-ana');
    for (let i = 1; i <= measures; i++) {
      w.insert('measures', { code: `M-${String(i).padStart(4, '0')}`, node_id: 'n-p1', title: `Measure ${i}` }, `m-${i}`);
    }
  });
  return db;
}

/** The original plus `n - 1` member copies, all knowing each other. */
export function replicas(n: number, measures = 3): Database[] {
  const a = seededWorkspace(measures);
  const list = [a];
  for (let i = 1; i < n; i++) list.push(memberCopyInMemory(a, 'seed', `Member ${i}`));
  return list;
}

export function send(from: Database): BuiltBundle | null {
  const b = buildBundle(from, 'test');
  if (b) commitBundle(from, b);
  return b;
}

/** Who acts on a copy in tests: its own person (or, for a copy with none, a tester). */
export const who = (db: Database): string => copyPerson(db) ?? 'tester';

/** An edit by the copy's own person (a copy signs as its person; see copyPerson). */
export function edit(db: Database, fn: Parameters<typeof runAction>[2]): void {
  runAction(db, { actor: who(db), label: 'edit' }, fn);
}

export function receive(to: Database, b: BuiltBundle | null) {
  if (!b) return null;
  return importBundle(to, b.bytes, b.fileName);
}

/** Every synced table, every row, in id order: equal strings mean byte-identical tables. */
export function dumpTables(db: Database, tables = syncedTableNames()): string {
  return tables.map((t) => `${t}\n${JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY id`).raw().all())}`).join('\n');
}
