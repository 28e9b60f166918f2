import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/connection.js';
import { replicaId, runAction } from '../../db/changes.js';
import { openConflicts } from './conflicts.js';
import { syncFolder } from './folder.js';
import { scanFolder } from './folder-index.js';
import { retireMember } from './identity.js';
import { dumpTables } from './test-replicas.js';
import { team, type Team } from './test-forge.js';
import { memberCopyInMemory } from './identity.js';

let t: Team | undefined;
let dir: string;
const extra: Database[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'steerco-folder-'));
});
afterEach(() => {
  t?.close();
  t = undefined;
  while (extra.length) extra.pop()!.close();
  rmSync(dir, { recursive: true, force: true });
});

const person = (db: Database) => (db.prepare('SELECT person_id AS p FROM sync_members WHERE id = ?').get(replicaId(db)) as { p: string }).p;
const edit = (db: Database, i: number) => runAction(db, { actor: person(db), label: 'edit' }, (w) => w.update('measures', `m-${(i % 3) + 1}`, { description: `edit ${i} by ${person(db)}` }));
const files = () => readdirSync(dir).filter((f) => f.endsWith('.stbundle'));
const folderBytes = () => files().reduce((n, f) => n + statSync(join(dir, f)).size, 0);

describe('bundles carry what their readers lack, once', () => {
  it('each copy writes its own new changes once; nothing new writes nothing; a silent member does not make bundles grow', async () => {
    t = team();
    const { alice, bob, carol } = t;
    const dan = memberCopyInMemory(alice, 'p-alice', { name: 'Dan Silent' });
    extra.push(dan);
    const active = [alice, bob, carol];
    for (const db of active) await syncFolder(db, person(db), dir);
    const sizes: number[] = [];
    for (let round = 0; round < 6; round++) {
      for (const [i, db] of active.entries()) {
        edit(db, round * 3 + i);
        const s = await syncFolder(db, person(db), dir);
        expect(s.changesOut).toBe(1);
        sizes.push(statSync(join(dir, s.exported!)).size);
      }
    }
    // Flat: the last round's bundles are no bigger than the first's (Dan never synced).
    expect(Math.max(...sizes.slice(-3))).toBeLessThanOrEqual(Math.max(...sizes.slice(0, 3)) + 200);
    // Two syncs in a row with nothing new: no bundle.
    for (const db of active) await syncFolder(db, person(db), dir);
    const quiet = await Promise.all(active.map((db) => syncFolder(db, person(db), dir)));
    expect(quiet.map((s) => s.exported)).toEqual([null, null, null]);
    // Dan's silence is visible and costs bundles kept for him; once retired, they go.
    expect(files().length).toBeGreaterThan(6);
    retireMember(alice, 'p-alice', replicaId(dan), 'Left the program');
    for (let i = 0; i < 2; i++) for (const db of active) await syncFolder(db, person(db), dir);
    expect(files().length).toBeLessThanOrEqual(3);
    const dumps = active.map((d) => dumpTables(d));
    expect(dumps[1]).toBe(dumps[0]);
    expect(dumps[2]).toBe(dumps[0]);
  });

  it('a checkpoint lets a member far behind catch up from one file while the others prune; the state and conflicts are the same', async () => {
    t = team();
    const { alice, bob, carol } = t;
    const active = [alice, bob];
    for (const db of [alice, bob, carol]) await syncFolder(db, person(db), dir);
    // Carol goes quiet while the others work; an administrator's copy writes a checkpoint.
    let checkpoints = 0;
    for (let round = 0; round < 8; round++) {
      for (const [i, db] of active.entries()) {
        edit(db, round * 2 + i);
        const s = await syncFolder(db, person(db), dir, undefined, { checkpointAfter: 6 });
        if (s.checkpoint) checkpoints++;
      }
    }
    expect(checkpoints).toBeGreaterThan(0);
    const held = files().length;
    expect(held).toBeLessThan(8 * 2);
    // Carol comes back: the checkpoint and the few newer bundles are all she needs.
    const back = await syncFolder(carol, person(carol), dir);
    expect(back.refused).toEqual([]);
    expect(back.gaps).toEqual([]);
    for (const db of [...active, carol]) await syncFolder(db, person(db), dir);
    expect(dumpTables(carol)).toBe(dumpTables(alice));
    expect(JSON.stringify(openConflicts(carol))).toBe(JSON.stringify(openConflicts(alice)));
    expect(folderBytes()).toBeGreaterThan(0);
  });

  it('reads each file of the folder once: a second scan opens none of them', async () => {
    t = team();
    const { alice, bob } = t;
    for (let i = 0; i < 5; i++) {
      edit(bob, i);
      await syncFolder(bob, person(bob), dir, undefined, { prune: false });
    }
    await syncFolder(alice, person(alice), dir);
    const cached = alice.prepare('SELECT name, done FROM sync_files ORDER BY name').all() as { name: string; done: number }[];
    expect(cached.length).toBe(files().length);
    expect(cached.filter((f) => !f.name.startsWith(replicaId(alice))).every((f) => f.done === 1)).toBe(true);
    const s = await syncFolder(alice, person(alice), dir);
    expect([s.imported, s.skipped, s.changesIn]).toEqual([0, 0, 0]);
    expect(scanFolder(alice, dir).every((f) => f.header !== null)).toBe(true);
  });
});
