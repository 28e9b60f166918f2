import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentPeriod, nowIso } from '../../db/clock.js';
import type { Api } from './index.js';
import { apiWithWorkspace } from './test-helpers.js';

let api: Api;
let cleanup: () => void;
beforeEach(async () => {
  ({ api, cleanup } = await apiWithWorkspace());
});
afterEach(() => cleanup());

const db = () => api.session.db();
const changes = () => (db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
const nextMonth = () => {
  const [y, m] = currentPeriod().split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
const figure = async (key: string) => (await api.call('kpi:figures', {})).figures.find((f) => f.key === key)!;
const one = <T>(sql: string, ...p: unknown[]) => db().prepare(sql).get(...p) as T;

describe('service KPIs', () => {
  it('an actual past the amber threshold turns the KPI amber, past red turns it red; the status is derived, never stored', async () => {
    const m = (await api.call('measures:list', {})).find((x) => x.title === 'Weekly operations scorecard')!;
    const k = await api.call('kpi:save', { measureId: m.id, kpi: { key: 'backlog_age', name: 'Backlog age', unit: 'days', direction: 'lower', baseline: 9, target: 3, amber: 5, red: 8 } });
    expect(k.status).toBe('grey');
    expect((await api.call('kpi:setActual', { id: k.id, period: currentPeriod(), value: '4' })).status).toBe('green');
    const amber = await api.call('kpi:setActual', { id: k.id, period: currentPeriod(), value: '6,5', locale: 'de-DE' });
    expect(amber).toMatchObject({ status: 'amber', latest: { value: 6.5 }, reason: expect.stringMatching(/above the amber threshold 5 days/) });
    expect((await api.call('kpi:setActual', { id: k.id, period: currentPeriod(), value: '9' })).status).toBe('red');
  });

  it('refuses a red threshold on the wrong side of amber, an actual for a future month, text that is not a number; nothing written', async () => {
    const m = (await api.call('measures:list', {}))[0]!;
    const before = changes();
    await expect(api.call('kpi:save', { measureId: m.id, kpi: { key: 'sla', name: 'SLA', unit: '%', direction: 'higher', baseline: null, target: 95, amber: 90, red: 92 } })).rejects.toMatchObject({
      body: { code: 'validation', message: expect.stringMatching(/red threshold \(92\) is on the wrong side of amber \(90\).*red must be below amber/) },
    });
    await expect(api.call('kpi:save', { measureId: m.id, kpi: { key: 'lead', name: 'Lead', unit: 'd', direction: 'lower', baseline: null, target: 10, amber: 12, red: 11 } })).rejects.toMatchObject({ body: { message: expect.stringMatching(/red must be above amber/) } });
    expect(changes()).toBe(before);
    const k = await api.call('kpi:save', { measureId: m.id, kpi: { key: 'sla', name: 'SLA', unit: '%', direction: 'higher', baseline: null, target: 95, amber: 92, red: 90 } });
    const after = changes();
    await expect(api.call('kpi:setActual', { id: k.id, period: nextMonth(), value: '93' })).rejects.toMatchObject({ body: { message: expect.stringMatching(/is in the future/) } });
    await expect(api.call('kpi:setActual', { id: k.id, period: currentPeriod(), value: 'ninety' })).rejects.toMatchObject({ body: { message: expect.stringMatching(/not a number/) } });
    await expect(api.call('kpi:setActual', { id: k.id, period: '2026-13', value: '93' })).rejects.toMatchObject({ body: { message: expect.stringMatching(/not a month/) } });
    expect(changes()).toBe(after);
  });

  it('rolls KPIs up by node and by a choice field, recounted from SQL', async () => {
    const rows = await api.call('kpi:rollup', { by: 'customer_segment' });
    const sla = rows.filter((r) => r.key === 'sla_attainment');
    expect(sla.reduce((n, r) => n + r.count, 0)).toBe(one<{ n: number }>("SELECT count(*) AS n FROM kpis k JOIN measures m ON m.id = k.measure_id AND m.lifecycle IN ('active','on_hold') WHERE k.key = 'sla_attainment' AND k.deleted = 0").n);
    // The average of the latest actuals per segment, independently.
    for (const r of sla) {
      const avg = one<{ a: number | null }>(
        `SELECT avg(a.value) AS a FROM kpis k JOIN kpi_actuals a ON a.kpi_id = k.id AND a.period = (SELECT max(period) FROM kpi_actuals x WHERE x.kpi_id = k.id AND x.deleted = 0 AND x.period <= ?)
         LEFT JOIN custom_values v ON v.measure_id = k.measure_id AND v.field_id = (SELECT id FROM custom_fields WHERE key = 'customer_segment') AND v.deleted = 0
         JOIN measures mm ON mm.id = k.measure_id AND mm.lifecycle IN ('active','on_hold') WHERE k.key = 'sla_attainment' AND k.deleted = 0 AND coalesce(v.value, '') = ?`,
        currentPeriod(),
        r.group,
      ).a;
      expect(r.average).toBeCloseTo(avg!, 6);
    }
    const program = (await api.call('nodes:list', {})).find((n) => n.level === 'program')!;
    const under = await api.call('kpi:list', { under: program.id });
    expect(under.some((k) => k.key === 'customer_satisfaction' && k.nodeId === program.id)).toBe(true);
    await expect(api.call('kpi:rollup', { by: 'nope' })).rejects.toMatchObject({ body: { message: expect.stringMatching(/Unknown --by "nope"/) } });
  });

  it('computes the ten figures, each recomputed independently from SQL', async () => {
    const f = await api.call('kpi:figures', {});
    expect(f.figures.map((x) => x.label)).toEqual([
      'Service launch readiness', 'Onboarding cycle time', 'Escalation backlog', 'SLA risk', 'Open decision count', 'Approval aging', 'Forecast margin', 'Actual service cost', 'Quality review exceptions', 'Customer segment performance',
    ]);
    const live = "m.deleted = 0 AND m.lifecycle IN ('active','on_hold')";
    const fm = one<{ n: number }>(`SELECT coalesce(sum(v.forecast),0) AS n FROM effect_values v JOIN effect_lines l ON l.id = v.line_id AND l.deleted = 0 AND l.type = 'forecast_margin' JOIN measures m ON m.id = l.measure_id AND ${live} WHERE v.deleted = 0`).n;
    expect(fm).toBeGreaterThan(0);
    expect((await figure('forecast_margin')).raw).toBe(fm);
    const cost = one<{ n: number }>(`SELECT coalesce(sum(v.actual),0) AS n FROM effect_values v JOIN effect_lines l ON l.id = v.line_id AND l.deleted = 0 AND l.type = 'actual_service_cost' JOIN measures m ON m.id = l.measure_id AND ${live} WHERE v.deleted = 0`).n;
    expect((await figure('actual_service_cost')).raw).toBe(cost);
    const openD = one<{ n: number }>("SELECT count(*) AS n FROM decisions WHERE deleted = 0 AND status = 'open'").n;
    const pending = one<{ n: number }>(`SELECT count(*) AS n FROM gate_requests r JOIN measures m ON m.id = r.measure_id AND m.deleted = 0 WHERE r.deleted = 0 AND r.status = 'pending'`).n;
    expect(openD).toBe(1);
    expect((await figure('open_decisions')).raw).toBe(openD + pending);
    const ages = db()
      .prepare(`SELECT CAST(julianday(?) - julianday(r.created_at) AS INTEGER) AS d FROM gate_requests r JOIN measures m ON m.id = r.measure_id AND m.deleted = 0 WHERE r.deleted = 0 AND r.status = 'pending'`)
      .all(nowIso()) as { d: number }[];
    expect(ages.length).toBeGreaterThan(0);
    expect((await figure('approval_aging')).raw).toBe(Math.round(ages.reduce((n, a) => n + Math.max(0, a.d), 0) / ages.length));
    const sla = one<{ n: number }>(`SELECT count(DISTINCT v.measure_id) AS n FROM template_values v JOIN measures m ON m.id = v.measure_id AND ${live} WHERE v.deleted = 0 AND (v.field_key = 'sla_risk' OR v.field_key LIKE '%\\_sla_risk' ESCAPE '\\') AND v.value = 'High'`).n;
    expect(sla).toBe(1);
    expect((await figure('sla_risk')).raw).toBe(sla);
    const exc = one<{ n: number }>(`SELECT coalesce(sum(CAST(v.value AS REAL)),0) AS n FROM template_values v JOIN measures m ON m.id = v.measure_id AND ${live} WHERE v.deleted = 0 AND v.field_key = 'review_exceptions'`).n;
    expect((await figure('quality_exceptions')).raw).toBe(exc);
    const esc = (await api.call('escalations:list', {})).length;
    expect((await figure('escalation_backlog')).raw).toBe(esc);
    const steps = one<{ done: number; total: number }>(
      `SELECT (SELECT count(*) FROM template_checks c JOIN measure_templates l ON l.measure_id = c.measure_id AND l.deleted = 0 JOIN templates t ON t.id = l.template_id AND t.key = 'customer_onboarding' JOIN measures m ON m.id = c.measure_id AND ${live} WHERE c.done = 1 AND c.deleted = 0) AS done,
              (SELECT count(*) * 4 FROM measure_templates l JOIN templates t ON t.id = l.template_id AND t.key = 'customer_onboarding' JOIN measures m ON m.id = l.measure_id AND ${live} WHERE l.deleted = 0) AS total`,
    );
    expect((await figure('launch_readiness')).raw).toBe(Math.round((steps.done / steps.total) * 100));
    const segs = one<{ n: number }>(`SELECT count(DISTINCT v.value) AS n FROM kpis k JOIN custom_values v ON v.measure_id = k.measure_id AND v.deleted = 0 JOIN custom_fields f ON f.id = v.field_id AND f.key = 'customer_segment' JOIN measures m ON m.id = k.measure_id AND ${live} WHERE k.deleted = 0`).n;
    expect((await figure('segment_performance')).raw).toBe(segs);
    expect(f.statusCounts.red + f.statusCounts.amber + f.statusCounts.green + f.statusCounts.grey).toBe(
      one<{ n: number }>("SELECT count(*) AS n FROM kpis k LEFT JOIN measures m ON m.id = k.measure_id WHERE k.deleted = 0 AND (k.measure_id IS NULL OR (m.deleted = 0 AND m.lifecycle IN ('active','on_hold')))").n,
    );
    expect(f.figures.find((x) => x.key === 'actual_service_cost')!.raw).toBeGreaterThan(0);
  });
});

describe('service KPIs in the pack', () => {
  it('the pack has a Service KPIs section with the ten figures and every KPI, and the executive summary counts them', async () => {
    const m = (await api.call('measures:list', {})).find((x) => x.title === 'Weekly operations scorecard')!;
    const k = await api.call('kpi:save', { measureId: m.id, kpi: { key: 'backlog_age', name: 'Backlog age', unit: 'days', direction: 'lower', baseline: null, target: 3, amber: 5, red: 8 } });
    await api.call('kpi:setActual', { id: k.id, period: currentPeriod(), value: '6' });
    const pack = await api.call('pack:build', {});
    const sec = pack.sections.find((s) => s.key === 'service_kpis')!;
    const figures = sec.blocks[0]!;
    const f = await api.call('kpi:figures', {});
    expect(figures.type === 'kpis' && figures.items.map((i) => [i.label, i.value])).toEqual(f.figures.map((x) => [x.label, x.value]));
    const table = sec.blocks[1]!;
    expect(table.type === 'table' && table.rows.length).toBe(f.kpis.length);
    expect(table.type === 'table' && table.rows.find((r) => r[0] === 'Backlog age')?.[4]).toEqual({ text: 'Amber', rag: 'amber' });
    const summary = pack.sections.find((s) => s.key === 'summary')!.blocks[0]!;
    const item = summary.type === 'kpis' ? summary.items.find((i) => i.label === 'Service KPIs') : undefined;
    expect(item?.value).toBe(`${f.statusCounts.red} red · ${f.statusCounts.amber} amber`);
  });

  it('writes the service money figures in the reader\'s locale, the same on the dashboard and in the pack', async () => {
    const de = await api.call('kpi:figures', { locale: 'de-DE' });
    const plain = await api.call('kpi:figures', {});
    const cost = (f: typeof de) => f.figures.find((x) => x.key === 'actual_service_cost')!;
    expect(cost(de).raw).toBe(cost(plain).raw);
    expect(cost(plain).value).toMatch(/^−?EUR \d{1,3}(,\d{3})*$/);
    expect(cost(de).value.replace(/\s/g, ' ')).toMatch(/^−?\d{1,3}(\.\d{3})* EUR$/);
    const pack = await api.call('pack:build', { locale: 'de-DE' });
    const sec = pack.sections.find((s) => s.key === 'service_kpis')!.blocks[0]!;
    expect(sec.type === 'kpis' && sec.items.find((i) => i.label === 'Actual service cost')?.value).toBe(cost(de).value);
  });
});
