import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Api } from './index.js';
import { apiWithWorkspace } from './test-helpers.js';
import { TEMPLATE_LIBRARY } from '../domain/template-library.js';

let api: Api;
let cleanup: () => void;
beforeEach(async () => {
  ({ api, cleanup } = await apiWithWorkspace());
});
afterEach(() => cleanup());

const db = () => api.session.db();
const changes = () => (db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
const person = async (name: string) => (await api.call('people:list', {})).find((p) => p.name === name)!;
const as = async (name: string) => api.call('session:setActor', { personId: (await person(name)).id });
const packageId = () => (db().prepare("SELECT id FROM nodes WHERE level = 'package' AND deleted = 0 ORDER BY sort_order LIMIT 1").get() as { id: string }).id;
const onboarding = () => TEMPLATE_LIBRARY.find((t) => t.key === 'customer_onboarding')!;

describe('workflow templates', () => {
  it('seeds the library: the eight workflows and the service desk, with the onboarding steps', async () => {
    const list = await api.call('templates:list', {});
    expect(list.map((t) => t.key)).toEqual(TEMPLATE_LIBRARY.map((t) => t.key));
    expect(list).toHaveLength(9);
    const ob = list.find((t) => t.key === 'customer_onboarding')!;
    expect(ob.checklist.map((c) => c.label)).toEqual(['Sales handoff approval', 'Operations readiness review', 'Customer data validation', 'Go/no-go decision taken']);
    expect(ob.fields.map((f) => f.label)).toEqual(expect.arrayContaining(['Configuration status', 'Risk note', 'Go/no-go decision']));
    const desk = list.find((t) => t.key === 'service_desk')!;
    expect(desk.fields.map((f) => f.key)).toEqual(expect.arrayContaining(['category', 'subservice', 'sla', 'impact', 'urgency', 'resolver_group', 'escalation_path', 'closure_reason']));
    // usedBy is recounted from SQL.
    const used = db().prepare('SELECT t.key, count(l.id) AS n FROM templates t LEFT JOIN measure_templates l ON l.template_id = t.id AND l.deleted = 0 GROUP BY t.key').all() as { key: string; n: number }[];
    for (const u of used) expect(list.find((t) => t.key === u.key)?.usedBy).toBe(u.n);
    expect(list.reduce((n, t) => n + t.usedBy, 0)).toBeGreaterThanOrEqual(10);
  });

  it('creates a measure from a template; the gate refuses until the checklist is ticked with evidence', async () => {
    await as('Aisha Khan');
    const m = await api.call('templates:createMeasure', { nodeId: packageId(), templateKey: 'customer_onboarding', title: 'Onboard Contoso' });
    expect(m.title).toBe('Onboard Contoso');
    const wf = await api.call('templates:measure', { measureId: m.id });
    expect(wf.template?.key).toBe('customer_onboarding');
    // Straight to DI2 by hand so the template's DI2 requirements are next.
    db().prepare('UPDATE measures SET di_level = 1, sponsor_id = ? WHERE id = ?').run((await person('Hanna Berg')).id, m.id);
    let st = await api.call('gates:status', { measureId: m.id });
    expect(st.next?.criteria.find((c) => c.key === 'check:sales_handoff')).toMatchObject({ met: false, label: 'Checklist: Sales handoff approval' });
    expect(st.next?.criteria.find((c) => c.key === 'field:launch_date')).toMatchObject({ met: false });
    // Ticking needs the role's holder and the evidence.
    const before = changes();
    await expect(api.call('templates:tick', { measureId: m.id, item: 'sales_handoff', done: true })).rejects.toMatchObject({ body: { code: 'forbidden', message: expect.stringMatching(/Commercial owner/) } });
    await as('Marco Rossi');
    await expect(api.call('templates:tick', { measureId: m.id, item: 'sales_handoff', done: true })).rejects.toMatchObject({ body: { code: 'validation', message: expect.stringMatching(/needs evidence/) } });
    expect(changes()).toBe(before);
    const ticked = await api.call('templates:tick', { measureId: m.id, item: 'sales_handoff', done: true, evidence: { kind: 'note', note: 'Handoff call on Monday' } });
    expect(ticked.checklist.find((c) => c.key === 'sales_handoff')).toMatchObject({ done: true, by: 'Marco Rossi', proof: { kind: 'note' } });
    await expect(api.call('templates:setField', { measureId: m.id, key: 'launch_date', value: '31.02.2027' })).rejects.toMatchObject({ body: { message: expect.stringMatching(/not a date/) } });
    await api.call('templates:setField', { measureId: m.id, key: 'launch_date', value: '2027-06-30' });
    st = await api.call('gates:status', { measureId: m.id });
    expect(st.next?.criteria.find((c) => c.key === 'check:sales_handoff')?.met).toBe(true);
    expect(st.next?.criteria.find((c) => c.key === 'field:launch_date')?.met).toBe(true);
    const readiness = (await api.call('gates:readiness', {})).find((r) => r.measureId === m.id)!;
    expect(readiness.missing).not.toContain('Checklist: Sales handoff approval');
  });

  it('adds the template approvers to its gate', async () => {
    const m = (await api.call('templates:links', {})).find((l) => l.templateKey === 'customer_onboarding')!;
    db().prepare('UPDATE measures SET di_level = 2 WHERE id = ?').run(m.measureId);
    const st = await api.call('gates:status', { measureId: m.measureId });
    expect(st.next?.approverRoles).toContain('operations_lead');
  });

  it('refuses a template that does not hold together, with the reason, writing nothing', async () => {
    const before = changes();
    const bad = (patch: object) => api.call('templates:save', { template: { ...onboarding(), key: 'my_onboarding', ...patch } });
    await expect(bad({ fields: [{ key: 'customer_segment', label: 'Segment', type: 'text', choices: [] }] })).rejects.toMatchObject({
      body: { code: 'validation', message: expect.stringMatching(/clashes with the workspace field/) },
    });
    await expect(bad({ checklist: [{ key: 'x', label: 'Step X', role: '', evidence: false }], gates: [], triggers: [] })).rejects.toMatchObject({ body: { message: expect.stringMatching(/Step X" has no role/) } });
    await expect(bad({ triggers: [{ key: 't', name: 'Bad', level: 'program', field: 'nope', equals: 'High' }] })).rejects.toMatchObject({ body: { message: expect.stringMatching(/names the field "nope"/) } });
    expect(changes()).toBe(before);
    expect((await api.call('templates:list', {})).some((t) => t.key === 'my_onboarding')).toBe(false);
  });

  it('refuses a workspace field whose key a template field uses, with the reason, writing nothing', async () => {
    const before = changes();
    await expect(api.call('customFields:create', { label: 'Launch date', type: 'date' })).rejects.toMatchObject({
      body: { code: 'validation', message: expect.stringMatching(/"launch_date" is a field of the template "Customer onboarding" \(Launch date\)/), issues: [{ field: 'label' }] },
    });
    expect(changes()).toBe(before);
    expect((await api.call('customFields:list', {})).some((f) => f.key === 'launch_date')).toBe(false);
  });

  it('gives the grid a column per template field and each workflow measure its template and own values, recounted from SQL', async () => {
    const g = await api.call('templates:grid', {});
    const keys = db().prepare("SELECT DISTINCT json_extract(f.value, '$.key') AS k FROM templates t, json_each(t.spec, '$.fields') f WHERE t.deleted = 0").pluck().all() as string[];
    expect(g.columns.map((c) => c.key).sort()).toEqual([...keys].sort());
    const links = db()
      .prepare('SELECT l.measure_id AS m, t.key AS k FROM measure_templates l JOIN templates t ON t.id = l.template_id AND t.deleted = 0 JOIN measures m ON m.id = l.measure_id AND m.deleted = 0 WHERE l.deleted = 0')
      .all() as { m: string; k: string }[];
    expect(Object.keys(g.measures).sort()).toEqual(links.map((l) => l.m).sort());
    for (const l of links) expect(g.measures[l.m]!.template).toBe(l.k);
    // A value left from a field the template no longer has is not shown.
    const [id, row] = Object.entries(g.measures).find(([, r]) => Object.keys(r.values).length > 0)!;
    const gone = Object.keys(row.values)[0]!;
    const { id: _id, usedBy: _used, ...t } = (await api.call('templates:list', {})).find((x) => x.key === row.template)!;
    await api.call('templates:save', { template: { ...t, fields: t.fields.filter((f) => f.key !== gone), gates: t.gates.map((x) => ({ ...x, fields: x.fields.filter((f) => f !== gone) })), triggers: t.triggers.filter((x) => x.field !== gone && x.blank !== gone && x.date !== gone), reporting: t.reporting.filter((r) => r !== gone) } });
    expect((await api.call('templates:grid', {})).measures[id]!.values[gone]).toBeUndefined();
  });

  it('removing a template in use asks first; then its measures stay, as plain measures', async () => {
    const used = (await api.call('templates:list', {})).find((t) => t.key === 'quality_review')!;
    expect(used.usedBy).toBe(2);
    const ask = await api.call('templates:remove', { key: 'quality_review' });
    expect(ask).toMatchObject({ removed: false, usedBy: 2, message: expect.stringMatching(/They stay, as plain measures/) });
    const measures = (await api.call('measures:list', {})).length;
    const done = await api.call('templates:remove', { key: 'quality_review', keepMeasures: true });
    expect(done.removed).toBe(true);
    expect((await api.call('measures:list', {})).length).toBe(measures);
    expect((await api.call('templates:links', {})).some((l) => l.templateKey === 'quality_review')).toBe(false);
  });

  it('raises escalations from template triggers (SLA risk high for 2 updates, go/no-go late)', async () => {
    const list = await api.call('escalations:list', {});
    const tpl = list.filter((e) => e.ruleKey.startsWith('template:'));
    expect(tpl.map((e) => e.ruleName)).toEqual(expect.arrayContaining(['Service desk: SLA risk high for 2 updates', 'Customer onboarding: Go/no-go not decided 5 days before launch']));
    expect(tpl.find((e) => e.ruleKey === 'template:service_desk:sla_risk_high')?.reason).toMatch(/SLA risk High for 2 updates in a row/);
  });

  it('method export carries the templates into a new workspace', async () => {
    await api.call('templates:save', { template: { ...onboarding(), key: 'client_onboarding', name: 'Client onboarding' } });
    await api.call('templates:remove', { key: 'performance_reporting', keepMeasures: true });
    const dir = api.session.db().name.replace(/ws\.steerco$/, '');
    const { path } = await api.call('method:export', { path: `${dir}method.steerco-method.json` });
    await api.call('method:newWorkspace', { path: `${dir}next.steerco`, methodPath: path! });
    const keys = (await api.call('templates:list', {})).map((t) => t.key);
    expect(keys).toContain('client_onboarding');
    expect(keys).not.toContain('performance_reporting');
  });
});

describe('workflows in the pack', () => {
  it('the pack has a Service workflows section with each workflow measure, recounted from SQL', async () => {
    const pack = await api.call('pack:build', {});
    const sec = pack.sections.find((x) => x.key === 'workflows')!;
    expect(sec.title).toBe('Service workflows');
    const tables = sec.blocks.filter((b) => b.type === 'table');
    const live = db()
      .prepare("SELECT count(*) AS n FROM measure_templates l JOIN measures m ON m.id = l.measure_id AND m.deleted = 0 AND m.lifecycle IN ('active','on_hold') JOIN templates t ON t.id = l.template_id AND t.deleted = 0 WHERE l.deleted = 0")
      .get() as { n: number };
    expect(tables[1]!.rows).toHaveLength(live.n);
    const ob = tables[1]!.rows.find((r) => String(r[0]).includes('Customer onboarding checklist'))!;
    expect(ob[1]).toBe('Customer onboarding');
    expect(ob[2]).toBe('1/4');
    expect(String(ob[5])).toMatch(/Go\/no-go decision taken still open/);
    const ticked = db().prepare('SELECT count(*) AS n FROM template_checks WHERE done = 1 AND deleted = 0').get() as { n: number };
    const stepsDone = tables[0]!.rows.reduce((n, r) => n + Number(String(r[2]).split(' of ')[0]), 0);
    expect(stepsDone).toBe(ticked.n);
  });

  it("writes the workflow section's dates in the requester's locale: date fields as the locale writes them, trigger texts without a stored day", async () => {
    const iso = /\b\d{4}-\d{2}-\d{2}\b/;
    const rows = async (locale?: string) => (await api.call('pack:build', locale ? { locale } : {})).sections.find((x) => x.key === 'workflows')!.blocks.filter((b) => b.type === 'table')[1]!.rows;
    const de = await rows('de-DE');
    for (const r of de) {
      expect(String(r[4])).not.toMatch(iso);
      expect(String(r[5])).not.toMatch(iso);
    }
    // A date field the demo reports: ISO without a locale, day.month.year in German.
    const plain = await rows();
    const i = plain.findIndex((r) => iso.test(String(r[4])));
    expect(i).toBeGreaterThanOrEqual(0);
    const [y, m, d] = iso.exec(String(plain[i]![4]))![0].split('-');
    expect(String(de[i]![4])).toContain(`${d}.${m}.${y}`);
  });
});
