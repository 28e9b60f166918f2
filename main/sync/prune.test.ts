import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/connection.js';
import { setOverride } from '../../db/repositories/value.js';
import { replicaId, runAction } from '../../db/changes.js';
import { advanceClock, now, resetClock, setClock } from '../../db/clock.js';
import { openConflicts, type OpenConflict } from './conflicts.js';
import { syncFolder } from './folder.js';
import { ensureIdentity, memberCopyInMemory, retireMember } from './identity.js';
import { dumpTables, seededWorkspace } from './test-replicas.js';

const MEASURES = ['m-1', 'm-2', 'm-3'];
const TABLES = ['nodes', 'measures', 'effect_lines', 'status_overrides', 'raid_items'];

type Op =
  | { t: 'title'; r: number; m: string; v: string }
  | { t: 'status'; r: number; m: string; v: 'green' | 'amber' | 'red' }
  | { t: 'delete'; r: number; m: string }
  | { t: 'effect'; r: number; m: string; id: string }
  | { t: 'sync'; r: number }
  | { t: 'silence' }
  | { t: 'retire' };

const ops = (n: number): fc.Arbitrary<Op[]> => {
  const r = fc.integer({ min: 0, max: n - 1 });
  const m = fc.constantFrom(...MEASURES);
  return fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.record({ t: fc.constant('title' as const), r, m, v: fc.constantFrom('alpha', 'beta', 'gamma') }) },
      { weight: 2, arbitrary: fc.record({ t: fc.constant('status' as const), r, m, v: fc.constantFrom('green' as const, 'amber' as const, 'red' as const) }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant('delete' as const), r, m }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant('effect' as const), r, m, id: fc.uuid() }) },
      { weight: 5, arbitrary: fc.record({ t: fc.constant('sync' as const), r }) },
      { weight: 1, arbitrary: fc.constant({ t: 'silence' as const }) },
      { weight: 1, arbitrary: fc.constant({ t: 'retire' as const }) },
    ),
    { minLength: 10, maxLength: 50 },
  );
};

function teamOf(n: number): Database[] {
  const a = seededWorkspace(MEASURES.length);
  runAction(a, { actor: 'seed', label: 'people', undoable: false }, (w) => {
    for (let i = 0; i < n; i++) w.insert('people', { name: `Person ${i}` }, `p-${i}`);
  });
  ensureIdentity(a, 'p-0');
  return [a, ...Array.from({ length: n - 1 }, (_, i) => memberCopyInMemory(a, 'p-0', { id: `p-${i + 1}` }))];
}

/** What a conflict is about, without clock stamps or copy ids (which differ between two runs). */
const shape = (cs: OpenConflict[]) => JSON.stringify(cs.map((c) => [c.id, c.current.value, c.others.map((o) => [o.col, o.value])]));

/**
 * Runs the same story through one shared folder; the last copy goes silent at `silence` and
 * is retired by the administrator (copy 0) at `retire`. Returns each copy that is still
 * active: its tables and its conflicts.
 */
async function story(n: number, list: Op[], prune: boolean, start: number): Promise<{ dumps: string[]; conflicts: string[] }> {
  // Both runs live the same timeline (a stopped clock moved by hand), so their edits carry the same stamps.
  setClock(start);
  const dir = mkdtempSync(join(tmpdir(), 'steerco-prune-prop-'));
  const dbs = teamOf(n);
  const opts = prune ? { prune: true, checkpointAfter: 4 } : { prune: false, checkpointAfter: 0 };
  const silent = n - 1;
  let silenced = false;
  let retired = false;
  try {
    for (const o of list) {
      advanceClock(3);
      if (o.t === 'silence') silenced = true;
      else if (o.t === 'retire') {
        if (silenced && !retired) retireMember(dbs[0]!, 'p-0', replicaId(dbs[silent]!), 'Left');
        retired ||= silenced;
      } else if (o.t === 'sync') {
        if (!(silenced && o.r === silent)) await syncFolder(dbs[o.r]!, `p-${o.r}`, dir, undefined, opts);
      } else {
        const db = dbs[o.r]!;
        runAction(db, { actor: `p-${o.r}`, label: 'edit' }, (w) => {
          if (o.t === 'title') w.update('measures', o.m, { title: o.v });
          else if (o.t === 'status') setOverride(w, db, o.m, { kind: 'implementation', status: o.v, reason: 'status report', by: `p-${o.r}` });
          else if (o.t === 'delete') w.remove('measures', o.m);
          else w.insert('effect_lines', { measure_id: o.m, type: 'recurring_benefit', target: 1000 }, o.id);
        });
      }
    }
    const active = dbs.filter((_, i) => !(silenced && i === silent));
    for (let round = 0; round < 4; round++) {
      for (const db of active) {
        advanceClock(3);
        await syncFolder(db, `p-${dbs.indexOf(db)}`, dir, undefined, opts);
      }
    }
    return { dumps: active.map((d) => dumpTables(d, TABLES)), conflicts: active.map((d) => shape(openConflicts(d))) };
  } finally {
    dbs.forEach((d) => d.close());
    rmSync(dir, { recursive: true, force: true });
    resetClock();
  }
}

describe('pruning and checkpoints change nothing but the folder (property)', () => {
  it('3–5 copies through one folder, one going silent and retired: the same state and the same conflicts with and without pruning', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 5 }).chain((n) => fc.tuple(fc.constant(n), ops(n))),
        async ([n, list]) => {
          const start = Math.floor(now() / 1000) * 1000;
          const pruned = await story(n, list, true, start);
          const kept = await story(n, list, false, start);
          for (const d of pruned.dumps) expect(d).toBe(pruned.dumps[0]);
          for (const c of pruned.conflicts) expect(c).toBe(pruned.conflicts[0]);
          expect(pruned.dumps).toEqual(kept.dumps);
          expect(pruned.conflicts).toEqual(kept.conflicts);
        },
      ),
      { numRuns: Number(process.env.SYNC_PROPERTY_RUNS ?? 40) / 2 },
    );
  }, 900_000);
});
