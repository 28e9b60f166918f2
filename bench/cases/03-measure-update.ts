/**
 * measure-update: one grid edit — `measures:update` through the API (schema parse,
 * validation, one runAction writing the cell + updated_at through the change log, the
 * re-read the grid shows) on random measures vs a raw `UPDATE measures SET col = ? WHERE
 * id = ?` (autocommit, prepared once) of the same column and value on an identical copy.
 * The two are interleaved op by op; p50 and p95 over ≥ 500 updates.
 *
 * With --profile it also times the handler's steps one by one (the same calls the
 * measures:update handler makes) and the bare SQL one logged edit needs.
 */
import { runAction } from '../../db/changes.js';
import { openWorkspace, type Database } from '../../db/connection.js';
import { getMeasure, getMeasureState, updateMeasureColumns } from '../../db/repositories/measures.js';
import type { Api } from '../../main/api/index.js';
import { validateMeasurePatch } from '../../main/domain/measures.js';
import { contract } from '../../preload/contract.js';
import type { MeasurePatch } from '../../preload/contract/types.js';
import { now, percentile, type BenchCase, type BenchContext, type Measurement } from '../harness.js';
import { Rng, type PlannedMeasure } from '../seed.js';
import { nowIso } from '../../db/clock.js';

const UPDATES = 1000;
const WARMUP = 100;

type Col = 'title' | 'implementation_status' | 'due_date' | 'owner_id';
interface Op {
  id: string;
  patch: MeasurePatch;
  col: Col;
  value: string;
}

const RAG = ['green', 'amber', 'red', 'grey'] as const;

/** Realistic single-cell edits that always change the value and always pass validation. */
function makeOps(measures: PlannedMeasure[], ownerIds: string[], count: number, seed: number): Op[] {
  const rng = new Rng(seed, 'bench-updates');
  const state = new Map<string, { title: string; status: string; due: string | null; owner: string }>();
  const ops: Op[] = [];
  for (let i = 0; i < count; i++) {
    const m = rng.pick(measures);
    // Statuses start derived: grey (the bench workspace has no milestones or value lines).
    const s = state.get(m.id) ?? { title: m.title, status: 'grey', due: m.due_date, owner: m.owner_id };
    state.set(m.id, s);
    const kind = rng.weighted<Col>([['title', 50], ['implementation_status', 20], ['due_date', 15], ['owner_id', 15]]);
    if (kind === 'title') {
      s.title = `${m.title} (rev ${i})`;
      ops.push({ id: m.id, patch: { title: s.title }, col: kind, value: s.title });
    } else if (kind === 'implementation_status') {
      s.status = rng.pick(RAG.filter((r) => r !== s.status));
      ops.push({ id: m.id, patch: { implementationStatus: s.status }, col: kind, value: s.status });
    } else if (kind === 'due_date') {
      let due: string;
      do due = new Date(Date.parse(m.start_date) + rng.int(1, 600) * 86_400_000).toISOString().slice(0, 10);
      while (due === s.due);
      s.due = due;
      ops.push({ id: m.id, patch: { dueDate: due }, col: kind, value: due });
    } else {
      s.owner = rng.pick(ownerIds.filter((o) => o !== s.owner));
      ops.push({ id: m.id, patch: { owner: s.owner }, col: kind, value: s.owner });
    }
  }
  return ops;
}

/** p50 of each step of the measures:update handler, called the way the handler calls them. */
function handlerSteps(api: Api, ids: string[], count: number): Record<string, number> {
  const s = api.session;
  const db = s.db();
  const t: Record<string, number[]> = {};
  const step = <X>(k: string, f: () => X): X => {
    const t0 = now();
    const x = f();
    (t[k] ??= []).push(now() - t0);
    return x;
  };
  for (let i = 0; i < count; i++) {
    const id = ids[(i * 7919) % ids.length]!;
    step('total', () => {
      const input = step('parse', () => contract['measures:update'].input.parse({ id, patch: { title: `Profiled edit ${i}` } }));
      const current = step('read', () => getMeasureState(db, id)!);
      // A title names no person, so the handler reads no people (an owner edit reads the one named).
      const { columns } = step('validate', () => validateMeasurePatch(current, input.patch, []));
      const actor = step('actor', () => s.actor());
      step('write+commit', () => runAction(db, { actor, label: `Edit ${current.code} title` }, (w) => updateMeasureColumns(w, id, columns)));
      step('reread', () => getMeasure(db, id));
    });
  }
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, percentile(v.slice(50), 50)]));
}

/** The SQL one logged edit of one cell needs (cell + updated_at, row key, heads read from the log, log, undo entry), no JS layers. */
function sqlFloor(db: Database, ids: string[], count: number): number {
  const sel = db.prepare('SELECT title, updated_at FROM measures WHERE id = ?');
  const upd = db.prepare('UPDATE measures SET title = ?, updated_at = ? WHERE id = ?');
  const rowKey = db.prepare('SELECT id FROM change_rows WHERE tbl = ? AND row_id = ?').pluck();
  const headGet = db.prepare(
    'SELECT hlc, max(replica) AS replica FROM change_log WHERE row_key = ? AND col = ? AND hlc = (SELECT max(hlc) FROM change_log WHERE row_key = ? AND col = ?)',
  );
  const log = db.prepare(
    'INSERT INTO change_log (hlc, replica, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, tx, row_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const undo = db.prepare("INSERT INTO undo_entries (tx, label, actor, state, at, first_seq, last_seq) VALUES (?, ?, ?, 'done', ?, ?, ?)");
  const base = String(now() + 86_400_000).padStart(15, '0');
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = ids[(i * 104_729) % ids.length]!;
    const tx = `floor-${i}`;
    const t0 = now();
    db.exec('BEGIN');
    const cur = sel.get(id) as { title: string; updated_at: string };
    const at = nowIso();
    upd.run(`Floor edit ${i}`, at, id);
    const key = rowKey.get('measures', id) as number;
    const seqs: number[] = [];
    for (const [k, col, v, old] of [[0, 'title', `Floor edit ${i}`, cur.title], [1, 'updated_at', at, cur.updated_at]] as const) {
      const hlc = `${base}.${String(2 * i + k).padStart(6, '0')}`;
      const head = headGet.get(key, col, key, col) as { hlc: string | null; replica: string | null };
      seqs.push(Number(log.run(hlc, 'floor', 'measures', id, col, JSON.stringify(v), JSON.stringify(old), head.hlc, head.replica, 'bench', tx, key).lastInsertRowid));
    }
    undo.run(tx, 'floor', 'bench', at, seqs[0], seqs[1]);
    db.exec('COMMIT');
    times.push(now() - t0);
  }
  return percentile(times.slice(50), 50);
}

const measureUpdate: BenchCase = {
  name: 'measure-update',
  description: 'single measures:update p50 (API, change log, re-read) vs raw UPDATE … WHERE id = ?',
  target: { ratio: 5, appMs: 1 },
  async run(ctx: BenchContext): Promise<Measurement> {
    const plan = ctx.plan();
    const ops = makeOps(plan.measures, plan.people.map((p) => p.id), WARMUP + UPDATES, ctx.options.seed);
    const api = ctx.api();
    await api.call('workspace:open', { path: ctx.seededCopy() });
    const rawDb = openWorkspace(ctx.seededCopy());
    try {
      const rawStmts = new Map(
        (['title', 'implementation_status', 'due_date', 'owner_id'] as const).map((c) => [c, rawDb.prepare(`UPDATE measures SET ${c} = ? WHERE id = ?`)]),
      );
      const apps: number[] = [];
      const raws: number[] = [];
      for (let i = 0; i < ops.length; i++) {
        const op = ops[i]!;
        let t0 = now();
        // A status is set by hand, with its reason (the API refuses one without).
        const m = await api.call('measures:update', { id: op.id, patch: op.patch, ...(op.col === 'implementation_status' ? { reason: 'Bench status report' } : {}) });
        const app = now() - t0;
        t0 = now();
        const r = rawStmts.get(op.col)!.run(op.value, op.id);
        const raw = now() - t0;
        if (r.changes !== 1 || m.id !== op.id) throw new Error(`update ${i} did not apply`);
        if (i >= WARMUP) {
          apps.push(app);
          raws.push(raw);
        }
      }
      const changes = (api.session.db().prepare("SELECT count(*) AS n FROM change_log WHERE actor <> 'system'").get() as { n: number }).n;
      // At least the edited cell and updated_at per update; a status edit also records its override.
      if (changes < 2 * ops.length) throw new Error(`expected at least ${2 * ops.length} change rows, found ${changes}`);
      const notes: string[] = [];
      const profile: Record<string, number> = {};
      if (ctx.options.profile) {
        ctx.log('profiling: handler steps and the bare SQL of one logged edit');
        const ids = plan.measures.map((m) => m.id);
        const steps = handlerSteps(api, ids, 550);
        const floor = sqlFloor(rawDb, ids, 550);
        const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
        notes.push(`handler steps (p50): ${Object.entries(steps).map(([k, v]) => `${k} ${us(v)}`).join(', ')}`);
        notes.push(`bare SQL of one logged edit (read, UPDATE, row key, 2 × head+log, undo entry, COMMIT) p50: ${us(floor)}`);
        for (const [k, v] of Object.entries(steps)) profile[`step[${k}]Ms`] = v;
        profile.sqlFloorMs = floor;
      }
      return {
        notes,
        appMs: percentile(apps, 50),
        rawMs: percentile(raws, 50),
        stat: `p50 of ${UPDATES} interleaved updates (after ${WARMUP} warm-up)`,
        extra: {
          updates: UPDATES,
          appP95Ms: percentile(apps, 95),
          rawP95Ms: percentile(raws, 95),
          appP99Ms: percentile(apps, 99),
          appMaxMs: Math.max(...apps),
          ...profile,
        },
      };
    } finally {
      rawDb.close();
    }
  },
};

export default measureUpdate;
