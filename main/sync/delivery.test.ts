import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/connection.js';
import { advanceClock } from '../../db/clock.js';
import { replicaId, runAction } from '../../db/changes.js';
import { buildBundle, commitBundle, importBundle, writeBundle, type BuiltBundle } from './bundles.js';
import { presentSegments, scanFolder } from './folder-index.js';
import { openConflicts } from './conflicts.js';
import { exportToFolder, syncFolder } from './folder.js';
import { memberCopyInMemory, retireMember } from './identity.js';
import { dumpTables } from './test-replicas.js';
import { team, type Team } from './test-forge.js';

let t: Team | undefined;
const extra: Database[] = [];
const dirs: string[] = [];
afterEach(() => {
  t?.close();
  t = undefined;
  while (extra.length) extra.pop()!.close();
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

const send = (from: Database): BuiltBundle => {
  const b = buildBundle(from, 'test')!;
  commitBundle(from, b);
  return b;
};
const title = (db: Database, id: string) => (db.prepare('SELECT title FROM measures WHERE id = ?').get(id) as { title: string }).title;
const as = (db: Database, person: string, fn: Parameters<typeof runAction>[2]) => runAction(db, { actor: person, label: 'edit' }, fn);

describe('any order of delivery converges without delivering anything twice', () => {
  it("a bundle of a member this copy does not know yet is kept, and applied as soon as the member's registration arrives", async () => {
    t = team();
    const { alice, bob } = t;
    // Dan joins after Bob's copy was made: Bob has never heard of him.
    runAction(alice, { actor: 'p-alice', label: 'Dan', undoable: false }, (w) => w.insert('people', { name: 'Dan Berg' }, 'p-dan'));
    const dan = memberCopyInMemory(alice, 'p-alice', { id: 'p-dan' });
    extra.push(dan);
    as(dan, 'p-dan', (w) => w.update('measures', 'm-3', { title: 'Dan was here' }));
    const fromDan = send(dan);
    const kept = importBundle(bob, fromDan.bytes, fromDan.fileName);
    expect(kept.waiting.join(' ')).toMatch(/registration of the copy/);
    expect(title(bob, 'm-3')).toBe('Measure 3');
    // The registration comes with Alice's bundle; Dan's is not delivered again.
    const o = importBundle(bob, send(alice).bytes, 'alice.stbundle');
    expect(o.status).toBe('imported');
    expect(title(bob, 'm-3')).toBe('Dan was here');
    expect(bob.prepare('SELECT count(*) AS n FROM sync_pending').get()).toEqual({ n: 0 });
  });

  it('the folder summary says what a kept bundle waits for; it is applied on a later sync without being written again', async () => {
    t = team();
    const { alice, bob, carol } = t;
    const share = mkdtempSync(join(tmpdir(), 'steerco-order-'));
    const usb = mkdtempSync(join(tmpdir(), 'steerco-usb-'));
    dirs.push(share, usb);
    importBundle(bob, send(alice).bytes, 'alice.stbundle'); // Bob knows Carol's copy
    // Carol edits twice; her first bundle goes to a USB stick, her second to the share —
    // as if the share had held the first and lost it.
    as(carol, 'p-carol', (w) => w.update('measures', 'm-1', { title: 'Carol one' }));
    exportToFolder(carol, 'p-carol', usb);
    as(carol, 'p-carol', (w) => w.update('measures', 'm-2', { title: 'Carol two' }));
    writeBundle(carol, buildBundle(carol, 'p-carol', { present: presentSegments(scanFolder(carol, usb)) })!, share);
    const first = await syncFolder(bob, 'p-bob', share);
    expect(first.gaps.join(' ')).toMatch(/kept until it can be applied: it waits for Carol Diaz's earlier changes/);
    expect(title(bob, 'm-2')).toBe('Measure 2');
    // The USB stick arrives: both of Carol's changes land.
    await syncFolder(bob, 'p-bob', usb);
    expect([title(bob, 'm-1'), title(bob, 'm-2')]).toEqual(['Carol one', 'Carol two']);
    expect((await syncFolder(bob, 'p-bob', share)).gaps).toEqual([]);
  });

  it('segments relayed by another copy keep their origin’s signature: Carol’s changes reach Alice through Bob alone', () => {
    t = team();
    const { alice, bob, carol } = t;
    importBundle(bob, send(alice).bytes, 'a.stbundle'); // Bob learns of Carol
    as(carol, 'p-carol', (w) => w.update('measures', 'm-1', { title: 'From Carol via Bob' }));
    importBundle(bob, send(carol).bytes, 'c.stbundle');
    const relay = send(bob);
    expect(relay.header.segments.map((s) => s.origin)).toContain(replicaId(carol));
    const o = importBundle(alice, relay.bytes, relay.fileName);
    expect(o.refusedChanges).toEqual([]);
    expect(title(alice, 'm-1')).toBe('From Carol via Bob');
    expect(alice.prepare("SELECT replica, actor FROM change_log WHERE tbl = 'measures' AND col = 'title' ORDER BY seq DESC LIMIT 1").get()).toEqual({ replica: replicaId(carol), actor: 'p-carol' });
  });
});

describe('a delete against an edit its copy had not seen is a conflict, in both orders', () => {
  for (const editFirst of [true, false]) {
    it(`the edit made ${editFirst ? 'before' : 'after'} the delete by the clock`, () => {
      t = team();
      const { alice, bob } = t;
      if (editFirst) {
        as(bob, 'p-bob', (w) => w.update('measures', 'm-2', { title: 'Still needed' }));
        advanceClock(5);
        as(alice, 'p-alice', (w) => w.remove('measures', 'm-2'));
      } else {
        as(alice, 'p-alice', (w) => w.remove('measures', 'm-2'));
        advanceClock(5);
        as(bob, 'p-bob', (w) => w.update('measures', 'm-2', { title: 'Still needed' }));
      }
      const fromAlice = send(alice);
      const fromBob = send(bob);
      importBundle(bob, fromAlice.bytes, fromAlice.fileName);
      importBundle(alice, fromBob.bytes, fromBob.fileName);
      for (const db of [alice, bob]) {
        const c = openConflicts(db);
        expect(c.map((x) => [x.kind, x.others.map((o) => o.value)])).toEqual([['delete', ['Still needed']]]);
      }
      expect(dumpTables(alice)).toBe(dumpTables(bob));
    });
  }

  it('a delete made after seeing the edit is no conflict', () => {
    t = team();
    const { alice, bob } = t;
    as(bob, 'p-bob', (w) => w.update('measures', 'm-2', { title: 'Edited' }));
    importBundle(alice, send(bob).bytes, 'b.stbundle');
    as(alice, 'p-alice', (w) => w.remove('measures', 'm-2'));
    importBundle(bob, send(alice).bytes, 'a.stbundle');
    expect(openConflicts(alice)).toEqual([]);
    expect(openConflicts(bob)).toEqual([]);
  });
});

describe('a retired copy', () => {
  it("its work from before the retirement is kept wherever it arrives; what it makes after is refused, and taken back by a copy that had it first", () => {
    t = team();
    const { alice, bob, carol } = t;
    importBundle(bob, send(alice).bytes, 'a0.stbundle');
    as(carol, 'p-carol', (w) => w.update('measures', 'm-1', { title: 'Carol before' }));
    const before = send(carol);
    advanceClock(5);
    retireMember(alice, 'p-alice', replicaId(carol), 'Lost laptop');
    advanceClock(5);
    as(carol, 'p-carol', (w) => w.update('measures', 'm-2', { title: 'Carol after' }));
    const after = send(carol);
    // Bob takes both before hearing of the retirement…
    importBundle(bob, before.bytes, before.fileName);
    importBundle(bob, after.bytes, after.fileName);
    expect(title(bob, 'm-2')).toBe('Carol after');
    // …then hears of it: the later work goes, the earlier stays. Alice, who retired her first, agrees.
    importBundle(bob, send(alice).bytes, 'a1.stbundle');
    const o = importBundle(alice, after.bytes, after.fileName);
    expect(o.refusedChanges.map((r) => r.reason)).toEqual(["Carol Diaz's copy was retired; what it made after that is not taken"]);
    for (const db of [alice, bob]) expect([title(db, 'm-1'), title(db, 'm-2')]).toEqual(['Carol before', 'Measure 2']);
    expect(dumpTables(alice)).toBe(dumpTables(bob));
  });
});
