import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkspace, runCli } from './test-cli.js';

let dir: string;
let file: string;
beforeAll(async () => {
  ({ dir, file } = await demoWorkspace('method'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('steerco method and templates save', () => {
  it('exports the method and starts a new workspace from it, with the templates, rules and KPI definitions', async () => {
    const out = join(dir, 'demo.steerco-method.json');
    const r = await runCli('method', 'export', file, '--out', out);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/9 templates, \d+ decision rights, 5 escalation rules, \d+ KPI definitions/);
    const m = JSON.parse(readFileSync(out, 'utf8')) as { kpis: unknown[]; tolerance: unknown };
    expect(m.kpis.length).toBeGreaterThan(0);
    expect(m.tolerance).toEqual({ tolerancePct: 10, staleDays: 30 });
    // An existing file is kept unless --force.
    expect((await runCli('method', 'export', file, '--out', out)).code).toBe(2);
    const next = join(dir, 'next.steerco');
    const n = await runCli('method', 'new', out, '--out', next, '--name', 'Next engagement');
    expect(n.err).toBe('');
    expect(n.out).toMatch(/"Next engagement" with the method's 9 templates/);
    const list = JSON.parse((await runCli('templates', 'list', next, '--json')).out) as { key: string }[];
    expect(list).toHaveLength(9);
  });

  it('refuses a method file that does not hold together: exit 2, the reason, no workspace', async () => {
    const out = join(dir, 'bad.steerco-method.json');
    await runCli('method', 'export', file, '--out', out, '--force');
    const m = JSON.parse(readFileSync(out, 'utf8')) as { escalationRules: { key: string }[] };
    m.escalationRules[0]!.key = 'moon_phase';
    writeFileSync(out, JSON.stringify(m));
    const r = await runCli('method', 'new', out, '--out', join(dir, 'bad.steerco'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/escalation rule "moon_phase" is not one this version/);
    expect(existsSync(join(dir, 'bad.steerco'))).toBe(false);
  });

  it('saves a template from JSON (the shape list --json --full prints); a bad one is refused with every reason', async () => {
    const all = JSON.parse((await runCli('templates', 'list', file, '--json', '--full')).out) as { key: string; name: string; checklist: { role: string }[]; fields: { key: string }[] }[];
    const ob = all.find((t) => t.key === 'customer_onboarding')!;
    const mine = join(dir, 'mine.json');
    writeFileSync(mine, JSON.stringify({ ...ob, key: 'partner_onboarding', name: 'Partner onboarding' }));
    const r = await runCli('templates', 'save', file, mine);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/Saved template partner_onboarding "Partner onboarding": 5 fields, 4 steps/);
    const bad = { ...ob, key: 'bad_one', checklist: ob.checklist.map((c, i) => (i === 0 ? { ...c, role: '' } : c)), fields: [...ob.fields, { key: 'customer_segment', label: 'Segment', type: 'text', choices: [] }] };
    writeFileSync(mine, JSON.stringify(bad));
    const b = await runCli('templates', 'save', file, mine);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/has no role/);
    expect(b.err).toMatch(/clashes with the workspace field/);
    const keys = (JSON.parse((await runCli('templates', 'list', file, '--json')).out) as { key: string }[]).map((t) => t.key);
    expect(keys).toContain('partner_onboarding');
    expect(keys).not.toContain('bad_one');
  });
});
