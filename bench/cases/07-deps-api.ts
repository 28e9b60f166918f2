/**
 * deps-api: a measure's dependency view through the API (`deps:forMeasure`: load every
 * live measure and dependency, build the graph, walk both chains, flag late / red
 * upstreams) on the seeded workspace with a 10,000-edge chain across its measures, vs a
 * raw recursive CTE returning the same upstream chain. Also times `deps:create` (with
 * the cycle check over the whole graph) and its refusal of the edge that closes the chain.
 */
import { runAction } from '../../db/changes.js';
import { median, settle, time, timeAsync, type BenchCase, type BenchContext, type Measurement } from '../harness.js';

const EDGES = 10_000;
const RUNS = 7;

const RAW_SQL = `
  WITH RECURSIVE up(id, depth) AS (
    SELECT ?, 0
    UNION
    SELECT d.on_measure_id, up.depth + 1 FROM dependencies d JOIN up ON d.measure_id = up.id
    WHERE d.deleted = 0 AND d.status = 'open' AND d.on_measure_id IS NOT NULL
  )
  SELECT m.id, m.code, m.title, m.function, m.due_date, m.implementation_status, min(up.depth) AS depth
  FROM up JOIN measures m ON m.id = up.id WHERE up.depth > 0 GROUP BY m.id ORDER BY depth`;

const depsApi: BenchCase = {
  name: 'deps-api',
  description: `deps:forMeasure at the end of a ${EDGES}-edge chain (API) vs recursive CTE of the upstream chain`,
  target: { ratio: 4 },
  async run(ctx: BenchContext): Promise<Measurement> {
    const api = ctx.api();
    await api.call('workspace:open', { path: ctx.seededCopy() });
    const db = api.session.db();
    const ids = (db.prepare("SELECT id FROM measures WHERE deleted = 0 AND lifecycle <> 'cancelled' ORDER BY code LIMIT ?").all(EDGES + 2) as { id: string }[]).map((r) => r.id);
    if (ids.length < EDGES + 2) throw new Error(`deps-api needs ${EDGES + 2} measures (--measures)`);
    runAction(db, { actor: 'bench', label: 'chain', undoable: false }, (w) => {
      for (let i = 0; i < EDGES; i++) w.insert('dependencies', { measure_id: ids[i + 1]!, on_measure_id: ids[i]!, description: '', status: 'open' });
    });
    const last = ids[EDGES]!;
    const raw = db.prepare(RAW_SQL);
    let appRows = 0;
    let rawRows = 0;
    const app = async () => {
      appRows = (await api.call('deps:forMeasure', { measureId: last })).upstream.length;
    };
    const base = () => {
      rawRows = raw.all(last).length;
    };
    await app();
    base();
    const apps: number[] = [];
    const raws: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      settle();
      apps.push(await timeAsync(app));
      settle();
      raws.push(time(base));
    }
    if (appRows !== rawRows) throw new Error(`API and raw chains differ (${appRows} vs ${rawRows})`);
    // Adding an edge checks the whole graph for a cycle; the closing edge is refused.
    const createMs = await timeAsync(() => api.call('deps:create', { measureId: ids[EDGES + 1]!, onMeasureId: last }));
    let refusedMs = 0;
    try {
      const t0 = performance.now();
      await api.call('deps:create', { measureId: ids[0]!, onMeasureId: ids[EDGES + 1]! }).catch((e: unknown) => {
        refusedMs = performance.now() - t0;
        throw e;
      });
      throw new Error('cycle was not refused');
    } catch (e) {
      if (!(e instanceof Error) || !/cycle/.test(e.message)) throw e;
    }
    return {
      appMs: median(apps),
      rawMs: median(raws),
      stat: `median of ${RUNS} interleaved runs (${appRows}-step upstream chain in ${ids.length}+ measures)`,
      extra: { createWithCycleCheckMs: createMs, cycleRefusedMs: refusedMs },
    };
  },
};

export default depsApi;
