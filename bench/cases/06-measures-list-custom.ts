/**
 * measures-list-custom: the grid's load when the workspace defines custom fields —
 * `measures:list` of all N measures with 3 custom fields (values on every measure for two
 * of them, a person field on half) + JSON.stringify, vs the raw SELECT of case
 * measures-list (built-in columns only) + JSON.stringify. The ratio is what the custom
 * values add on top of the plain list. Values are written with raw SQL as setup (not timed).
 */
import { median, settle, time, timeAsync, type BenchCase, type BenchContext, type Measurement } from '../harness.js';

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
  WHERE m.deleted = 0 ORDER BY m.code`;

const RUNS = 7;

const measuresListCustom: BenchCase = {
  name: 'measures-list-custom',
  description: 'measures:list of all N measures with 3 custom fields + JSON.stringify vs raw SELECT of the built-in columns',
  target: { ratio: 2 },
  async run(ctx: BenchContext): Promise<Measurement> {
    const api = ctx.api();
    await api.call('workspace:open', { path: ctx.seededCopy() });
    const db = api.session.db();
    const seg = await api.call('customFields:create', { label: 'Segment', type: 'choice', choices: ['Enterprise', 'Mid-market', 'SMB'] });
    const saving = await api.call('customFields:create', { label: 'Saving', type: 'money' });
    const champ = await api.call('customFields:create', { label: 'Champion', type: 'person' });
    const people = (db.prepare('SELECT id FROM people').all() as { id: string }[]).map((p) => p.id);
    const ids = (db.prepare('SELECT id FROM measures WHERE deleted = 0').all() as { id: string }[]).map((r) => r.id);
    const ins = db.prepare('INSERT INTO custom_values (id, measure_id, field_id, value) VALUES (?, ?, ?, ?)');
    db.transaction(() =>
      ids.forEach((id, i) => {
        ins.run(`${id}:${seg.id}`, id, seg.id, ['Enterprise', 'Mid-market', 'SMB'][i % 3]);
        ins.run(`${id}:${saving.id}`, id, saving.id, String(i * 100));
        if (i % 2 === 0) ins.run(`${id}:${champ.id}`, id, champ.id, people[i % people.length]);
      }),
    )();
    const raw = db.prepare(RAW_SQL);
    let rows = 0;
    let withCustom = 0;
    const app = async () => {
      const list = await api.call('measures:list', {});
      rows = list.length;
      withCustom = list.filter((m) => m.custom && Object.keys(m.custom).length >= 2).length;
      JSON.stringify(list);
    };
    const base = () => JSON.stringify(raw.all());
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
    if (withCustom !== rows) throw new Error(`custom values missing: ${withCustom} of ${rows} rows have them`);
    return { appMs: median(apps), rawMs: median(raws), stat: `median of ${RUNS} interleaved runs (${rows} rows, 3 custom fields)`, extra: { appMinMs: Math.min(...apps), rawMinMs: Math.min(...raws) } };
  },
};

export default measuresListCustom;
