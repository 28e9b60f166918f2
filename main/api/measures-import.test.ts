import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import type ExcelJS from 'exceljs';
import type { Api } from './index.js';
import { apiWithWorkspace } from './test-helpers.js';
import { editable, editWorkbook } from './import-test-helpers.js';
import { addDays, currentPeriod } from '../../db/clock.js';
import type { Measure } from '../../preload/contract.js';

let api: Api;
let dir: string;
let cleanup: () => void;

beforeEach(async () => {
  ({ api, dir, cleanup } = await apiWithWorkspace());
});
afterEach(() => cleanup());

/** Everything a person sets on a measure (what an import may change), by code. */
const fieldsOf = (list: Measure[]) =>
  new Map(list.map((m) => [m.code, { ...m, updatedAt: undefined, implementationStatus: undefined, potentialStatus: undefined }]));

/** A forecast amount in a month that may still be edited (future, not validated). */
async function editableForecast(): Promise<{ code: string; lineId: string; period: string; forecast: number }> {
  for (const m of await api.call('measures:list', {})) {
    const v = await api.call('value:get', { measureId: m.id });
    const hit = v.values.find((x) => x.period > currentPeriod() && x.forecast !== null && x.period <= v.range.to);
    if (hit) return { code: m.code, lineId: hit.lineId, period: hit.period, forecast: hit.forecast! };
  }
  throw new Error('no editable forecast in the demo');
}

describe('measures:import round trip', () => {
  it('export → edit in Excel → import changes exactly the edited cells, in one undo step; importing the file again changes nothing', async () => {
    const file = join(dir, 'program.xlsx');
    await api.call('measures:export', { path: file, format: 'xlsx', value: true });
    const before = await api.call('measures:list', {});
    const people = await api.call('people:list', {});
    const [a, b, c, d] = before;
    const newOwner = people.find((p) => p.id !== b!.ownerId)!;
    const due = addDays(c!.startDate ?? '2030-01-01', 200);
    const segment = d!.custom?.customer_segment === 'SMB' ? 'Enterprise' : 'SMB';
    const fc = await editableForecast();
    await editWorkbook(file, (wb, ms) => {
      ms.set(a!.code, 'Title', 'Renamed in Excel');
      ms.set(b!.code, 'Owner', newOwner.name);
      ms.set(c!.code, 'Due', new Date(`${due}T00:00:00Z`));
      ms.set(d!.code, 'Customer segment', segment);
      const row = ms.rowOf(a!.code);
      const added = ms.ws.addRow([]);
      added.getCell(ms.col('Title')).value = 'Added in Excel';
      for (const h of ['Program', 'Project', 'Package']) added.getCell(ms.col(h)).value = row.getCell(ms.col(h)).value;
      const value = editable(wb.getWorksheet('Value')!);
      const lineRow = (() => {
        let r: ExcelJS.Row | undefined;
        value.ws.eachRow((x) => {
          if (x.getCell(value.col('Line ID')).value === fc.lineId) r = x;
        });
        return r!;
      })();
      lineRow.getCell(value.col(`Forecast ${fc.period}`)).value = fc.forecast / 100 + 1000;
    });

    const dry = await api.call('measures:import', { path: file, dryRun: true });
    const p = dry.preview;
    expect(p.refused).toEqual([]);
    expect(p.conflicts).toEqual([]);
    expect(p.conflictsChecked).toBe(true);
    expect(p.updates.map((u) => [u.code, u.changes.map((x) => `${x.label}: ${x.old} → ${x.new}`)])).toEqual(
      [
        [a!.code, [`Title: ${a!.title} → Renamed in Excel`]],
        [b!.code, [`Owner: ${b!.owner ?? ''} → ${newOwner.name}`]],
        [c!.code, [`Due date: ${c!.dueDate ?? ''} → ${due}`]],
        [d!.code, [`Customer segment: ${d!.custom?.customer_segment ?? ''} → ${segment}`]],
      ].sort(),
    );
    expect(p.creates).toMatchObject([{ title: 'Added in Excel', newPackage: false }]);
    expect(p.value?.changes).toMatchObject([{ code: fc.code, period: fc.period, field: 'forecast' }]);
    expect(p.counts).toMatchObject({ measures: 4, cells: 4, creates: 1, valueCells: 1, refused: 0, unchanged: before.length - 4 });
    // A dry run writes nothing.
    expect(fieldsOf(await api.call('measures:list', {}))).toEqual(fieldsOf(before));

    const r = await api.call('measures:import', { path: file, token: p.token });
    expect(r.applied).toMatchObject({ measures: 4, cells: 4, created: 1, valueCells: 1 });
    const after = await api.call('measures:list', {});
    expect(after).toHaveLength(before.length + 1);
    const expected = fieldsOf(before);
    expected.get(a!.code)!.title = 'Renamed in Excel';
    Object.assign(expected.get(b!.code)!, { ownerId: newOwner.id, owner: newOwner.name });
    expected.get(c!.code)!.dueDate = due;
    expected.get(d!.code)!.custom = { ...d!.custom, customer_segment: segment };
    const got = fieldsOf(after);
    const created = after.find((m) => m.title === 'Added in Excel')!;
    expect(created.nodeId).toBe(a!.nodeId);
    got.delete(created.code);
    expect(got).toEqual(expected);
    const measureOfLine = after.find((m) => m.code === fc.code)!;
    const v = await api.call('value:get', { measureId: measureOfLine.id });
    expect(v.values.find((x) => x.lineId === fc.lineId && x.period === fc.period)!.forecast).toBe(fc.forecast + 100_000);

    // The same file again: nothing to change; the added row is now a likely duplicate of what it created, skipped.
    const again = await api.call('measures:import', { path: file });
    expect(again.applied).toBeNull();
    expect(again.preview.counts).toMatchObject({ cells: 0, creates: 0, valueCells: 0, duplicatesSkipped: 1, refused: 0 });
    expect(again.preview.duplicates).toEqual([expect.objectContaining({ title: 'Added in Excel', like: created.code, create: false })]);
    expect(await api.call('measures:list', {})).toHaveLength(before.length + 1);

    // One undo step takes the whole import back.
    const undo = await api.call('history:undo', {});
    expect(undo.done).toMatch(/^Import program\.xlsx: 4 measures changed, 1 created, 1 amounts/);
    const undone = await api.call('measures:list', {});
    expect(fieldsOf(undone)).toEqual(fieldsOf(before));
  });

  it('reads CSV exported with ";" and a decimal comma (de-DE), and with "," (en-US), back to no change; an edited CSV cell imports', async () => {
    await api.call('customFields:create', { label: 'Savings', type: 'money' });
    await api.call('customFields:create', { label: 'Head count', type: 'number' });
    const list = await api.call('measures:list', {});
    await api.call('measures:update', { id: list[0]!.id, patch: { title: '=1+1 looks like a formula' }, custom: { savings: '1234.5', head_count: '2.25' } });
    for (const [locale, separator] of [
      ['de-DE', ';'],
      ['en-US', ','],
    ] as const) {
      const file = join(dir, `m-${locale}.csv`);
      await api.call('measures:export', { path: file, format: 'csv', separator, locale });
      const text = readFileSync(file, 'utf8');
      expect(text.split('\r\n')[0]).toContain(`Code${separator}Title${separator}`);
      expect(text).toContain(locale === 'de-DE' ? '1234,50' : '1234.50');
      const same = await api.call('measures:import', { path: file, locale, dryRun: true });
      expect(same.preview.refused).toEqual([]);
      expect(same.preview.counts).toMatchObject({ cells: 0, creates: 0, unchanged: list.length });
      expect(same.preview.file.separator).toBe(separator);
      expect(same.preview.notes.join(' ')).toMatch(/formula guard/);
      const edited = text.replace(locale === 'de-DE' ? '1234,50' : '1234.50', locale === 'de-DE' ? '1.500,75' : '"1,500.75"');
      writeFileSync(file, edited);
      const r = await api.call('measures:import', { path: file, locale });
      expect(r.applied).toMatchObject({ measures: 1, cells: 1 });
      expect((await api.call('measures:get', { id: list[0]!.id })).custom?.savings).toBe(150075);
      expect((await api.call('measures:get', { id: list[0]!.id })).title).toBe('=1+1 looks like a formula');
      await api.call('measures:update', { id: list[0]!.id, patch: {}, custom: { savings: '1234.5' } });
    }
  });
});
