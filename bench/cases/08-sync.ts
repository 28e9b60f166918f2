/**
 * sync-100k: export + import of a bundle of 100k changes (5,000 new measures × 20 logged
 * cells) — seal the copy's segment, sign, write (temp + rename), then on a member copy read,
 * verify the writer's and the origin's signatures and the hashes, parse, check every change
 * (proof of authorship, column limits, rows it builds on, governed transitions), and apply in
 * one transaction (change log with row keys, rows, conflict bookkeeping) — vs a raw INSERT of
 * the same 100k change rows in one transaction into a plain twin of change_log (same DDL and
 * indexes). Also reports the bundle size per 1,000 changes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkspace, openWorkspace } from '../../db/connection.js';
import { runAction } from '../../db/changes.js';
import { exportBundle, importBundle } from '../../main/sync/bundles.js';
import { addMemberCopy } from '../../main/sync/identity.js';
import { clonePlainTable, median, settle, time, type BenchCase, type BenchContext, type Measurement } from '../harness.js';

const MEASURES = 5000;
const RUNS = 2;

async function prepare(ctx: BenchContext, run: number): Promise<{ a: string; b: string }> {
  const a = ctx.newPath(`sync-a-${run}.steerco`);
  const b = ctx.newPath(`sync-b-${run}.steerco`);
  const db = createWorkspace(a, { name: 'Sync bench' });
  try {
    await addMemberCopy(db, 'bench', 'Member', b);
    runAction(db, { actor: 'bench', label: 'bulk', undoable: false }, (w) => {
      const node = w.insert('nodes', { parent_id: null, level: 'organization', name: 'Org' });
      for (let i = 0; i < MEASURES; i++) {
        w.insert('measures', {
          code: `M-${String(i).padStart(5, '0')}`, node_id: node, title: `Measure ${i} of the program`, description: `Why measure ${i} matters`,
          owner_id: null, sponsor_id: null, controller_id: null, business_unit: 'Managed Services', function: 'Operations',
          legal_entity: 'NW GmbH', start_date: '2026-01-01', due_date: '2026-06-30', di_level: 0, lifecycle: 'active',
          closure_criteria: '', sort_order: i,
        });
      }
    });
  } finally {
    db.close();
  }
  return { a, b };
}

const syncCase: BenchCase = {
  name: 'sync-100k',
  description: 'export + import of a 100k-change bundle vs raw INSERT of 100k change rows in one transaction',
  target: { ratio: 3 },
  async run(ctx: BenchContext): Promise<Measurement> {
    const apps: number[] = [];
    const raws: number[] = [];
    const exports: number[] = [];
    let bytes = 0;
    let count = 0;
    for (let run = 0; run < RUNS; run++) {
      const { a, b } = await prepare(ctx, run);
      const dir = join(ctx.dir, `bundles-${run}`);
      const adb = openWorkspace(a);
      // With the log's local row key (its twin table has the same DDL, so the same NOT NULL column).
      const rows = adb.prepare('SELECT hlc, replica, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, tx, row_key, entered_by, seen FROM change_log').raw().all() as unknown[][];
      let file: string | null = null;
      settle();
      const exportMs = time(() => {
        file = exportBundle(adb, 'bench', dir).file;
      });
      adb.close();
      const bdb = openWorkspace(b);
      settle();
      const importMs = time(() => {
        const buf = readFileSync(file!);
        bytes = buf.length;
        const o = importBundle(bdb, buf, 'bench.stbundle');
        if (o.status !== 'imported') throw new Error(`bench import ${o.status}: ${o.reason}`);
        count = o.changes;
        // A refused change is not work done: a bench that imported nothing would measure nothing.
        if (o.refusedChanges.length > 0 || count === 0) throw new Error(`bench import refused ${o.refusedChanges.length} actions (${o.refusedChanges[0]?.reason ?? 'no changes'})`);
      });
      clonePlainTable(bdb, 'change_log', 'bench_plain_change_log');
      const ins = bdb.prepare(
        'INSERT INTO bench_plain_change_log (hlc, replica, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, tx, row_key, entered_by, seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      settle();
      const rawMs = time(() => bdb.transaction(() => {
        for (const r of rows) ins.run(r);
      })());
      bdb.close();
      exports.push(exportMs);
      apps.push(exportMs + importMs);
      raws.push(rawMs);
    }
    return {
      appMs: median(apps),
      rawMs: median(raws),
      stat: `median of ${RUNS}`,
      extra: { changes: count, exportMs: median(exports), bundleBytes: bytes, bytesPer1kChanges: Math.round((bytes / count) * 1000) },
    };
  },
};

export default syncCase;
