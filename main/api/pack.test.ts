import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../../db/changes.js';
import { setOverride } from '../../db/repositories/value.js';
import type { Pack, PackBlock } from '../../preload/contract.js';
import { money } from '../domain/pack-format.js';
import { packPlan } from '../exchange/pptx.js';
import { apiWithWorkspace } from './test-helpers.js';

type Ctx = Awaited<ReturnType<typeof apiWithWorkspace>>;
const blocks = (p: Pack, key: string): PackBlock[] => p.sections.find((s) => s.key === key)?.blocks ?? [];
const table = (p: Pack, key: string, title?: string) =>
  blocks(p, key).find((b): b is Extract<PackBlock, { type: 'table' }> => b.type === 'table' && (title === undefined || b.title === title))!;
const kpi = (p: Pack, key: string, label: string) =>
  blocks(p, key)
    .flatMap((b) => (b.type === 'kpis' ? b.items : []))
    .find((k) => k.label === label)!;
const count = (t: Ctx, sql: string) => (t.api.session.db().prepare(sql).get() as { n: number }).n;

describe('steering pack API', () => {
  let t: Ctx;
  beforeEach(async () => {
    t = await apiWithWorkspace();
  });
  afterEach(() => t.cleanup());

  it('builds every section in order with the figures of the value, RAID and meeting APIs', async () => {
    const pack = await t.api.call('pack:build', {});
    expect(pack.sections.map((s) => s.title)).toEqual([
      'Executive summary',
      'Decisions required',
      'Actions from the last meeting',
      'What changed since the last meeting',
      'Delivery and value status',
      'Milestones: overdue, and due in the next 90 days',
      'Value',
      'Top risks, issues and escalations',
      'Service workflows',
      'Decision rights',
      'Service KPIs',
      'Appendix: measure list',
      'Appendix: RAID log',
      'Appendix: decision log',
    ]);
    const [total] = await t.api.call('value:rollup', { by: [] });
    const dash = await t.api.call('value:dashboard', {});
    expect(kpi(pack, 'value', 'Forecast').value).toBe(money(total!.forecast, 'EUR'));
    expect(kpi(pack, 'value', 'Target').value).toBe(money(dash.target, 'EUR'));
    expect(kpi(pack, 'summary', '3. What value is expected?').value).toBe(money(dash.questions.expectedValue, 'EUR'));
    expect(table(pack, 'appendix_measures').rows).toHaveLength(49);
    expect(table(pack, 'appendix_raid').rows).toHaveLength((await t.api.call('raid:list', {})).length);
    expect(table(pack, 'appendix_decisions').rows).toHaveLength((await t.api.call('decisions:list', {})).length);
    const escalations = await t.api.call('escalations:list', {});
    expect(table(pack, 'risks', 'Escalations').rows).toHaveLength(escalations.length);
    const committeeGates = (await t.api.call('gates:inbox', {})).filter((r) => r.toLevel === 3);
    expect(committeeGates.length).toBeGreaterThan(0);
    const decisions = table(pack, 'decisions').rows;
    expect(decisions.length).toBe(Math.min(6, committeeGates.length + escalations.filter((e) => e.level === 'steering').length));
    expect(decisions[0]![0]).toContain(`Approve DI3 Decided for ${committeeGates.sort((x, y) => y.ageDays - x.ageDays)[0]!.code}`);
    expect(table(pack, 'risks', 'Blocked by dependencies (late or red upstream)').rows).toHaveLength((await t.api.call('deps:blocked', {})).length);
    expect(blocks(pack, 'changes')[0]).toMatchObject({ type: 'note', text: expect.stringContaining('No previous snapshot') });
    expect(pack.meta.fileStem).toMatch(/^Test_Whole-program_\d{4}-\d{2}-\d{2}$/);
  });

  it('holds a meeting: freezes its pack, reprints it identically, and the next pack says what changed', async () => {
    const db = t.api.session.db();
    const [latest, earlier] = await t.api.call('meetings:list', {});
    const first = earlier ?? latest!;
    await t.api.call('pack:saveTexts', { meetingId: first.id, texts: { overallStatus: 'amber', statusReason: 'Billing feed late', summary: 'On track overall.', keyAchievement: 'Tiers priced', keyConcern: 'Decide the fallback' } });
    const snap = await t.api.call('pack:freeze', { meetingId: first.id });
    expect((await t.api.call('meetings:get', { id: first.id })).meeting.status).not.toBe('planned');
    expect((await t.api.call('pack:meetings', {})).find((m) => m.id === first.id)?.snapshotId).toBe(snap.id);
    await expect(t.api.call('pack:freeze', { meetingId: first.id })).rejects.toThrow(/already frozen/);
    await expect(t.api.call('pack:saveTexts', { meetingId: first.id, texts: { overallStatus: 'red', statusReason: '', summary: '', keyAchievement: '', keyConcern: '' } })).rejects.toThrow(/frozen/);
    const frozen = await t.api.call('pack:snapshot', { id: snap.id });
    expect(frozen.meta.frozen?.snapshotId).toBe(snap.id);
    expect(kpi(frozen, 'summary', 'Overall status')).toMatchObject({ value: 'Amber', hint: 'Billing feed late' });

    const [m0, m1] = (await t.api.call('measures:list', {})).filter((m) => m.diLevel < 4);
    runAction(db, { actor: 'test', label: 'changes' }, (w) => {
      w.update('measures', m0!.id, { di_level: m0!.diLevel + 1 });
      setOverride(w, db, m0!.id, { kind: 'potential', status: m0!.potentialStatus === 'red' ? 'green' : 'red', reason: 'test', by: 'test' });
      const v = db.prepare("SELECT v.id, v.forecast FROM effect_values v JOIN effect_lines l ON l.id = v.line_id WHERE l.measure_id = ? AND l.type = 'recurring_benefit' AND v.forecast IS NOT NULL LIMIT 1").get(m1!.id) as { id: string; forecast: number } | undefined;
      if (v) w.update('effect_values', v.id, { forecast: v.forecast + 5_000_000 });
      else {
        const line = w.insert('effect_lines', { measure_id: m1!.id, type: 'recurring_benefit', label: 'x', sort_order: 9 });
        w.insert('effect_values', { line_id: line, period: '2026-12', forecast: 5_000_000 }, `${line}:2026-12`);
      }
      const open = db.prepare("SELECT id FROM raid_items WHERE status <> 'closed' AND deleted = 0 ORDER BY code LIMIT 1").get() as { id: string };
      w.update('raid_items', open.id, { status: 'closed' });
      w.insert('raid_items', { code: 'R-9999', kind: 'issue', title: 'New vendor issue', status: 'open', escalated: 0 });
    });
    const later = await t.api.call('meetings:create', { title: 'Next steering', date: '2099-01-15' });
    await t.api.call('decisions:create', { meetingId: later.id, text: 'Approve the fallback billing run', links: [{ kind: 'measure', id: m0!.id }] });

    expect(await t.api.call('pack:snapshot', { id: snap.id })).toEqual(frozen);
    const next = await t.api.call('pack:build', { meetingId: later.id });
    expect(blocks(next, 'changes')[0]).toMatchObject({ type: 'note', text: expect.stringContaining(first.title) });
    expect(kpi(next, 'changes', 'Gates passed').value).toBe('1');
    expect(Number(kpi(next, 'changes', 'Status changes').value)).toBeGreaterThanOrEqual(1);
    expect(kpi(next, 'changes', 'New RAID items').value).toBe('1');
    expect(kpi(next, 'changes', 'Closed RAID items').value).toBe('1');
    expect(kpi(next, 'changes', 'New decisions').value).toBe('1');
    expect(table(next, 'changes', 'Gates passed').rows[0]).toContain(m0!.code);
    expect(table(next, 'changes', 'Value moved: top 10 forecast changes').rows.map((r) => r[0])).toContain(m1!.code);
    // The pack for the held meeting is still the frozen one.
    expect(await t.api.call('pack:exportPptx', { meetingId: first.id, path: join(t.dir, 'held.pptx') })).toMatchObject({ slides: packPlan(frozen).length });
  });

  it('refuses an empty scope with a clear message and writes nothing', async () => {
    const node = await t.api.call('nodes:create', { parentId: null, name: 'Empty org' });
    const before = count(t, 'SELECT count(*) AS n FROM change_log');
    await expect(t.api.call('pack:build', { scopeId: node.id })).rejects.toMatchObject({ body: { code: 'validation', message: expect.stringContaining('"Empty org" has no measures') } });
    const [meeting] = await t.api.call('meetings:list', {});
    await expect(t.api.call('pack:freeze', { scopeId: node.id, meetingId: meeting!.id, acceptEmpty: true })).rejects.toThrow(/no measures/);
    expect(count(t, 'SELECT count(*) AS n FROM change_log')).toBe(before);
    expect(await t.api.call('pack:snapshots', {})).toEqual([]);
  });

  it('keeps section order and switches per workspace', async () => {
    const s = await t.api.call('pack:settings', {});
    const sections = [...s.sections].reverse().map((x) => ({ ...x, enabled: x.key !== 'appendix_raid' }));
    await t.api.call('pack:saveSettings', { settings: { ...s, sections, paper: 'Letter' } });
    const pack = await t.api.call('pack:build', {});
    expect(pack.sections[0]!.key).toBe('appendix_decisions');
    expect(pack.sections.map((x) => x.key)).not.toContain('appendix_raid');
    expect(pack.meta.paper).toBe('Letter');
  });

  it('scopes a pack to a program', async () => {
    const program = (await t.api.call('nodes:list', {})).find((n) => n.level === 'program')!;
    const pack = await t.api.call('pack:build', { scopeId: program.id });
    expect(pack.meta.scopeName).toBe(program.name);
    expect(table(pack, 'appendix_measures').rows).toHaveLength((await t.api.call('measures:list', { nodeId: program.id })).length);
    const [total] = await t.api.call('value:rollup', { nodeId: program.id, by: [] });
    expect(kpi(pack, 'value', 'Forecast').value).toBe(money(total!.forecast, 'EUR'));
  });

  it('exports PowerPoint slides and refuses an unwritable path leaving no file', async () => {
    mkdirSync(join(t.dir, 'out'));
    const out = join(t.dir, 'out', 'pack.pptx');
    const r = await t.api.call('pack:exportPptx', { path: out });
    const pack = await t.api.call('pack:build', {});
    // A slide or more per section (continuation slides for long tables), one or more per escalated measure.
    expect(r.slides).toBe(packPlan(pack).length);
    expect(r.slides).toBeGreaterThanOrEqual(1 + 10 + pack.escalated.length);
    expect(existsSync(out)).toBe(true);
    await expect(t.api.call('pack:exportPptx', { path: join(out, 'inside-a-file.pptx') })).rejects.toThrow(/Cannot write .*Nothing was written/);
    await expect(t.api.call('pack:exportPptx', { path: join(t.dir, 'missing', 'pack.pptx') })).rejects.toThrow(/the folder .* does not exist/);
    expect(readdirSync(join(t.dir, 'out'))).toEqual(['pack.pptx']);
  });

  it('says where a PDF comes from when there is no desktop shell to print with', async () => {
    await expect(t.api.call('pack:exportPdf', { path: join(t.dir, 'pack.pdf') })).rejects.toMatchObject({
      body: { code: 'unsupported', message: expect.stringContaining('steerco pack FILE --out pack.pdf') },
    });
    expect(existsSync(join(t.dir, 'pack.pdf'))).toBe(false);
  });
});
