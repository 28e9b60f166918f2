/**
 * measures-list: the grid's load — `measures:list` through the API (schema parse,
 * handler, repository query) + JSON.stringify (what IPC / HTTP serialise) vs a raw
 * SELECT of the same columns (owner / sponsor / controller names joined, same order)
 * from a statement prepared once + JSON.stringify. Median of several interleaved runs.
 */
import { median, settle, time, timeAsync, type BenchCase, type BenchContext, type Measurement } from '../harness.js';

/** Written out by hand (not imported from the repository), so it is a real baseline. */
const RAW_SQL = `
  SELECT m.id, m.code, m.node_id AS nodeId, m.title, m.description,
         m.owner_id AS ownerId, o.name AS owner, m.sponsor_id AS sponsorId, s.name AS sponsor,
         m.controller_id AS controllerId, c.name AS controller,
         m.business_unit AS businessUnit, m.function, m.legal_entity AS legalEntity,
         m.start_date AS startDate, m.due_date AS dueDate, m.di_level AS diLevel, m.lifecycle,
         m.implementation_status AS implementationStatus, m.potential_status AS potentialStatus,
         m.closure_criteria AS closureCriteria, m.sort_order AS sortOrder, m.updated_at AS updatedAt
  FROM measures m
  LEFT JOIN people o ON o.id = m.owner_id
  LEFT JOIN people s ON s.id = m.sponsor_id
  LEFT JOIN people c ON c.id = m.controller_id
  WHERE m.deleted = 0 ORDER BY m.sort_order, m.code`;

const RUNS = 9;

const measuresList: BenchCase = {
  name: 'measures-list',
  description: 'measures:list of all N measures + JSON.stringify: API vs raw SELECT',
  target: { ratio: 1.5 },
  async run(ctx: BenchContext): Promise<Measurement> {
    const api = ctx.api();
    await api.call('workspace:open', { path: ctx.seededCopy() });
    const raw = api.session.db().prepare(RAW_SQL);
    let appBytes = 0;
    let rawBytes = 0;
    let rows = 0;
    const app = async () => {
      const list = await api.call('measures:list', {});
      rows = list.length;
      appBytes = JSON.stringify(list).length;
    };
    const base = () => {
      rawBytes = JSON.stringify(raw.all()).length;
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
    if (appBytes !== rawBytes) throw new Error(`API and raw results differ (${appBytes} vs ${rawBytes} bytes)`);
    return {
      appMs: median(apps),
      rawMs: median(raws),
      stat: `median of ${RUNS} interleaved runs (${rows} rows)`,
      extra: { rows, jsonBytes: appBytes, appMinMs: Math.min(...apps), rawMinMs: Math.min(...raws) },
    };
  },
};

export default measuresList;
