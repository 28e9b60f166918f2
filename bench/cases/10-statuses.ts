/**
 * statuses: the status engine on the 20k-measure workspace with 40k effect lines (480k
 * period values), 60k milestones, some manual statuses and some stale measures.
 *
 * - status-derive-all: re-deriving every measure's statuses as a new day does
 *   (`rederive(db, null, day)`: the facts scans, the rules in JS, the changed rows written),
 *   a week on from a cache that was right for today — vs ONE raw SQL statement doing the
 *   same pass (grouped CTEs, the rules as CASE expressions, UPDATE … FROM) over the same
 *   rows, in the same run. Median of interleaved runs; the raw pass must leave exactly what
 *   the engine derives. Also reported: a pass that changes nothing (opening an up-to-date
 *   file) and one that rewrites every row (the first open after an upgrade).
 * - status-edit: one status-affecting edit (`milestones:update` of a due date through the
 *   API: validation, change log, undo entry, re-derivation of the one measure, change
 *   event, re-read) p50 — vs the raw SQL of the same write (UPDATE of the milestone and of
 *   the measure's status in one transaction).
 *
 * The data is bulk-inserted with plain SQL (bench data, not a user path).
 */
import type { Database } from '../../db/connection.js';
import { addDays, today } from '../../db/clock.js';
import { setDeriver } from '../../db/derive.js';
import { deriveTouched, rederive, statusesOf } from '../../main/api/value-status.js';
import type { Api } from '../../main/api/index.js';
import { median, now, percentile, settle, time, type BenchCase, type BenchContext, type Measurement } from '../harness.js';
import { mulberry32 } from '../seed.js';
import { seedValues } from './05-value-rollup.js';

const MILESTONES_PER_MEASURE = 3;
const RUNS = 5;
const EDITS = 1000;
const WARMUP = 100;

/** Milestones around today, some done, some forecast late; a few manual statuses; a fifth of the measures not updated for two months. */
function seedStatusFacts(db: Database, seed: number): { milestones: number } {
  const rnd = mulberry32(seed + 7);
  const ids = (db.prepare('SELECT id FROM measures WHERE deleted = 0 ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  const day = today();
  const ms = db.prepare('INSERT INTO milestones (id, measure_id, title, due_date, forecast_date, done, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const ov = db.prepare("INSERT INTO status_overrides (id, measure_id, kind, status, reason, set_by, set_at) VALUES (?, ?, 'implementation', ?, 'Status report', NULL, ?)");
  const stale = db.prepare('UPDATE measures SET updated_at = ? WHERE id = ?');
  let n = 0;
  db.transaction(() => {
    for (const id of ids) {
      for (let k = 0; k < MILESTONES_PER_MEASURE; k++) {
        const due = addDays(day, Math.floor(rnd() * 400) - 200);
        const done = due < day ? (rnd() < 0.8 ? 1 : 0) : rnd() < 0.1 ? 1 : 0;
        const forecast = rnd() < 0.15 ? addDays(due, Math.floor(rnd() * 40)) : null;
        ms.run(`${id}:ms${k}`, id, `Milestone ${k + 1}`, due, forecast, done, k + 1);
        n++;
      }
      if (rnd() < 0.05) ov.run(`${id}:implementation`, id, rnd() < 0.5 ? 'amber' : 'red', `${day}T08:00:00.000Z`);
      if (rnd() < 0.2) stale.run(`${addDays(day, -60)}T08:00:00.000Z`, id);
    }
  })();
  db.exec('ANALYZE');
  return { milestones: n };
}

/** The engine's rules written out as one SQL statement over the same rows (the raw baseline). */
const RAW_DERIVE_ALL = `
  WITH ms AS (
    SELECT measure_id, count(*) AS total,
           sum(done = 0 AND due_date IS NOT NULL AND due_date < @today) AS overdue,
           sum(done = 0 AND due_date IS NOT NULL AND due_date >= @today AND forecast_date > due_date) AS slipping
    FROM milestones WHERE deleted = 0 GROUP BY measure_id),
  lt AS (
    SELECT l.measure_id,
           sum(CASE WHEN l.target IS NOT NULL THEN l.sg * l.target WHEN t.n_baseline > 0 THEN l.sg * t.baseline WHEN t.n_plan > 0 THEN l.sg * t.plan ELSE 0 END) AS ref,
           sum(l.target IS NOT NULL OR t.n_baseline > 0 OR t.n_plan > 0) AS n_ref,
           sum(l.sg * coalesce(t.estimate, 0)) AS est, sum(coalesce(t.n_estimate, 0)) AS n_est, max(l.updated_at) AS upd
    FROM (SELECT id, measure_id, target, updated_at, CASE WHEN type LIKE '%benefit' THEN 1 ELSE -1 END AS sg FROM effect_lines
          WHERE deleted = 0 AND type IN ('recurring_benefit','one_time_benefit','one_time_cost','recurring_cost','capex')) l
    LEFT JOIN value_line_totals t ON t.line_id = l.id GROUP BY l.measure_id),
  f AS (
    SELECT m.id, coalesce(ms.total, 0) AS total, ms.overdue, ms.slipping,
           CASE WHEN lt.n_ref > 0 THEN lt.ref END AS ref, CASE WHEN lt.n_est > 0 THEN lt.est END AS est,
           io.status AS io, po.status AS po,
           max(coalesce(m.updated_at, ''), coalesce(lt.upd, ''), coalesce(io.set_at, ''), coalesce(po.set_at, '')) AS last
    FROM measures m LEFT JOIN ms ON ms.measure_id = m.id LEFT JOIN lt ON lt.measure_id = m.id
    LEFT JOIN status_overrides io ON io.id = m.id || ':implementation' AND io.deleted = 0
    LEFT JOIN status_overrides po ON po.id = m.id || ':potential' AND po.deleted = 0
    WHERE m.deleted = 0),
  d AS (
    SELECT id, (last = '' OR julianday(@today) - julianday(date(last, 'localtime')) > @stale) AS stale,
           coalesce(io, CASE WHEN total = 0 THEN 'grey' WHEN overdue > 0 THEN 'red' WHEN slipping > 0 THEN 'amber' ELSE 'green' END) AS i,
           coalesce(po, CASE WHEN ref IS NULL OR est IS NULL THEN 'grey' WHEN ref - est <= 0 THEN 'green'
                             WHEN (ref - est) * 100 <= @tol * abs(ref) THEN 'amber' ELSE 'red' END) AS p
    FROM f),
  e AS (SELECT id, CASE WHEN stale THEN 'grey' ELSE i END AS i, CASE WHEN stale THEN 'grey' ELSE p END AS p FROM d)
  UPDATE measures SET implementation_status = e.i, potential_status = e.p
  FROM e WHERE measures.id = e.id AND (measures.implementation_status <> e.i OR measures.potential_status <> e.p)`;

async function prepared(ctx: BenchContext): Promise<{ api: Api; db: Database }> {
  const api = ctx.api();
  await api.call('workspace:open', { path: ctx.seededCopy() });
  const db = api.session.db();
  const values = seedValues(db, ctx.options.seed);
  const { milestones } = seedStatusFacts(db, ctx.options.seed);
  ctx.log(`seeded ${values} period values and ${milestones} milestones`);
  rederive(db, null);
  return { api, db };
}

/** Every cached status set to a value no rule gives here, so a full pass rewrites every row. */
const spoil = (db: Database) => db.prepare("UPDATE measures SET implementation_status = 'grey', potential_status = CASE potential_status WHEN 'grey' THEN 'red' ELSE 'grey' END").run();

/** Measures whose cached status is not what the engine derives on `day`. */
function drift(db: Database, day: string): number {
  const ids = db.prepare('SELECT id, implementation_status AS i, potential_status AS p FROM measures WHERE deleted = 0').all() as { id: string; i: string; p: string }[];
  const fresh = statusesOf(
    db,
    ids.map((r) => r.id),
    day,
  );
  return ids.filter((r) => fresh.get(r.id)!.implementation.status !== r.i || fresh.get(r.id)!.potential.status !== r.p).length;
}

/** Median of interleaved app / raw passes, each from the same starting cache. */
function interleaved(db: Database, start: () => void, app: () => number, raw: () => number): { app: number; raw: number; appCpu: number; rows: number } {
  const apps: number[] = [];
  const raws: number[] = [];
  const cpus: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS + 1; i++) {
    start();
    settle();
    let n = 0;
    // CPU time too: on a machine shared with other work the wall time mostly measures the wait for a core.
    const c0 = process.cpuUsage();
    const a = time(() => {
      n = db.transaction(app)();
    });
    const c = process.cpuUsage(c0);
    start();
    settle();
    let r = 0;
    const b = time(() => {
      r = db.transaction(raw)();
    });
    if (r !== n) throw new Error(`the engine wrote ${n} rows, the raw SQL ${r}`);
    if (i === 0) continue;
    rows = n;
    apps.push(a);
    raws.push(b);
    cpus.push((c.user + c.system) / 1000);
  }
  return { app: median(apps), raw: median(raws), appCpu: median(cpus), rows };
}

const deriveAll: BenchCase = {
  name: 'status-derive-all',
  description: 'Re-derive every status on a new day, 20k measures, 480k values, 60k milestones: engine vs one raw SQL UPDATE … FROM',
  target: { ratio: 3, appMs: 500 },
  async run(ctx: BenchContext): Promise<Measurement> {
    const { db } = await prepared(ctx);
    const { tolerancePct, staleDays } = db.prepare("SELECT tolerance_pct AS tolerancePct, stale_days AS staleDays FROM value_settings WHERE id = 'value'").get() as {
      tolerancePct: number;
      staleDays: number;
    };
    const raw = db.prepare(RAW_DERIVE_ALL);
    const day = today();
    const week = addDays(day, 7);
    const rawPass = (d: string) => () => raw.run({ today: d, stale: staleDays, tol: tolerancePct }).changes;
    // A new day, a week on: milestones fell due, reports went stale; the cache was right for today.
    const newDay = interleaved(db, () => rederive(db, null, day), () => rederive(db, null, week).length, rawPass(week));
    rederive(db, null, week);
    if (drift(db, week) !== 0) throw new Error('the raw SQL pass does not leave what the engine derives');
    // Nothing changed (a second pass on the same day): what every open of an up-to-date file costs.
    const same = interleaved(db, () => rederive(db, null, day), () => rederive(db, null, day).length, rawPass(day));
    // Every cached status wrong (the first open after an upgrade): all 20k rows rewritten.
    const all = interleaved(db, () => spoil(db), () => rederive(db, null, day).length, rawPass(day));
    if (drift(db, day) !== 0) throw new Error('the raw SQL pass does not leave what the engine derives');
    const counts = db.prepare('SELECT implementation_status AS i, count(*) AS n FROM measures WHERE deleted = 0 GROUP BY 1').all() as { i: string; n: number }[];
    return {
      appMs: newDay.app,
      rawMs: newDay.raw,
      stat: `median of ${RUNS} interleaved passes (after 1 warm-up) a week on, ${newDay.rows} of ${counts.reduce((n, c) => n + c.n, 0)} measures changed`,
      extra: {
        appCpuMs: newDay.appCpu,
        unchangedAppMs: same.app,
        unchangedAppCpuMs: same.appCpu,
        unchangedRawMs: same.raw,
        allRewrittenAppMs: all.app,
        allRewrittenAppCpuMs: all.appCpu,
        allRewrittenRawMs: all.raw,
        allRewrittenRatio: all.app / all.raw,
        ...Object.fromEntries(counts.map((c) => [`implementation.${c.i}`, c.n])),
      },
    };
  },
};

const edit: BenchCase = {
  name: 'status-edit',
  description: 'One status-affecting edit (milestones:update due date, re-derived measure) p50 vs its raw SQL',
  target: { ratio: 30, appMs: 2 },
  async run(ctx: BenchContext): Promise<Measurement> {
    const { api, db } = await prepared(ctx);
    const rnd = mulberry32(ctx.options.seed + 11);
    const rows = db.prepare('SELECT id, measure_id AS measureId FROM milestones WHERE deleted = 0 AND done = 0 ORDER BY id').all() as { id: string; measureId: string }[];
    const ops = Array.from({ length: WARMUP + EDITS }, (_, i) => ({ ...rows[Math.floor(rnd() * rows.length)]!, due: addDays(today(), i % 2 ? -10 : 30) }));
    const rawMs = db.prepare('UPDATE milestones SET due_date = ? WHERE id = ?');
    const rawStatus = db.prepare('UPDATE measures SET implementation_status = ? WHERE id = ?');
    const cur = db.prepare('SELECT implementation_status AS s FROM measures WHERE id = ?');
    const apps: number[] = [];
    const raws: number[] = [];
    const derives: number[] = [];
    let flipped = 0;
    for (const [i, o] of ops.entries()) {
      const before = (cur.get(o.measureId) as { s: string }).s;
      let t0 = now();
      await api.call('milestones:update', { id: o.id, dueDate: o.due });
      const app = now() - t0;
      const after = (cur.get(o.measureId) as { s: string }).s;
      // The same write without the app: the milestone and the measure's status it now has.
      t0 = now();
      db.transaction(() => {
        rawMs.run(o.due, o.id);
        rawStatus.run(after, o.measureId);
      })();
      const raw = now() - t0;
      t0 = now();
      db.transaction(() => rederive(db, [o.measureId]))();
      const derive = now() - t0;
      if (i < WARMUP) continue;
      if (after !== before) flipped++;
      apps.push(app);
      raws.push(raw);
      derives.push(derive);
    }
    // The share of the re-derivation: the same edits with the engine unhooked.
    setDeriver(db, null);
    const bare: number[] = [];
    for (const o of ops.slice(0, 300)) {
      const t0 = now();
      await api.call('milestones:update', { id: o.id, dueDate: addDays(o.due, 1) });
      bare.push(now() - t0);
    }
    setDeriver(db, deriveTouched);
    rederive(db, null);
    return {
      appMs: percentile(apps, 50),
      rawMs: percentile(raws, 50),
      stat: `p50 of ${EDITS} edits (after ${WARMUP} warm-up), ${flipped} of them changed the measure's status`,
      extra: {
        appP95Ms: percentile(apps, 95),
        rawP95Ms: percentile(raws, 95),
        rederiveOneP50Ms: percentile(derives, 50),
        editWithoutEngineP50Ms: percentile(bare.slice(50), 50),
      },
    };
  },
};

export default [deriveAll, edit];
