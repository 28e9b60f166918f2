import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../../db/changes.js';
import type { Api } from './index.js';
import { apiWithWorkspace } from './test-helpers.js';

/**
 * A hand-built workspace with known amounts. Expected totals are computed here with plain
 * loops over the same table of inputs, independently of the SQL roll-up.
 */
let api: Api;
let cleanup: () => void;
let ids: Record<string, string>;
let people: Record<string, string>;

const WEIGHT = [0, 10, 25, 50, 90, 100];
type Row = { m: string; type: string; sign: 1 | -1 | 0; period: string; plan: string; forecast: string; actual: string | null };
const MEASURES = [
  { key: 'A', node: 'K1', di: 2, lifecycle: 'active' },
  { key: 'B', node: 'K1', di: 3, lifecycle: 'active' },
  { key: 'C', node: 'K2', di: 4, lifecycle: 'on_hold' },
  { key: 'D', node: 'K2', di: 1, lifecycle: 'cancelled' },
  { key: 'E', node: 'K2', di: 5, lifecycle: 'closed' },
] as const;
const ROWS: Row[] = [
  { m: 'A', type: 'recurring_benefit', sign: 1, period: '2026-01', plan: '0.10', forecast: '0.20', actual: '0.10' },
  { m: 'A', type: 'recurring_benefit', sign: 1, period: '2026-02', plan: '0.20', forecast: '0.10', actual: '0.20' },
  { m: 'A', type: 'one_time_cost', sign: -1, period: '2026-01', plan: '1,000.01', forecast: '999.99', actual: '1000.33' },
  { m: 'B', type: 'recurring_benefit', sign: 1, period: '2026-01', plan: '1000000000000', forecast: '999999999999.99', actual: null },
  { m: 'B', type: 'capex', sign: -1, period: '2026-02', plan: '333.33', forecast: '333.34', actual: null },
  { m: 'C', type: 'recurring_benefit', sign: 1, period: '2026-02', plan: '500', forecast: '400', actual: '300' },
  { m: 'D', type: 'recurring_benefit', sign: 1, period: '2026-01', plan: '7777', forecast: '7777', actual: '7777' },
  { m: 'E', type: 'one_time_benefit', sign: 1, period: '2026-01', plan: '12.34', forecast: '12.35', actual: '12.36' },
  { m: 'E', type: 'billing_leakage', sign: 0, period: '2026-01', plan: '99', forecast: '99', actual: '99' },
];
const cents = (s: string | null) => (s === null ? 0 : Math.round(Number(s.replace(/,/g, '')) * 100));

async function build(): Promise<void> {
  const w = await apiWithWorkspace({ demo: false });
  api = w.api;
  cleanup = w.cleanup;
  const carla = await api.call('people:create', { name: 'Carla Controller' });
  const otto = await api.call('people:create', { name: 'Otto Owner' });
  people = { carla: carla.id, otto: otto.id };
  const org = await api.call('nodes:create', { parentId: null, name: 'Org' });
  const pf = await api.call('nodes:create', { parentId: org.id, name: 'Portfolio' });
  const pg = await api.call('nodes:create', { parentId: pf.id, name: 'Program' });
  const p1 = await api.call('nodes:create', { parentId: pg.id, name: 'P1' });
  const p2 = await api.call('nodes:create', { parentId: pg.id, name: 'P2' });
  const k1 = await api.call('nodes:create', { parentId: p1.id, name: 'K1' });
  const k2 = await api.call('nodes:create', { parentId: p2.id, name: 'K2' });
  ids = { org: org.id, p1: p1.id, p2: p2.id, K1: k1.id, K2: k2.id };
  for (const m of MEASURES) {
    const created = await api.call('measures:create', {
      nodeId: ids[m.node]!,
      patch: { title: `Measure ${m.key}`, controller: 'Carla Controller', owner: 'Otto Owner', startDate: '2026-01-01', dueDate: '2026-06-30', function: m.key === 'A' ? 'Sales' : 'IT' },
    });
    ids[m.key] = created.id;
  }
  const db = api.session.db();
  // DI level and lifecycle belong to the gates feature; set them directly.
  runAction(db, { actor: 'test', label: 'setup' }, (w) => {
    for (const m of MEASURES) w.update('measures', ids[m.key]!, { di_level: m.di, lifecycle: m.lifecycle });
  });
  const lines = new Map<string, string>();
  for (const r of ROWS) {
    const key = `${r.m}:${r.type}`;
    if (!lines.has(key)) {
      const v = await api.call('value:addLine', { measureId: ids[r.m]!, type: r.type as never });
      lines.set(key, v.lines.at(-1)!.id);
    }
  }
  await api.call('session:setActor', { personId: people.otto! });
  for (const r of ROWS) {
    const lineId = lines.get(`${r.m}:${r.type}`)!;
    const cells = (['plan', 'forecast', 'actual'] as const)
      .filter((f) => r[f] !== null)
      .map((f) => ({ lineId, period: r.period, field: f, value: r[f] }));
    await api.call('value:setCells', { measureId: ids[r.m]!, cells, locale: 'en-US' });
  }
}

beforeEach(build);
afterEach(() => cleanup());

function expected(filter: (r: Row) => boolean) {
  let plan = 0,
    forecast = 0,
    actual = 0,
    rw100 = 0;
  for (const r of ROWS.filter(filter)) {
    const m = MEASURES.find((x) => x.key === r.m)!;
    if (m.lifecycle === 'cancelled' || r.sign === 0) continue;
    plan += r.sign * cents(r.plan);
    actual += r.sign * cents(r.actual);
    if (m.lifecycle !== 'on_hold') {
      forecast += r.sign * cents(r.forecast);
      rw100 += r.sign * cents(r.plan) * WEIGHT[m.di]!;
    }
  }
  return { plan, forecast, actual, riskWeightedPlan: Math.sign(rw100) * Math.round(Math.abs(rw100) / 100) };
}

describe('value roll-ups', () => {
  it('match an independent computation: totals, by node, by DI, by month; on-hold and cancelled rules; risk weights', async () => {
    const [total] = await api.call('value:rollup', { by: [] });
    expect(total).toMatchObject(expected(() => true));
    const byNode = await api.call('value:rollup', { nodeId: ids.org!, by: ['node'] });
    expect(byNode).toHaveLength(1); // the portfolio
    const byProject = await api.call('value:rollup', { by: ['workstream'] });
    const p2 = byProject.find((r) => r.keys.workstream === ids.p2)!;
    expect(p2).toMatchObject(expected((r) => r.m === 'C' || r.m === 'E'));
    expect(p2.label).toBe('P2');
    const byDi = await api.call('value:rollup', { by: ['di'] });
    for (const m of MEASURES.filter((x) => x.lifecycle !== 'cancelled')) {
      expect(byDi.find((r) => r.keys.di === m.di)).toMatchObject(expected((r) => r.m === m.key));
    }
    expect(byDi.find((r) => r.keys.di === 1)).toBeUndefined();
    const byMonth = await api.call('value:rollup', { nodeId: ids.K1!, by: ['period'] });
    expect(byMonth.map((r) => r.keys.period)).toEqual(['2026-01', '2026-02']);
    expect(byMonth[0]).toMatchObject(expected((r) => (r.m === 'A' || r.m === 'B') && r.period === '2026-01'));
  });

  it('is exact to the cent with 0.10 + 0.20 and 10^12 amounts', async () => {
    const rows = await api.call('value:rollup', { by: ['measure'], nodeId: ids.K1! });
    const a = rows.find((r) => r.keys.measure === ids.A);
    expect(a!.label).toBe('M-0001 Measure A');
    // 0.10 + 0.20 − 1,000.01 = −999.71 exactly.
    expect(a!.plan).toBe(10 + 20 - 100001);
    const b = rows.find((r) => r.keys.measure === ids.B)!;
    expect(b.plan).toBe(100000000000000 - 33333);
    expect(b.forecast).toBe(99999999999999 - 33334);
    expect(b.riskWeightedPlan).toBe(Math.round(((100000000000000 - 33333) * 50) / 100));
  });

  it('dashboard answers from the same roll-up, with measure ids per segment', async () => {
    const d = await api.call('value:dashboard', {});
    const total = expected(() => true);
    expect(d.totals.forecast).toBe(total.forecast);
    expect(d.pipeline.find((p) => p.level === 3)!.measureIds).toEqual([ids.B]);
    expect(d.pipeline.find((p) => p.level === 1)!.measureIds).toEqual([]); // cancelled D is not in the pipeline
    expect(d.questions.measures).toBe(4);
    expect(d.bridge.map((b) => b.name).sort()).toEqual(['P1', 'P2']);
    expect(d.matrix.reduce((s, c) => s + c.count, 0)).toBe(4);
    expect(d.monthly.at(-1)!.cumPlan).toBe(total.plan);
  });
});

describe('cell edits', () => {
  it('refuses bad amounts per cell and writes nothing of the batch', async () => {
    const v = await api.call('value:get', { measureId: ids.A! });
    const line = v.lines[0]!.id;
    const before = (api.session.db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    const bad = [
      { lineId: line, period: '2026-03', field: 'plan' as const, value: '12' },
      { lineId: line, period: '2026-03', field: 'forecast' as const, value: 'twelve' },
      { lineId: line, period: '2026-04', field: 'plan' as const, value: '1.234' },
      { lineId: line, period: '2020-01', field: 'plan' as const, value: '5' },
      { lineId: line, period: '2099-01', field: 'actual' as const, value: '5' },
      { lineId: line, period: '2026-05', field: 'plan' as const, value: '-5' },
    ];
    const e = await api.call('value:setCells', { measureId: ids.A!, cells: bad, locale: 'en-US' }).catch((x: { body: { issues: { field: string; message: string }[] } }) => x);
    const issues = (e as { body: { issues: { field: string; message: string }[] } }).body.issues;
    expect(issues.map((i) => i.field)).toEqual([`${line}:2026-03:forecast`, `${line}:2026-04:plan`, `${line}:2020-01:plan`, `${line}:2099-01:actual`, `${line}:2026-05:plan`]);
    expect(issues[0]!.message).toMatch(/not a number/);
    expect(issues[1]!.message).toMatch(/more than 2 decimals/);
    expect(issues[2]!.message).toMatch(/outside the measure's months/);
    expect(issues[3]!.message).toMatch(/future month|outside/);
    expect(issues[4]!.message).toMatch(/positive amount/);
    expect((api.session.db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n).toBe(before);
    expect((await api.call('value:get', { measureId: ids.A! })).values.find((x) => x.period === '2026-03')).toBeUndefined();
  });

  it('locks the baseline at DI3: later plan edits are deviations, the baseline stays', async () => {
    const v = await api.call('value:get', { measureId: ids.B! });
    // B was DI3 before its plan was entered; the lazy lock copied the plan at its next plan edit.
    const line = v.lines.find((l) => l.type === 'recurring_benefit')!.id;
    const jan = () => api.call('value:get', { measureId: ids.B! }).then((x) => x.values.find((y) => y.lineId === line && y.period === '2026-01')!);
    const locked = (await jan()).baseline;
    expect(locked).not.toBeNull();
    await api.call('value:setCells', { measureId: ids.B!, cells: [{ lineId: line, period: '2026-01', field: 'plan', value: '5' }] });
    expect((await jan()).plan).toBe(500);
    expect((await jan()).baseline).toBe(locked);
    expect((await api.call('value:get', { measureId: ids.B! })).baselineLocked).toBe(true);
    // A (DI2) has no baseline until it passes DI3.
    const a = await api.call('value:get', { measureId: ids.A! });
    expect(a.baselineLocked).toBe(false);
    expect(a.values.every((x) => x.baseline === null)).toBe(true);
  });
});

describe('controller validation', () => {
  it('only the controller validates; validated months are locked until reopened with a reason', async () => {
    const v = await api.call('value:get', { measureId: ids.A! });
    const line = v.lines[0]!.id;
    expect(v.canValidate).toBe(false);
    expect(v.values.find((x) => x.period === '2026-01' && x.lineId === line)!.validated).toBe(false);
    await expect(api.call('value:validate', { measureId: ids.A!, period: '2026-01' })).rejects.toMatchObject({ body: { code: 'forbidden' } });
    await api.call('session:setActor', { personId: people.carla! });
    const after = await api.call('value:validate', { measureId: ids.A!, period: '2026-01' });
    expect(after.canValidate).toBe(true);
    expect(after.values.filter((x) => x.period === '2026-01').every((x) => x.validated)).toBe(true);
    expect(after.validations[0]).toMatchObject({ period: '2026-01', state: 'validated', validatedBy: people.carla });
    await expect(api.call('value:validate', { measureId: ids.A!, period: '2099-01' })).rejects.toMatchObject({ body: { code: 'validation' } });
    // Locked, even for the controller.
    await expect(api.call('value:setCells', { measureId: ids.A!, cells: [{ lineId: line, period: '2026-01', field: 'actual', value: '1' }] })).rejects.toMatchObject({
      body: { issues: [{ message: expect.stringMatching(/validated by the controller/) }] },
    });
    await expect(api.call('value:reopen', { measureId: ids.A!, period: '2026-01', reason: '' })).rejects.toMatchObject({ body: { code: 'bad_input' } });
    await api.call('session:setActor', { personId: people.otto! });
    await expect(api.call('value:reopen', { measureId: ids.A!, period: '2026-01', reason: 'late invoice' })).rejects.toMatchObject({ body: { code: 'forbidden' } });
    await api.call('session:setActor', { personId: people.carla! });
    const reopened = await api.call('value:reopen', { measureId: ids.A!, period: '2026-01', reason: 'late invoice' });
    expect(reopened.validations[0]).toMatchObject({ state: 'reopened', reopenReason: 'late invoice', reopenedBy: people.carla });
    await api.call('session:setActor', { personId: people.otto! });
    const edited = await api.call('value:setCells', { measureId: ids.A!, cells: [{ lineId: line, period: '2026-01', field: 'actual', value: '0.15' }] });
    expect(edited.values.find((x) => x.period === '2026-01' && x.lineId === line)).toMatchObject({ actual: 15, validated: false });
  });
});

describe('dual status', () => {
  it('derives potential from forecast vs target, implementation from milestones, honours overrides with a reason', async () => {
    const db = api.session.db();
    let v = await api.call('value:get', { measureId: ids.A! });
    expect(v.implementation.derived).toBe('grey'); // no milestones
    runAction(db, { actor: 'test', label: 'ms' }, (w) => {
      w.insert('milestones', { measure_id: ids.A!, title: 'Late', due_date: '2020-01-01', done: 0 });
    });
    v = await api.call('value:get', { measureId: ids.A! });
    expect(v.implementation.status).toBe('red');
    expect((await api.call('measures:get', { id: ids.A! })).implementationStatus).toBe('red');
    // Target 1000 on the benefit line; the estimate is far below it.
    await api.call('value:updateLine', { lineId: v.lines[0]!.id, target: '1000' });
    v = await api.call('value:get', { measureId: ids.A! });
    expect(v.potential.derived).toBe('red');
    await expect(api.call('value:setOverride', { measureId: ids.A!, kind: 'potential', status: 'amber', reason: ' ' })).rejects.toMatchObject({ body: { code: 'bad_input' } });
    v = await api.call('value:setOverride', { measureId: ids.A!, kind: 'potential', status: 'amber', reason: 'Deal signed next week' });
    expect(v.potential).toMatchObject({ status: 'amber', derived: 'red', override: { reason: 'Deal signed next week' } });
    expect((await api.call('measures:get', { id: ids.A! })).potentialStatus).toBe('amber');
    v = await api.call('value:clearOverride', { measureId: ids.A!, kind: 'potential' });
    expect(v.potential.status).toBe('red');
    // Stale: nothing updated for longer than the setting → grey.
    runAction(db, { actor: 'test', label: 'age' }, (w) => {
      w.update('measures', ids.A!, { updated_at: '2020-01-01T00:00:00.000Z' });
      for (const l of v.lines) w.update('effect_lines', l.id, { updated_at: '2020-01-01T00:00:00.000Z' });
    });
    v = await api.call('value:get', { measureId: ids.A! });
    expect(v.potential).toMatchObject({ status: 'grey', stale: true });
    expect((await api.call('measures:get', { id: ids.A! })).potentialStatus).toBe('grey');
  });
});

describe('roll-up cube', () => {
  it('stays equal to the detail rows through edits, line deletes, DI, lifecycle and function changes, undo', async () => {
    const { rollup } = await import('../../db/repositories/value-rollup.js');
    const db = api.session.db();
    const same = () => {
      for (const by of [[], ['di'], ['function', 'period'], ['di', 'function', 'period'], ['lifecycle', 'businessUnit'], ['workstream'], ['owner', 'implementation'], ['measure']] as const) {
        const q = { by: [...by], runRatePeriod: '2026-02' };
        expect(rollup(db, q)).toEqual(rollup(db, q, { detail: true }));
      }
    };
    same();
    const a = await api.call('value:get', { measureId: ids.A! });
    await api.call('value:setCells', { measureId: ids.A!, cells: [{ lineId: a.lines[0]!.id, period: '2026-04', field: 'forecast', value: '123.45' }] });
    same();
    runAction(db, { actor: 'test', label: 'move' }, (w) => {
      w.update('measures', ids.A!, { di_level: 4, function: 'Finance' });
      w.update('measures', ids.C!, { lifecycle: 'active' });
      w.update('measures', ids.D!, { lifecycle: 'active' });
    });
    same();
    await api.call('value:deleteLine', { lineId: a.lines[1]!.id });
    same();
    await api.call('history:undo', {});
    same();
    await api.call('measures:delete', { ids: [ids.E!] });
    same();
    const node = { by: ['node' as const], nodeId: ids.org!, runRatePeriod: '2026-02' };
    expect(rollup(db, node)).toEqual(rollup(db, node, { detail: true }));
    const [total] = rollup(db, { by: [], runRatePeriod: '2026-02' });
    expect(total!.plan).toBe(rollup(db, { by: [], runRatePeriod: '2026-02' }, { detail: true })[0]!.plan);
  });
});
