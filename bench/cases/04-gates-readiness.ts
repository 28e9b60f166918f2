/**
 * gates-readiness: the grid's "Next gate" column — `gates:readiness` through the API
 * (facts aggregates, criteria evaluation per measure, pending requests) + JSON.stringify vs
 * a raw baseline that only counts the same facts in SQL (one grouped query per fact table,
 * prepared once) + JSON.stringify: what evaluating the configured criteria costs on top.
 */
import { median, settle, time, timeAsync, type BenchCase, type BenchContext, type Measurement } from '../harness.js';

const RAW_SQL = `
  SELECT m.id, m.di_level,
    (SELECT count(*) FROM milestones x WHERE x.measure_id = m.id AND x.deleted = 0) AS milestones,
    (SELECT count(*) FROM raid_items x WHERE x.measure_id = m.id AND x.deleted = 0 AND x.kind = 'risk') AS risks,
    (SELECT count(*) FROM effect_lines x WHERE x.measure_id = m.id AND x.deleted = 0) AS lines,
    (SELECT count(*) FROM gate_requests x WHERE x.measure_id = m.id AND x.status = 'pending') AS pending
  FROM measures m WHERE m.deleted = 0`;

const RUNS = 7;

const gatesReadiness: BenchCase = {
  name: 'gates-readiness',
  description: 'gates:readiness of all N measures + JSON.stringify: API vs raw fact counts',
  target: { ratio: 5 },
  async run(ctx: BenchContext): Promise<Measurement> {
    const api = ctx.api();
    await api.call('workspace:open', { path: ctx.seededCopy() });
    const raw = api.session.db().prepare(RAW_SQL);
    let rows = 0;
    const app = async () => {
      const list = await api.call('gates:readiness', {});
      rows = list.length;
      JSON.stringify(list);
    };
    const base = () => {
      JSON.stringify(raw.all());
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
    return { appMs: median(apps), rawMs: median(raws), stat: `median of ${RUNS} interleaved runs (${rows} rows)`, extra: { rows } };
  },
};

export default gatesReadiness;
