/**
 * value-rollup: the roll-up by DI × function × month over 20k measures × 2 effect lines ×
 * 12 months (480k period values) — `value:rollup` through the API (schema parse, handler,
 * SQL aggregate over the trigger-maintained cube, measure counts, risk weighting, JSON) vs
 * a hand-written SQL aggregate over the same cube from a statement prepared once +
 * JSON.stringify. Median of interleaved runs. The totals are checked against a hand-written
 * aggregate over every period value (its time is reported as detailMs).
 *
 * The values are bulk-inserted with plain SQL (bench data, not a user path: a user never
 * enters 480k amounts in one go, and the change log would only slow the seeding).
 */
import type { Database } from '../../db/connection.js';
import { median, settle, time, timeAsync, type BenchCase, type BenchContext, type Measurement } from '../harness.js';
import { mulberry32 } from '../seed.js';

const MONTHS = Array.from({ length: 12 }, (_, k) => `2026-${String(k + 1).padStart(2, '0')}`);

/** The aggregate over every period value, written by hand: the reference numbers (and what a cube-less roll-up costs). */
const DETAIL_SQL = `
  SELECT m.di_level AS di, m.function AS fn, v.period AS period, count(DISTINCT m.id) AS measures,
    sum(s.sg * v.plan) AS plan, sum(s.sg * v.baseline) AS baseline,
    sum(CASE WHEN m.lifecycle <> 'on_hold' THEN s.sg * v.forecast END) AS forecast,
    sum(s.sg * v.actual) AS actual,
    sum(CASE WHEN m.lifecycle <> 'on_hold' THEN s.sg * v.plan * g.risk_weight_pct END) AS rwp100,
    sum(CASE WHEN m.lifecycle <> 'on_hold' THEN s.sg * v.forecast * g.risk_weight_pct END) AS rwf100
  FROM (SELECT id, measure_id, CASE WHEN type LIKE '%benefit' THEN 1 ELSE -1 END AS sg FROM effect_lines
        WHERE deleted = 0 AND type IN ('recurring_benefit','one_time_benefit','one_time_cost','recurring_cost','capex')) s
  JOIN measures m ON m.id = s.measure_id
  JOIN effect_values v ON v.line_id = s.id AND v.deleted = 0
  JOIN gate_levels g ON g.level = m.di_level
  WHERE m.deleted = 0 AND m.lifecycle <> 'cancelled'
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;

/** Written out by hand over the trigger-maintained cube (the table the API reads): the raw baseline. */
const RAW_SQL = `
  SELECT c.di_level AS di, c.function AS fn, c.period AS period,
    sum(c.plan) AS plan, sum(c.baseline) AS baseline,
    sum(CASE WHEN c.lifecycle <> 'on_hold' THEN c.forecast END) AS forecast, sum(c.actual) AS actual,
    sum(CASE WHEN c.lifecycle <> 'on_hold' THEN c.plan * g.risk_weight_pct END) AS rwp100,
    sum(CASE WHEN c.lifecycle <> 'on_hold' THEN c.forecast * g.risk_weight_pct END) AS rwf100
  FROM value_cube c JOIN gate_levels g ON g.level = c.di_level
  WHERE c.lifecycle <> 'cancelled'
  GROUP BY 1, 2, 3 HAVING sum(c.n) > 0 ORDER BY 1, 2, 3`;

/** The rows' measure counts (the roll-up reports them too), also by hand. */
const RAW_COUNTS_SQL = `
  SELECT di_level AS di, function AS fn, count(*) AS n FROM measures
  WHERE deleted = 0 AND lifecycle <> 'cancelled' GROUP BY 1, 2`;

/**
 * Bench data: two effect lines per live measure (or only those in `nodeIds`) with a plan,
 * forecast and (first half) actual per month of 2026, bulk-inserted with plain SQL.
 */
export function seedValues(db: Database, seed: number, opts: { nodeIds?: string[]; targetMax?: number } = {}): number {
  const rnd = mulberry32(seed);
  const targetMax = opts.targetMax ?? 1e8;
  const ids = (
    opts.nodeIds
      ? db.prepare('SELECT id FROM measures WHERE deleted = 0 AND node_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(opts.nodeIds))
      : db.prepare('SELECT id FROM measures WHERE deleted = 0').all()
  ) as { id: string }[];
  const measureIds = ids.map((r) => r.id);
  const line = db.prepare("INSERT INTO effect_lines (id, measure_id, type, label, target, sort_order) VALUES (?, ?, ?, '', ?, ?)");
  const value = db.prepare('INSERT INTO effect_values (id, line_id, period, plan, forecast, actual) VALUES (?, ?, ?, ?, ?, ?)');
  let n = 0;
  db.transaction(() => {
    for (const id of measureIds) {
      for (const [k, type] of (['recurring_benefit', 'one_time_cost'] as const).entries()) {
        const lineId = `${id}:${type}`;
        line.run(lineId, id, type, Math.floor(rnd() * targetMax), k);
        for (const p of MONTHS) {
          const plan = Math.floor(rnd() * 5e6);
          value.run(`${lineId}:${p}`, lineId, p, plan, Math.floor(plan * (0.8 + rnd() * 0.4)), p <= '2026-06' ? Math.floor(plan * (0.8 + rnd() * 0.4)) : null);
          n++;
        }
      }
    }
  })();
  db.exec('ANALYZE');
  return n;
}

const RUNS = 9;

const valueRollup: BenchCase = {
  name: 'value-rollup',
  description: 'value:rollup by DI × function × month over ~480k period values: API vs raw SQL aggregate',
  target: { ratio: 1.5, appMs: 100 },
  async run(ctx: BenchContext): Promise<Measurement> {
    const api = ctx.api();
    await api.call('workspace:open', { path: ctx.seededCopy() });
    const db = api.session.db();
    const values = seedValues(db, ctx.options.seed);
    ctx.log(`seeded ${values} period values`);
    const raw = db.prepare(RAW_SQL);
    const rawCounts = db.prepare(RAW_COUNTS_SQL);
    let groups = 0;
    let appTotal = 0;
    let rawTotal = 0;
    const app = async () => {
      const rows = await api.call('value:rollup', { by: ['di', 'function', 'period'] });
      groups = rows.length;
      appTotal = rows.reduce((s, r) => s + r.forecast, 0);
      JSON.stringify(rows);
    };
    const base = () => {
      const rows = raw.all() as { di: number; fn: string; forecast: number | null }[];
      const counts = new Map((rawCounts.all() as { di: number; fn: string; n: number }[]).map((c) => [`${c.di}|${c.fn}`, c.n]));
      rawTotal = rows.reduce((s, r) => s + (r.forecast ?? 0), 0);
      JSON.stringify(rows.map((r) => ({ ...r, measures: counts.get(`${r.di}|${r.fn}`) ?? 0 })));
    };
    for (let i = 0; i < 2; i++) {
      await app();
      base();
    }
    const apps: number[] = [];
    const raws: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      settle();
      apps.push(await timeAsync(app));
      settle();
      raws.push(time(base));
    }
    let detailTotal = 0;
    const detailMs = time(() => {
      detailTotal = (db.prepare(DETAIL_SQL).all() as { forecast: number | null }[]).reduce((s, r) => s + (r.forecast ?? 0), 0);
    });
    if (appTotal !== rawTotal || appTotal !== detailTotal) throw new Error(`API, raw and detail totals differ (${appTotal} / ${rawTotal} / ${detailTotal})`);
    return {
      appMs: median(apps),
      rawMs: median(raws),
      stat: `median of ${RUNS} interleaved runs (${groups} groups over ${values} values)`,
      extra: { values, groups, appMinMs: Math.min(...apps), rawMinMs: Math.min(...raws), detailMs },
    };
  },
};

export default valueRollup;
