import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/connection.js';
import type { BuiltBundle } from './bundles.js';
import { openConflicts, resolveConflict } from './conflicts.js';
import { dumpTables, edit, receive, replicas, send, who } from './test-replicas.js';
import { nowIso } from '../../db/clock.js';

const MEASURES = ['m-1', 'm-2', 'm-3', 'm-4'];
const TABLES = ['nodes', 'measures', 'effect_lines', 'raid_items', 'sync_members'];

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
  for (const o of ops) {
    if (o.t === 'send') {
      const b = send(dbs[o.from]!);
      if (!b) continue;
      outbox.push(b);
      for (const to of o.to) if (to !== o.from) receive(dbs[to]!, b);
      // Duplicates and replays: an old bundle delivered again, anywhere.
      if (o.dup && outbox.length > 1) for (const d of dbs) receive(d, outbox[(o.to.length * 7) % outbox.length]!);
      continue;
    }
    const db = dbs[o.r]!;
    if (o.t === 'resolve') {
      const c = openConflicts(db)[0];
      if (c) resolveConflict(db, who(db), c.id, c.kind === 'delete' ? { restore: true } : { value: c.others[0]!.value });
      continue;
    }
    edit(db, (w) => {
      if (o.t === 'title') w.update('measures', o.m, { title: o.v }, { updated_at: nowIso() });
      else if (o.t === 'status') w.update('measures', o.m, { implementation_status: o.v });
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
