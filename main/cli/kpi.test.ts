import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkspace, runCli } from './test-cli.js';

let dir: string;
let file: string;
beforeAll(async () => {
  ({ dir, file } = await demoWorkspace('kpi'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('steerco kpi and value --by a field', () => {
  it('prints the ten figures and the KPIs with their status', async () => {
    const r = await runCli('kpi', file, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { figures: { key: string }[]; kpis: { key: string; status: string }[] };
    expect(j.figures).toHaveLength(10);
    expect(j.kpis.find((k) => k.key === 'onboarding_lead_time' && k.status === 'amber')).toBeTruthy();
  });

  it('rolls KPIs up by customer segment', async () => {
    const r = await runCli('kpi', file, '--by', 'customer_segment', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { rows: { key: string; group: string; count: number }[] };
    expect(j.rows.filter((x) => x.key === 'sla_attainment').reduce((n, x) => n + x.count, 0)).toBe(3);
    const bad = await runCli('kpi', file, '--by', 'colour');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/Unknown --by "colour"/);
  });

  it('value --by customer_segment sums the value roll-up per segment', async () => {
    const r = await runCli('value', file, '--by', 'customer_segment', '--json');
    expect(r.err).toBe('');
    const j = JSON.parse(r.out) as { rows: { customer_segment: string; forecast: string; measures: number }[] };
    const all = JSON.parse((await runCli('value', file, '--json')).out) as { rows: { forecast: string; measures: number }[] };
    const sum = j.rows.reduce((n, x) => n + Math.round(Number(x.forecast) * 100), 0);
    expect(sum).toBe(Math.round(Number(all.rows[0]!.forecast) * 100));
    expect(j.rows.map((x) => x.customer_segment)).toEqual(expect.arrayContaining(['Enterprise', 'Mid-market', 'SMB']));
  });
});
