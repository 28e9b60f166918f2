import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../../db/changes.js';
import type { Pack, PackBlock } from '../../preload/contract.js';
import { money } from '../domain/pack-format.js';
import { addPackData } from './pack-test-data.js';
import { apiWithWorkspace } from './test-helpers.js';

type Ctx = Awaited<ReturnType<typeof apiWithWorkspace>>;
const AS_OF = '2026-06-15';
const blocks = (p: Pack, key: string): PackBlock[] => p.sections.find((s) => s.key === key)?.blocks ?? [];
const table = (p: Pack, key: string, title?: string) =>
  blocks(p, key).find((b): b is Extract<PackBlock, { type: 'table' }> => b.type === 'table' && (title === undefined || b.title === title))!;
const kpi = (p: Pack, key: string, label: string) =>
  blocks(p, key)
    .flatMap((b) => (b.type === 'kpis' ? b.items : []))
    .find((k) => k.label === label)!;

describe('steering pack API', () => {
  let t: Ctx;
  let ids: string[];
  beforeEach(async () => {
    t = await apiWithWorkspace();
    ids = addPackData(t.api.session.db(), { asOf: AS_OF }).measureIds;
  });
  afterEach(() => t.cleanup());

  it('builds every section in order with figures from the database', async () => {
    const pack = await t.api.call('pack:build', { asOf: AS_OF });
    expect(pack.sections.map((s) => s.title)).toEqual([
      'Executive summary',
      'Decisions required',
      'Actions from the last meeting',
      'What changed since the last meeting',
      'Delivery and value status',
      'Milestones due in the next 90 days',
      'Value',
      'Top risks, issues and escalations',
      'Appendix: measure list',
      'Appendix: RAID log',
      'Appendix: decision log',
    ]);
    const db = t.api.session.db();
    const { f } = db.prepare("SELECT sum(v.forecast) AS f FROM effect_values v JOIN effect_lines l ON l.id = v.line_id WHERE l.type IN ('recurring_benefit','one_time_benefit')").get() as { f: number };
    expect(kpi(pack, 'value', 'Forecast').value).toBe(money(f, 'EUR'));
    expect(kpi(pack, 'summary', '3. What value is expected?').value).toBe(money(f, 'EUR'));
    expect(table(pack, 'appendix_measures').rows).toHaveLength(49);
    expect(table(pack, 'milestones').rows.length).toBeGreaterThan(5);
    expect(table(pack, 'risks', 'Escalations').rows[0]).toContain('Ticketing licences delayed');
    expect(table(pack, 'risks', 'Blocking dependency chains').rows[0]![0]).toMatch(/waits on .* waits on/);
    expect(pack.escalated).toHaveLength(1);
    expect(blocks(pack, 'changes')[0]).toMatchObject({ type: 'note', text: expect.stringContaining('No previous snapshot') });
    expect(pack.meta.fileStem).toBe('Test_Whole-program_2026-06-15');
  });

  it('freezes a pack, reopens it identically and reports what changed in the next one', async () => {
    await t.api.call('pack:saveTexts', { texts: { overallStatus: 'amber', statusReason: 'Billing feed late', summary: 'On track overall.', keyAchievement: 'Tiers priced', keyConcern: 'Decide the fallback' } });
    const snap = await t.api.call('pack:freeze', { asOf: AS_OF });
    const frozen = await t.api.call('pack:snapshot', { id: snap.id });
    expect(frozen.meta.frozen?.snapshotId).toBe(snap.id);
    expect(kpi(frozen, 'summary', 'Overall status')).toMatchObject({ value: 'Amber', hint: 'Billing feed late' });

    const db = t.api.session.db();
    runAction(db, { actor: 'test', label: 'changes' }, (w) => {
      w.update('measures', ids[0]!, { di_level: 4, implementation_status: 'red' });
      const line = (db.prepare('SELECT id FROM effect_lines WHERE measure_id = ? ORDER BY sort_order LIMIT 1').get(ids[1]) as { id: string }).id;
      w.update('effect_values', `${line}:2026-09`, { forecast: 9_000_000 });
      const r1 = (db.prepare("SELECT id FROM raid_items WHERE code = 'R-0003'").get() as { id: string }).id;
      w.update('raid_items', r1, { status: 'closed' });
      w.insert('raid_items', { code: 'R-0099', kind: 'issue', title: 'New vendor issue', status: 'open', escalated: 0 });
    });
    await t.api.call('pack:saveTexts', { texts: { overallStatus: 'red', statusReason: 'changed', summary: '', keyAchievement: '', keyConcern: '' } });

    const again = await t.api.call('pack:snapshot', { id: snap.id });
    expect(again).toEqual(frozen);

    const next = await t.api.call('pack:build', { asOf: '2026-07-15' });
    expect(kpi(next, 'changes', 'Gates passed').value).toBe('1');
    expect(kpi(next, 'changes', 'Status changes').value).toBe('1');
    expect(kpi(next, 'changes', 'New RAID items').value).toBe('1');
    expect(kpi(next, 'changes', 'Closed RAID items').value).toBe('1');
    expect(table(next, 'changes', 'Gates passed').rows[0]).toContain('DI4 Implemented');
    const movers = table(next, 'changes', 'Value moved: top 10 forecast changes').rows;
    expect(movers).toHaveLength(1);
    expect(movers[0]![4]).toMatch(/^\+EUR/);
  });

  it('refuses an empty scope with a clear message and writes nothing', async () => {
    const node = await t.api.call('nodes:create', { parentId: null, name: 'Empty org' });
    const before = (t.api.session.db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    await expect(t.api.call('pack:build', { scopeId: node.id })).rejects.toMatchObject({ body: { code: 'validation', message: expect.stringContaining('"Empty org" has no measures') } });
    await expect(t.api.call('pack:freeze', { scopeId: node.id })).rejects.toThrow(/no measures/);
    expect((t.api.session.db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n).toBe(before);
    expect(await t.api.call('pack:snapshots', {})).toEqual([]);
  });

  it('keeps section order and switches per workspace', async () => {
    const s = await t.api.call('pack:settings', {});
    const sections = [...s.sections].reverse().map((x) => ({ ...x, enabled: x.key !== 'appendix_raid' }));
    await t.api.call('pack:saveSettings', { settings: { ...s, sections, paper: 'Letter' } });
    const pack = await t.api.call('pack:build', { asOf: AS_OF });
    expect(pack.sections[0]!.key).toBe('appendix_decisions');
    expect(pack.sections.map((x) => x.key)).not.toContain('appendix_raid');
    expect(pack.meta.paper).toBe('Letter');
  });

  it('exports PowerPoint slides and refuses an unwritable path leaving no file', async () => {
    mkdirSync(join(t.dir, 'out'));
    const out = join(t.dir, 'out', 'pack.pptx');
    const r = await t.api.call('pack:exportPptx', { asOf: AS_OF, path: out });
    expect(r.slides).toBe(1 + 10 + 1);
    expect(existsSync(out)).toBe(true);
    await expect(t.api.call('pack:exportPptx', { asOf: AS_OF, path: join(out, 'inside-a-file.pptx') })).rejects.toThrow(/Cannot write .*Nothing was written/);
    await expect(t.api.call('pack:exportPptx', { asOf: AS_OF, path: join(t.dir, 'missing', 'pack.pptx') })).rejects.toThrow(/folder does not exist/);
    expect(readdirSync(join(t.dir, 'out'))).toEqual(['pack.pptx']);
  });
});
