import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Api } from './index.js';
import { apiWithWorkspace } from './test-helpers.js';
import { editWorkbook } from './import-test-helpers.js';

/*
 * The workflow round trip: the export carries each measure's template and its template
 * fields; an import gives measures a template, changes their fields and creates measures of
 * a template, by the rules of the detail panel; what a field cannot hold is refused by row and
 * column with nothing written.
 */

let api: Api;
let dir: string;
let cleanup: () => void;

beforeEach(async () => {
  ({ api, dir, cleanup } = await apiWithWorkspace());
});
afterEach(() => cleanup());

async function headers(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return (wb.getWorksheet('Measures')!.getRow(1).values as unknown[]).filter((v): v is string => typeof v === 'string');
}

/** What the workspace holds of the workflows, to show nothing was written. */
const workflowState = async () => JSON.stringify([await api.call('templates:grid', {}), (await api.call('measures:list', {})).map((m) => [m.code, m.title, m.ownerId])]);

async function onboarding() {
  const grid = await api.call('templates:grid', {});
  const list = await api.call('measures:list', {});
  const ofTemplate = list.filter((m) => grid.measures[m.id]?.template === 'customer_onboarding');
  const plain = list.find((m) => !grid.measures[m.id] && m.lifecycle === 'active')!;
  return { grid, list, a: ofTemplate[0]!, b: ofTemplate[1]!, plain };
}

describe('template fields through the one measure-edit path (paste, bulk edit, the grid cell)', () => {
  it('a paste sets template fields of the measures whose template has them, dates and numbers in the locale, in one undo step', async () => {
    const { a, b, plain } = await onboarding();
    const r = await api.call('measures:bulkUpdate', {
      edits: [
        { id: a.id, workflow: { launch_date: '31.12.2027', go_no_go: 'go' } },
        { id: b.id, workflow: { risk_note: 'Second data load' } },
        { id: plain.id, workflow: { go_no_go: '' } }, // an empty cell of a plain measure: nothing to do
      ],
      locale: 'de',
      label: 'Paste 3 rows × 2 columns',
    });
    expect(r.cells).toBe(3);
    const values = async (id: string) => Object.fromEntries((await api.call('templates:measure', { measureId: id })).fields.map((f) => [f.key, f.value]));
    expect(await values(a.id)).toMatchObject({ launch_date: '2027-12-31', go_no_go: 'Go' });
    expect((await values(b.id)).risk_note).toBe('Second data load');
    expect((await api.call('history:state', {})).undo).toBe('Paste 3 rows × 2 columns');
    // The grid cell of a date field, typed in the user's locale.
    await api.call('templates:setField', { measureId: b.id, key: 'launch_date', value: '12/31/2028', locale: 'en-US' });
    expect((await values(b.id)).launch_date).toBe('2028-12-31');
  });

  it('refuses every cell a template field cannot take, with the reason, and writes nothing', async () => {
    const { a, plain } = await onboarding();
    const state = await workflowState();
    await expect(
      api.call('measures:bulkUpdate', {
        edits: [
          { id: a.id, workflow: { go_no_go: 'Maybe', launch_date: '2027-13-01' } },
          { id: plain.id, workflow: { go_no_go: 'Go' } },
        ],
        locale: 'en-GB',
      }),
    ).rejects.toMatchObject({
      body: {
        message: expect.stringMatching(/^3 cells were refused; nothing was saved\./),
        issues: expect.arrayContaining([
          expect.objectContaining({ field: 'tpl.go_no_go', message: expect.stringMatching(/Go\/no-go decision: "Maybe" is not one of Pending, Go, No go/) }),
          expect.objectContaining({ field: 'tpl.launch_date', message: expect.stringMatching(/Launch date: /) }),
          expect.objectContaining({ field: 'tpl.go_no_go', message: expect.stringMatching(/only measures of Customer onboarding have this field; .* is a plain measure/) }),
        ]),
      },
    });
    expect(await workflowState()).toBe(state);
  });
});

describe('workflow columns in the export and the import', () => {
  it('everything exported: the Template column and the fields of the templates the measures use, with their values', async () => {
    const file = join(dir, 'all.xlsx');
    await api.call('measures:export', { path: file, format: 'xlsx' });
    const h = await headers(file);
    expect(h).toContain('Template');
    for (const label of ['Launch date', 'Configuration status', 'Go/no-go decision']) expect(h).toContain(label);
    const { grid, a } = await onboarding();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Measures')!;
    let row: ExcelJS.Row | undefined;
    ws.eachRow((r) => {
      if (r.getCell(1).value === a.code) row = r;
    });
    expect(row!.getCell(h.indexOf('Template') + 1).value).toBe('Customer onboarding');
    const status = grid.measures[a.id]!.values.configuration_status ?? null;
    expect(row!.getCell(h.indexOf('Configuration status') + 1).value ?? null).toBe(status);
  });

  it('the grid\'s columns exported: the workflow columns it shows, in its order', async () => {
    const file = join(dir, 'shown.csv');
    await api.call('measures:export', { path: file, format: 'csv', columns: ['code', 'title', 'template', 'tpl.go_no_go'] });
    const first = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0];
    expect(first).toBe('Code,Title,Template,Go/no-go decision');
  });

  it('an import gives a measure a template, changes template fields (dates in the locale) and creates a measure of a template; the same file again changes nothing', async () => {
    const file = join(dir, 'workflow.xlsx');
    await api.call('measures:export', { path: file, format: 'xlsx' });
    const { a, b, plain } = await onboarding();
    const before = await api.call('templates:measure', { measureId: a.id });
    const next = before.fields.find((f) => f.key === 'configuration_status')!.value === 'Blocked' ? 'Done' : 'Blocked';
    await editWorkbook(file, (_wb, ms) => {
      ms.set(a.code, 'Configuration status', next.toLowerCase()); // choices match with case ignored
      ms.set(b.code, 'Launch date', '31.12.2027'); // text in the user's (German) order
      ms.set(plain.code, 'Template', 'Customer onboarding');
      ms.set(plain.code, 'Risk note', 'Data migration needs a second weekend');
      const from = ms.rowOf(a.code);
      const added = ms.ws.addRow([]);
      added.getCell(ms.col('Title')).value = 'Onboard Contoso';
      added.getCell(ms.col('Template')).value = 'customer_onboarding';
      added.getCell(ms.col('Go/no-go decision')).value = 'Pending';
      for (const h of ['Program', 'Project', 'Package']) added.getCell(ms.col(h)).value = from.getCell(ms.col(h)).value;
    });

    const dry = await api.call('measures:import', { path: file, dryRun: true, locale: 'de' });
    expect(dry.preview.refused).toEqual([]);
    const changes = Object.fromEntries(dry.preview.updates.map((u) => [u.code, u.changes.map((c) => `${c.label}: ${c.old} → ${c.new}`)]));
    expect(changes[a.code]).toEqual([`Configuration status: ${before.fields.find((f) => f.key === 'configuration_status')!.value} → ${next}`]);
    expect(changes[b.code]).toEqual([expect.stringMatching(/^Launch date: .* → 2027-12-31$/)]);
    expect(changes[plain.code]).toEqual(['Template:  → Customer onboarding', 'Risk note:  → Data migration needs a second weekend']);
    expect(dry.preview.creates).toMatchObject([{ title: 'Onboard Contoso' }]);

    const done = await api.call('measures:import', { path: file, locale: 'de' });
    expect(done.applied).toMatchObject({ created: 1 });
    const valuesOf = async (id: string) => Object.fromEntries((await api.call('templates:measure', { measureId: id })).fields.map((f) => [f.key, f.value]));
    expect((await valuesOf(a.id)).configuration_status).toBe(next);
    expect((await valuesOf(b.id)).launch_date).toBe('2027-12-31');
    expect((await api.call('templates:measure', { measureId: plain.id })).template?.key).toBe('customer_onboarding');
    expect((await valuesOf(plain.id)).risk_note).toBe('Data migration needs a second weekend');
    const created = (await api.call('measures:list', {})).find((m) => m.title === 'Onboard Contoso')!;
    const cw = await api.call('templates:measure', { measureId: created.id });
    expect(cw.template?.key).toBe('customer_onboarding');
    expect(cw.fields.find((f) => f.key === 'go_no_go')!.value).toBe('Pending');

    // Exported again and imported again: nothing to do.
    const again = join(dir, 'again.xlsx');
    await api.call('measures:export', { path: again, format: 'xlsx' });
    const second = await api.call('measures:import', { path: again, dryRun: true, locale: 'de' });
    expect(second.preview.updates).toEqual([]);
    expect(second.preview.creates).toEqual([]);
    expect(second.preview.refused).toEqual([]);

    // One undo step takes all of it back.
    expect((await api.call('history:state', {})).undo).toMatch(/^Import/);
    await api.call('history:undo', {});
    expect((await valuesOf(a.id)).configuration_status).toBe(before.fields.find((f) => f.key === 'configuration_status')!.value);
    expect((await api.call('templates:measure', { measureId: plain.id })).template).toBeNull();
    expect((await api.call('measures:list', {})).some((m) => m.title === 'Onboard Contoso')).toBe(false);
  });

  it('refuses what a workflow cell cannot hold, by row and column, with nothing written', async () => {
    const file = join(dir, 'bad.xlsx');
    await api.call('measures:export', { path: file, format: 'xlsx' });
    const { a, b, plain, list } = await onboarding();
    const other = list.find((m) => m.id !== plain.id && m.id !== a.id && m.id !== b.id && m.lifecycle === 'active')!;
    await editWorkbook(file, (_wb, ms) => {
      ms.set(a.code, 'Configuration status', 'Almost');
      ms.set(b.code, 'Launch date', '2027-02-30');
      ms.set(plain.code, 'Go/no-go decision', 'Go');
      ms.set(other.code, 'Template', 'Space launch');
    });
    const state = await workflowState();
    const r = await api.call('measures:import', { path: file, locale: 'en-GB', dryRun: true });
    await expect(api.call('measures:import', { path: file, locale: 'en-GB' })).rejects.toThrow(/4 cells were refused; nothing was written/);
    const reasons = Object.fromEntries(r.preview.refused.map((x) => [x.code, `${x.header}: ${x.reason}`]));
    expect(reasons[a.code]).toMatch(/^Configuration status: Configuration status: "Almost" is not one of Not started, In progress, Done, Blocked/);
    expect(reasons[b.code]).toMatch(/^Launch date: Launch date: .*2027-02-30/);
    expect(reasons[plain.code]).toMatch(/only measures of Customer onboarding have this field; .* is a plain measure/);
    expect(reasons[other.code]).toMatch(/^Template: Template: there is no template "Space launch" in this workspace \(its templates: .*Customer onboarding/);
    expect(await workflowState()).toBe(state);
  });
});
