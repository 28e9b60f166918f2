import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/connection.js';
import type { BuiltBundle } from './bundles.js';
import { openConflicts, resolveConflict } from './conflicts.js';
import { dumpTables, edit, receive, replicas, seededWorkspace, send, who } from './test-replicas.js';
import { replicaId, runAction } from '../../db/changes.js';
import { getMember } from '../../db/repositories/sync.js';
import { newKeyPair } from './format.js';
import { ensureIdentity, memberCopyInMemory } from './identity.js';
import { nowIso } from '../../db/clock.js';
import { setOverride } from '../../db/repositories/value.js';

const MEASURES = ['m-1', 'm-2', 'm-3', 'm-4'];
const TABLES = ['nodes', 'measures', 'effect_lines', 'status_overrides', 'raid_items', 'sync_members'];

type Op =
  | { t: 'title'; r: number; m: string; v: string }
  | { t: 'status'; r: number; m: string; v: 'green' | 'amber' | 'red' }
  | { t: 'delete'; r: number; m: string }
  | { t: 'move'; r: number; m: string; node: string }
  | { t: 'moveNode'; r: number; node: string; parent: string }
  | { t: 'effect'; r: number; m: string; id: string; target: number }
  | { t: 'raid'; r: number; id: string }
  | { t: 'send'; from: number; to: number[]; dup: boolean }
  | { t: 'resolve'; r: number };

const op = (n: number): fc.Arbitrary<Op> => {
  const r = fc.integer({ min: 0, max: n - 1 });
  const m = fc.constantFrom(...MEASURES);
  return fc.oneof(
    fc.record({ t: fc.constant('title' as const), r, m, v: fc.constantFrom('alpha', 'beta', 'gamma') }),
    fc.record({ t: fc.constant('status' as const), r, m, v: fc.constantFrom('green' as const, 'amber' as const, 'red' as const) }),
    fc.record({ t: fc.constant('delete' as const), r, m }),
    fc.record({ t: fc.constant('move' as const), r, m, node: fc.constantFrom('n-p1', 'n-p2') }),
    fc.record({ t: fc.constant('moveNode' as const), r, node: fc.constantFrom('n-p1', 'n-p2'), parent: fc.constantFrom('n-org', 'n-p1', 'n-p2') }),
    fc.record({ t: fc.constant('effect' as const), r, m, id: fc.uuid(), target: fc.integer({ min: 0, max: 1_000_000 }) }),
    fc.record({ t: fc.constant('raid' as const), r, id: fc.uuid() }),
    fc.record({ t: fc.constant('send' as const), from: r, to: fc.uniqueArray(r, { maxLength: n }), dup: fc.boolean() }),
    fc.record({ t: fc.constant('resolve' as const), r }),
  );
};

function run(dbs: Database[], ops: Op[], outbox: BuiltBundle[]): void {
  runWatched(dbs, ops, () => undefined, outbox);
}

function runWatched(dbs: Database[], ops: Op[], watch: (o: ReturnType<typeof receive>, to: Database) => void, outbox: BuiltBundle[] = []): void {
  for (const o of ops) {
    if (o.t === 'send') {
      const b = send(dbs[o.from]!);
      if (!b) continue;
      outbox.push(b);
      for (const to of o.to) if (to !== o.from) {
        watch(receive(dbs[to]!, b), dbs[to]!);
        knownAsFresh(dbs[to]!);
      }
      // Duplicates and replays: an old bundle delivered again, anywhere.
      if (o.dup && outbox.length > 1) for (const d of dbs) watch(receive(d, outbox[(o.to.length * 7) % outbox.length]!), d);
      continue;
    }
    const db = dbs[o.r]!;
    knownAsFresh(db);
    if (o.t === 'resolve') {
      const c = openConflicts(db)[0];
      if (c) resolveConflict(db, who(db), c.id, c.kind === 'delete' ? { restore: true } : { value: c.others[0]!.value });
      continue;
    }
    edit(db, (w) => {
      if (o.t === 'title') w.update('measures', o.m, { title: o.v }, { updated_at: nowIso() });
      else if (o.t === 'status') setOverride(w, db, o.m, { kind: 'implementation', status: o.v, reason: 'status report', by: 'tester' });
      else if (o.t === 'delete') w.remove('measures', o.m);
      else if (o.t === 'move') w.update('measures', o.m, { node_id: o.node });
      else if (o.t === 'moveNode') w.update('nodes', o.node, { parent_id: o.parent });
      else if (o.t === 'effect') w.insert('effect_lines', { measure_id: o.m, type: 'recurring_benefit', target: o.target }, o.id);
      else {
        const n = (db.prepare('SELECT count(*) AS n FROM raid_items').get() as { n: number }).n;
        w.insert('raid_items', { code: `R-${String(n + 1).padStart(3, '0')}`, kind: 'risk', title: 'Risk', measure_id: 'm-1' }, o.id);
      }
    });
  }
}

/** The conflicts remembered between looks are the ones evaluated from scratch now. */
function knownAsFresh(db: Database): void {
  expect(JSON.stringify(openConflicts(db, { prune: false }))).toBe(JSON.stringify(openConflicts(db, { prune: false, fresh: true })));
}

/** Everyone sends to everyone until nothing new moves. */
function settle(dbs: Database[]): void {
  for (let round = 0; round < 4; round++) {
    for (const x of dbs) {
      const b = send(x);
      for (const y of dbs) if (y !== x) receive(y, b);
    }
  }
}

describe('convergence (property)', () => {
  it('3–5 replicas, random edits, deletes, moves and exchange orders with duplicates end identical, with the same open conflicts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 5 }).chain((n) => fc.tuple(fc.constant(n), fc.array(op(n), { minLength: 5, maxLength: 40 }))),
        ([n, ops]) => {
          const dbs = replicas(n, MEASURES.length);
          try {
            run(dbs, ops, []);
            settle(dbs);
            const first = dumpTables(dbs[0]!, TABLES);
            const conflicts = JSON.stringify(openConflicts(dbs[0]!));
            for (const d of dbs.slice(1)) {
              expect(dumpTables(d, TABLES)).toBe(first);
              expect(JSON.stringify(openConflicts(d))).toBe(conflicts);
            }
            for (const d of dbs) expect(d.pragma('foreign_key_check')).toEqual([]);
          } finally {
            dbs.forEach((d) => d.close());
          }
        },
      ),
      { numRuns: Number(process.env.SYNC_PROPERTY_RUNS ?? 60) },
    );
  }, 900_000);
});

/**
 * The same with an adversarial member: a real member copy signing its bundles with its own
 * real key, that also jumps DI levels, adds members, replaces keys, removes members, writes
 * bad dates, empty titles and javascript: links, confirms what it may not and writes in
 * other people's names. The honest copies must end identical, with the same conflicts,
 * never refuse an honest change, and refuse every one of the adversary's.
 */
type HonestOp = Op | { t: 'sponsor'; r: number; m: string } | { t: 'attest'; r: number; m: string };
type EvilOp = { t: 'evil'; kind: 'jump' | 'mallory' | 'rekey' | 'remove' | 'baddate' | 'notitle' | 'jslink' | 'impersonate' | 'attest'; m: string };

function teamOf(n: number): Database[] {
  const a = seededWorkspace(MEASURES.length);
  runAction(a, { actor: 'seed', label: 'people', undoable: false }, (w) => {
    for (let i = 0; i < n; i++) w.insert('people', { name: `Person ${i}` }, `p-${i}`);
  });
  ensureIdentity(a, 'p-0');
  const list = [a];
  for (let i = 1; i < n; i++) list.push(memberCopyInMemory(a, 'p-0', { id: `p-${i}` }));
  return list;
}

const adversarialOps = (n: number): fc.Arbitrary<HonestOp | EvilOp> => {
  const honest = fc.integer({ min: 0, max: n - 2 });
  const m = fc.constantFrom(...MEASURES);
  return fc.oneof(
    { weight: 6, arbitrary: op(n) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('sponsor' as const), r: honest, m }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('attest' as const), r: honest, m }) },
    {
      weight: 3,
      arbitrary: fc.record({
        t: fc.constant('evil' as const),
        kind: fc.constantFrom('jump' as const, 'mallory' as const, 'rekey' as const, 'remove' as const, 'baddate' as const, 'notitle' as const, 'jslink' as const, 'impersonate' as const, 'attest' as const),
        m,
      }),
    },
  );
};

function evil(dbs: Database[], o: EvilOp): void {
  const bad = dbs[dbs.length - 1]!;
  const me = who(bad);
  runAction(bad, { actor: o.kind === 'impersonate' ? 'p-0' : me, label: 'evil' }, (w) => {
    if (o.kind === 'jump') w.update('measures', o.m, { di_level: 5 });
    else if (o.kind === 'mallory') w.insert('sync_members', { name: 'Mallory', public_key: newKeyPair().publicKey, joined_vector: '{}', person_id: null, role: 'admin', status: 'active' });
    else if (o.kind === 'rekey') w.update('sync_members', replicaId(dbs[0]!), { public_key: newKeyPair().publicKey });
    else if (o.kind === 'remove') w.update('sync_members', replicaId(dbs[1]!), { status: 'retired' });
    else if (o.kind === 'baddate') w.update('measures', o.m, { due_date: 'not-a-date' });
    else if (o.kind === 'notitle') w.update('measures', o.m, { title: '' });
    else if (o.kind === 'impersonate') w.update('measures', o.m, { title: 'EVIL' });
    else if (o.kind === 'jslink') w.insert('gate_evidence', { measure_id: o.m, request_id: null, kind: 'link', name: 'x', url: 'javascript:alert(1)', added_by: me, added_at: nowIso() });
    else w.insert('gate_attestations', { measure_id: o.m, key: 'business_case_validated', person_id: me, note: '', at: nowIso() });
  });
}

describe('convergence with an adversarial member (property)', () => {
  it('honest copies end identical with the same conflicts; the adversary’s changes are refused everywhere; no honest change is refused', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 5 }).chain((n) => fc.tuple(fc.constant(n), fc.array(adversarialOps(n), { minLength: 5, maxLength: 40 }))),
        ([n, ops]) => {
          const dbs = teamOf(n);
          const names = new Set(dbs.slice(0, -1).map((d) => getMember(d, replicaId(d))!.name));
          const refusedHonest: string[] = [];
          const watch = (o: ReturnType<typeof receive>, to: Database) =>
            to !== dbs[dbs.length - 1] && o?.refusedChanges.forEach((r) => names.has(r.from) && refusedHonest.push(`${r.from}: ${r.reason}`));
          try {
            const plain: Op[] = [];
            const flush = () => {
              runWatched(dbs, plain.splice(0), watch);
            };
            for (const o of ops) {
              if (o.t === 'evil') {
                flush();
                evil(dbs, o);
              } else if (o.t === 'sponsor' || o.t === 'attest') {
                flush();
                const db = dbs[o.r]!;
                const me = who(db);
                const m = db.prepare('SELECT owner_id AS o, sponsor_id AS s, controller_id AS c FROM measures WHERE id = ?').get(o.m) as { o: string | null; s: string | null; c: string | null };
                if (o.t === 'sponsor') edit(db, (w) => w.update('measures', o.m, { sponsor_id: me }));
                // Confirms only what the app lets this person confirm on their copy now.
                else if ([m.o, m.s, m.c].includes(me)) edit(db, (w) => w.insert('gate_attestations', { measure_id: o.m, key: 'approval_recommendation', person_id: me, note: '', at: nowIso() }));
              } else plain.push(o);
            }
            flush();
            for (let round = 0; round < 4; round++) {
              for (const x of dbs) {
                const b = send(x);
                for (const y of dbs) if (y !== x) watch(receive(y, b), y);
              }
            }
            expect(refusedHonest).toEqual([]);
            const tables = [...TABLES, 'gate_attestations', 'gate_evidence'];
            const honest = dbs.slice(0, -1);
            const first = dumpTables(honest[0]!, tables);
            const conflicts = JSON.stringify(openConflicts(honest[0]!));
            for (const d of honest.slice(1)) {
              expect(dumpTables(d, tables)).toBe(first);
              expect(JSON.stringify(openConflicts(d))).toBe(conflicts);
            }
            for (const d of honest) {
              const rows = d.prepare("SELECT count(*) AS n FROM measures WHERE di_level > 0 OR title IN ('', 'EVIL') OR due_date = 'not-a-date'").get() as { n: number };
              expect(rows.n).toBe(0);
              expect((d.prepare("SELECT count(*) AS n FROM sync_members WHERE name = 'Mallory' OR status <> 'active'").get() as { n: number }).n).toBe(0);
              expect((d.prepare("SELECT count(*) AS n FROM gate_evidence WHERE url LIKE 'javascript:%'").get() as { n: number }).n).toBe(0);
              expect((d.prepare("SELECT count(*) AS n FROM gate_attestations WHERE key = 'business_case_validated'").get() as { n: number }).n).toBe(0);
              for (const m of dbs) expect(getMember(d, replicaId(m))!.publicKey).toBe(getMember(m, replicaId(m))!.publicKey);
            }
          } finally {
            dbs.forEach((d) => d.close());
          }
        },
      ),
      { numRuns: Number(process.env.SYNC_PROPERTY_RUNS ?? 40) },
    );
  }, 900_000);
});
