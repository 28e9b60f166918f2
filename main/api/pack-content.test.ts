import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pack, PackBlock, PackCell } from '../../preload/contract.js';
import { daysBetween } from '../domain/pack-format.js';
import { formatDay } from '../../preload/contract/parse.js';
import { today } from '../../db/clock.js';
import { apiWithWorkspace } from './test-helpers.js';

type Ctx = Awaited<ReturnType<typeof apiWithWorkspace>>;
type Table = Extract<PackBlock, { type: 'table' }>;
const text = (c: PackCell) => (typeof c === 'string' ? c : c.text);
const tables = (p: Pack, key: string): Table[] => (p.sections.find((s) => s.key === key)?.blocks ?? []).filter((b): b is Table => b.type === 'table');
const table = (p: Pack, key: string, title: RegExp | undefined = undefined) => tables(p, key).find((b) => !title || title.test(b.title ?? ''))!;
const kpi = (p: Pack, label: string) =>
  p.sections
    .find((s) => s.key === 'summary')!
    .blocks.flatMap((b) => (b.type === 'kpis' ? b.items : []))
    .find((k) => k.label === label)!;

describe('steering pack content is true and consistent', () => {
  let t: Ctx;
  let pack: Pack;
  beforeAll(async () => {
    t = await apiWithWorkspace();
    pack = await t.api.call('pack:build', {});
  });
  afterAll(() => t.cleanup());

  it("writes every date in the requester's locale (the one date format), ISO without one", async () => {
    const iso = /\b\d{4}-\d{2}-\d{2}\b/;
    // The sections whose dates the pack writes (workflow fields and rule reasons are texts of the workflow feature).
    const own = ['milestones', 'actions', 'changes', 'appendix_raid', 'appendix_decisions'];
    const cells = (p: Pack) => p.sections.filter((x) => own.includes(x.key)).flatMap((x) => x.blocks.flatMap((b) => (b.type === 'table' ? b.rows.flat().map(text) : b.type === 'note' ? [b.text] : [])));
    const de = await t.api.call('pack:build', { locale: 'de-DE' });
    expect(de.meta.locale).toBe('de-DE');
    const dated = cells(pack).filter((c) => iso.test(c));
    expect(dated.length).toBeGreaterThan(5);
    expect(cells(de).filter((c) => iso.test(c))).toEqual([]);
    const upcoming = table(de, 'milestones', /^Due in the next 90 days/);
    const first = table(pack, 'milestones', /^Due in the next 90 days/).rows[0];
    if (first) expect(text(upcoming.rows[0]![0]!)).toBe(formatDay(text(first[0]!), 'de-DE'));
    await expect(t.api.call('pack:build', { locale: 'no such tag!' })).rejects.toMatchObject({ body: { message: expect.stringContaining('is not a language tag') } });
  });

  it("writes money in the requester's locale with the currency's own decimals: one figure, read the same on every surface", async () => {
    const de = await t.api.call('pack:build', { locale: 'de-DE' });
    const us = await t.api.call('pack:build', { locale: 'en-US' });
    const fc = (p: Pack) => p.sections.flatMap((x) => x.blocks).flatMap((b) => (b.type === 'kpis' ? b.items : [])).find((k) => k.label === 'Forecast')!.value;
    const forecast = fc(pack);
    expect(forecast).toMatch(/^−?EUR \d{1,3}(,\d{3})*$/);
    const major = forecast.replace(/[^\d]/g, '');
    // The same amount, grouped the German way with the code after it, and the US way.
    expect(fc(de).replace(/\s/g, ' ')).toBe(`${forecast.startsWith('−') ? '−' : ''}${Number(major).toLocaleString('de-DE')} EUR`);
    expect(fc(us).replace(/\s/g, ' ')).toBe(forecast);
    // The dashboard's figure, in minor units, is that amount.
    const dash = await t.api.call('value:dashboard', {});
    expect(Math.round(Math.abs(dash.totals.forecast) / 100)).toBe(Number(major));
  });

  it('lists overdue milestones apart, with days late, and the next 90 days with forecast dates; no cancelled or closed work', async () => {
    const day = today();
    const overdue = table(pack, 'milestones', /^Overdue/);
    const upcoming = table(pack, 'milestones', /^Due in the next 90 days/);
    const measures = await t.api.call('measures:list', {});
    const byCode = new Map(measures.map((m) => [m.code, m]));
    const db = t.api.session.db();
    const openPast = db
      .prepare(
        `SELECT count(*) AS n FROM milestones ms JOIN measures m ON m.id = ms.measure_id
         WHERE ms.deleted = 0 AND ms.done = 0 AND ms.due_date < ? AND m.lifecycle NOT IN ('cancelled','closed')`,
      )
      .get(day) as { n: number };
    expect(overdue.rows.length).toBe(openPast.n);
    expect(overdue.rows.length).toBeGreaterThan(0);
    for (const r of overdue.rows) {
      expect(text(r[0]!) < day).toBe(true);
      expect(Number(text(r[1]!))).toBe(daysBetween(text(r[0]!), day));
    }
    expect(upcoming.rows.length).toBeGreaterThan(0);
    for (const r of upcoming.rows) {
      expect(text(r[0]!) >= day).toBe(true);
      expect(text(r[1]!)).toMatch(/^\d{4}-\d{2}-\d{2} \((on plan|\d+ days? (late|early))\)$/);
    }
    for (const r of [...overdue.rows, ...upcoming.rows]) {
      const m = byCode.get(text(r[overdue.rows.includes(r) ? 3 : 2]!).replace(' (on hold)', ''))!;
      expect(['active', 'on_hold']).toContain(m.lifecycle);
    }
    // One coherent plan per measure: no milestone title twice on a measure.
    const dup = db.prepare('SELECT count(*) AS n FROM (SELECT measure_id, title FROM milestones WHERE deleted = 0 GROUP BY measure_id, title HAVING count(*) > 1)').get() as { n: number };
    expect(dup.n).toBe(0);
    // Implemented and closed measures have done every milestone.
    const openLate = db.prepare('SELECT count(*) AS n FROM milestones ms JOIN measures m ON m.id = ms.measure_id WHERE ms.deleted = 0 AND ms.done = 0 AND m.di_level >= 4').get() as { n: number };
    expect(openLate.n).toBe(0);
  });

  it('shows lifecycle and DI in the appendix; only active measures carry status colours', async () => {
    const t0 = table(pack, 'appendix_measures');
    expect(t0.columns.map((c) => c.label)).toEqual(['Code', 'Title', 'Workstream', 'Owner', 'DI', 'Lifecycle', 'Delivery', 'Value', 'Forecast']);
    const measures = new Map((await t.api.call('measures:list', {})).map((m) => [m.code, m]));
    const seen = new Set<string>();
    for (const r of t0.rows) {
      const m = measures.get(text(r[0]!))!;
      seen.add(m.lifecycle);
      expect(text(r[4]!)).toMatch(new RegExp(`^DI${m.diLevel} `));
      expect(text(r[5]!)).toBe({ active: 'Active', on_hold: 'On hold', cancelled: 'Cancelled', closed: 'Closed' }[m.lifecycle]);
      if (m.lifecycle !== 'active') expect([r[6], r[7]]).toEqual(['—', '—']);
      if (m.lifecycle === 'cancelled') expect(r[8]).toBe('excluded (cancelled)');
    }
    expect([...seen].sort()).toEqual(['active', 'cancelled', 'closed', 'on_hold']);
  });

  it('defines risk-weighted once (of the forecast) and blocked once (the RAID feature\'s list)', async () => {
    const dash = await t.api.call('value:dashboard', {});
    const [total] = await t.api.call('value:rollup', { by: [] });
    expect(dash.questions.riskWeightedForecast).toBe(total!.riskWeightedForecast);
    expect(dash.pipeline.reduce((s, l) => s + l.riskWeightedForecast, 0)).toBe(total!.riskWeightedForecast);
    expect(kpi(pack, '3. What value is expected?').hint).toContain('risk-weighted forecast');
    const blocked = await t.api.call('deps:blocked', {});
    expect(dash.questions.blocked).toBe(blocked.length);
    expect(kpi(pack, '4. What is blocking delivery?').value).toBe(`${blocked.length} blocked measure${blocked.length === 1 ? '' : 's'}`);
    expect(table(pack, 'risks', /^Blocked/).rows).toHaveLength(blocked.length);
    expect((await t.api.call('value:questionMeasures', { question: 'blocked' })).sort()).toEqual(blocked.map((b) => b.measure.id).sort());
  });

  it('answers the evidence question with evidence: gate and closure evidence, validated actuals, confirmed value', async () => {
    const q = (await t.api.call('value:dashboard', {})).questions;
    const db = t.api.session.db();
    const union = db
      .prepare(
        `SELECT count(*) AS n FROM measures m WHERE m.deleted = 0 AND m.lifecycle <> 'cancelled' AND (
           EXISTS (SELECT 1 FROM gate_evidence e WHERE e.measure_id = m.id AND e.deleted = 0)
           OR EXISTS (SELECT 1 FROM value_validations v WHERE v.measure_id = m.id AND v.state = 'validated' AND v.deleted = 0)
           OR EXISTS (SELECT 1 FROM gate_attestations a WHERE a.measure_id = m.id AND a.key = 'value_confirmed' AND a.deleted = 0))`,
      )
      .get() as { n: number };
    expect(q.evidenced).toBe(union.n);
    expect(q.evidence.valueConfirmed).toBeGreaterThan(0);
    expect(q.evidence.documented).toBeGreaterThan(0);
    expect(q.evidence.validatedBenefits).toBeGreaterThan(0);
    expect(kpi(pack, '5. What evidence proves it works?').hint).toMatch(/gate or closure evidence \d+ · validated actuals \d+ · value confirmed \d+ · validated benefits EUR [\d,]+ against costs EUR [\d,]+/);
    expect(await t.api.call('value:questionMeasures', { question: 'evidenced' })).toHaveLength(q.evidenced);
    // Evidence on a measure that had none counts at once.
    const ids = new Set(await t.api.call('value:questionMeasures', { question: 'evidenced' }));
    const bare = (await t.api.call('measures:list', {})).find((m) => !ids.has(m.id) && m.lifecycle === 'active')!;
    await t.api.call('gates:addEvidence', { measureId: bare.id, evidence: { kind: 'link', url: 'https://example.com/pilot-report' } });
    expect((await t.api.call('value:dashboard', {})).questions.evidenced).toBe(q.evidenced + 1);
  });

  it('names every figure of the five questions with the measures behind it', async () => {
    const q = (await t.api.call('value:dashboard', {})).questions;
    expect(await t.api.call('value:questionMeasures', { question: 'inProgress' })).toHaveLength(q.inProgress);
    expect(await t.api.call('value:questionMeasures', { question: 'unowned' })).toHaveLength(q.unowned);
    const owned = await t.api.call('value:questionMeasures', { question: 'owners' });
    expect(owned.length).toBe(q.inProgress - q.unowned);
  });

  it('writes rule names with their numbers', () => {
    const names = tables(pack, 'risks').flatMap((b) => b.rows.map((r) => text(r[2]!)));
    expect(names.some((n) => /more than 14 days/.test(n))).toBe(true);
    expect(JSON.stringify(pack)).not.toMatch(/\bN (days|updates)\b/);
  });
});
