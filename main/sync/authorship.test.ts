import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/connection.js';
import { getLocal } from '../../db/connection.js';
import { replicaId, runAction } from '../../db/changes.js';
import { getMember } from '../../db/repositories/sync.js';
import { buildBundle, commitBundle, importBundle } from './bundles.js';
import { syncFolder } from './folder.js';
import { newKeyPair } from './format.js';
import { KEY_SETTING } from './segments.js';
import { contentHash, forge, team, type Team } from './test-forge.js';

let t: Team | undefined;
const dirs: string[] = [];
afterEach(() => {
  t?.close();
  t = undefined;
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

const send = (from: Database) => {
  const b = buildBundle(from, 'test')!;
  commitBundle(from, b);
  return b;
};
const title = (db: Database, id = 'm-1') => (db.prepare('SELECT title FROM measures WHERE id = ?').get(id) as { title: string }).title;

/** Imports `bytes` into `db`: it must change nothing a person or the app reads, and say why. */
function expectNoEffect(db: Database, bytes: Buffer, reason: RegExp, name = 'x.stbundle') {
  const before = contentHash(db);
  const o = importBundle(db, bytes, name);
  const said = [o.reason ?? '', ...o.refusedChanges.map((r) => `${r.from}: ${r.reason}`), ...o.waiting].join(' | ');
  expect(said).toMatch(reason);
  expect(o.changes).toBe(0);
  expect(contentHash(db)).toBe(before);
  return o;
}

describe('only administrators change the member registry, on every copy', () => {
  it('a member adding "Mallory" with a key they made is refused, and Mallory’s bundles are never applied', () => {
    t = team();
    const { alice, bob, carol } = t;
    const mallory = newKeyPair();
    const malloryId = '0a11ce00-0000-4000-8000-00000000beef';
    runAction(bob, { actor: 'p-bob', label: 'Add Mallory', undoable: false }, (w) =>
      w.insert('sync_members', { name: 'Mallory', public_key: mallory.publicKey, joined_vector: '{}', person_id: null, role: 'member', status: 'active' }, malloryId),
    );
    const b = send(bob);
    for (const db of [alice, carol]) {
      const before = contentHash(db);
      const o = importBundle(db, b.bytes, b.fileName);
      expect(o.refusedChanges.map((r) => r.reason)).toEqual(['changes the member registry, which only an administrator may do']);
      expect(o.refusedChanges[0]!.from).toBe('Bob Stone');
      expect(contentHash(db)).toBe(before);
      expect(getMember(db, malloryId)).toBeNull();
    }
    // A bundle signed with Mallory's own key: kept aside (an unknown copy), never applied.
    const forged = forge(bob, [{ tbl: 'measures', rowId: 'm-1', col: 'title', value: 'Mallory was here', actor: 'p-bob' }], { writer: malloryId, origin: malloryId, key: mallory.privateKey });
    for (const db of [alice, carol]) {
      const o = expectNoEffect(db, forged, /registration of the copy 0a11ce00/);
      expect(o.status).toBe('pending');
    }
    expect(title(alice)).toBe('Measure 1');
  });

  it("replacing the owner's key is refused; bundles signed as the owner with another key are refused; the owner's genuine bundles still count", () => {
    t = team();
    const { alice, bob, carol } = t;
    const fake = newKeyPair();
    const aliceId = replicaId(alice);
    runAction(bob, { actor: 'p-bob', label: 'Replace key', undoable: false }, (w) => w.update('sync_members', aliceId, { public_key: fake.publicKey }));
    const b = send(bob);
    const o = importBundle(carol, b.bytes, b.fileName);
    expect(o.refusedChanges.map((r) => r.reason)).toEqual(['changes the member registry, which only an administrator may do']);
    expect(getMember(carol, aliceId)!.publicKey).toBe(getMember(alice, aliceId)!.publicKey);
    // Bob signs a bundle as Alice with the key he tried to plant.
    const asAlice = forge(bob, [{ tbl: 'measures', rowId: 'm-1', col: 'title', value: 'Signed as Alice', actor: 'p-alice' }], { writer: aliceId, origin: aliceId, key: fake.privateKey });
    expectNoEffect(carol, asAlice, /signature does not match Alice Admin's key/);
    // Alice's real bundle still goes through.
    runAction(alice, { actor: 'p-alice', label: 'edit' }, (w) => w.update('measures', 'm-1', { title: 'Genuine Alice' }));
    expect(importBundle(carol, send(alice).bytes, 'a.stbundle').status).toBe('imported');
    expect(title(carol)).toBe('Genuine Alice');
  });

  it("a member marking another member removed is refused; that member's bundles still count", () => {
    t = team();
    const { alice, bob, carol } = t;
    const carolId = replicaId(carol);
    importBundle(bob, send(alice).bytes, 'a0.stbundle'); // Bob learns of Carol's copy
    runAction(bob, { actor: 'p-bob', label: 'Remove Carol', undoable: false }, (w) => w.update('sync_members', carolId, { status: 'retired', deleted: 1 }));
    const before = contentHash(alice);
    const o = importBundle(alice, send(bob).bytes, 'b.stbundle');
    expect(o.refusedChanges.map((r) => r.reason)).toEqual(['changes the member registry, which only an administrator may do']);
    expect(contentHash(alice)).toBe(before);
    runAction(carol, { actor: 'p-carol', label: 'edit' }, (w) => w.update('measures', 'm-2', { title: 'Carol still counts' }));
    expect(importBundle(alice, send(carol).bytes, 'c.stbundle').status).toBe('imported');
    expect(title(alice, 'm-2')).toBe('Carol still counts');
  });
});

describe('every imported change is proven to come from the copy and the person it names', () => {
  it('changes signed by Bob that name another copy, another person, or the importing copy itself are refused', () => {
    t = team();
    const { alice, bob, carol } = t;
    importBundle(alice, send(bob).bytes, 'b0.stbundle');
    const change = { tbl: 'measures', rowId: 'm-1', col: 'title', value: 'Forged' };
    // A segment said to be Carol's, signed by Bob.
    expectNoEffect(alice, forge(bob, [{ ...change, actor: 'p-carol' }], { origin: replicaId(carol) }), /said to be Carol Diaz's whose signature does not match Carol Diaz's key/);
    // Bob's own segment, naming Aisha Khan as the author.
    expectNoEffect(alice, forge(bob, [{ ...change, actor: 'p-aisha' }]), /names Aisha Khan as its author, but it was signed by Bob Stone's copy/);
    // … or as the one who typed it for Carol.
    expectNoEffect(alice, forge(bob, [{ ...change, actor: 'p-carol', enteredBy: 'p-aisha' }]), /names Aisha Khan as its author/);
    // A segment stamped with the importing copy's own id.
    expectNoEffect(alice, forge(bob, [{ ...change, actor: 'p-alice' }], { origin: replicaId(alice) }), /stamped as this copy's own/);
    // The same line entered by Bob for Carol is his to make, and shows as such.
    const ok = importBundle(alice, forge(bob, [{ ...change, value: 'Entered by Bob for Carol', actor: 'p-carol', enteredBy: 'p-bob' }]), 'ok.stbundle');
    expect(ok.refusedChanges).toEqual([]);
    expect(alice.prepare("SELECT actor, entered_by AS e FROM change_log WHERE tbl = 'measures' AND col = 'title' ORDER BY seq DESC LIMIT 1").get()).toEqual({ actor: 'p-carol', e: 'p-bob' });
  });

  it('bundles renamed to this copy’s name or to an already imported bundle’s name are refused and named in the summary', async () => {
    t = team();
    const { alice, bob } = t;
    const dir = mkdtempSync(join(tmpdir(), 'steerco-rename-'));
    dirs.push(dir);
    runAction(bob, { actor: 'p-bob', label: 'edit' }, (w) => w.update('measures', 'm-1', { title: 'One' }));
    await syncFolder(bob, 'p-bob', dir);
    const first = await syncFolder(alice, 'p-alice', dir);
    expect(first.refused).toEqual([]);
    expect(title(alice)).toBe('One');
    // Bob's next bundle, renamed to look like Alice's own, and another one with the name of Bob's first.
    runAction(bob, { actor: 'p-bob', label: 'edit' }, (w) => w.update('measures', 'm-1', { title: 'Two' }));
    const two = send(bob);
    const asAlice = `${replicaId(alice)}.000099.stbundle`;
    writeFileSync(join(dir, asAlice), two.bytes);
    runAction(bob, { actor: 'p-bob', label: 'edit' }, (w) => w.update('measures', 'm-2', { title: 'Three' }));
    const three = send(bob);
    const bobFirst = readdirSync(dir).find((f) => f.startsWith(replicaId(bob)))!;
    writeFileSync(join(dir, `${bobFirst}.new`), three.bytes);
    renameSync(join(dir, `${bobFirst}.new`), join(dir, bobFirst));
    const before = contentHash(alice);
    const s = await syncFolder(alice, 'p-alice', dir);
    expect(s.refused.map((r) => r.file).sort()).toEqual([asAlice, bobFirst].sort());
    expect(s.refused.find((r) => r.file === asAlice)!.reason).toMatch(/named as this copy's own bundle #99 but holds Bob Stone's bundle #\d+: it was renamed/);
    expect(s.refused.find((r) => r.file === bobFirst)!.reason).toMatch(/named as Bob Stone's bundle #1 but holds Bob Stone's bundle #\d+: it was renamed/);
    expect(s.changesIn).toBe(0);
    expect(contentHash(alice)).toBe(before);
    // Named again on the next sync, while they stay in the folder.
    expect((await syncFolder(alice, 'p-alice', dir)).refused).toHaveLength(2);
    expect(getLocal(alice, KEY_SETTING)).toBeTruthy();
  });
});
