import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Api } from './index.js';
import { apiWithWorkspace } from './test-helpers.js';
import { editWorkbook } from './import-test-helpers.js';
import { cachedStatement } from '../../db/statements.js';

let api: Api;
let dir: string;
let cleanup: () => void;

beforeEach(async () => {
  ({ api, dir, cleanup } = await apiWithWorkspace());
});
afterEach(() => cleanup());

const head = () => (cachedStatement(api.session.db(), 'SELECT coalesce(max(seq), 0) AS n FROM change_log').get() as { n: number }).n;

async function exported(name = 'program.xlsx'): Promise<string> {
  const file = join(dir, name);
  await api.call('measures:export', { path: file, format: 'xlsx', overwrite: true });
  return file;
}

describe('edited in two places', () => {
  it('a cell changed in Steerco after the export and in the file is a conflict (Steerco kept by default, or the file taken); one changed only in Steerco stays', async () => {
    const [a, b, c] = await api.call('measures:list', {});
    const file = await exported();
    await api.call('measures:update', { id: a!.id, patch: { title: 'Changed in Steerco' } });
    await api.call('measures:update', { id: b!.id, patch: { function: 'Changed in Steerco too' } });
    await editWorkbook(file, (_wb, ms) => {
      ms.set(a!.code, 'Title', 'Changed in the file');
      ms.set(c!.code, 'Title', 'Only in the file');
    });
    const p = (await api.call('measures:import', { path: file, dryRun: true })).preview;
    expect(p.conflicts).toEqual([
      expect.objectContaining({ code: a!.code, label: 'Title', exported: a!.title, steerco: 'Changed in Steerco', file: 'Changed in the file', take: false, changedAt: expect.any(String) }),
    ]);
    expect(p.kept).toEqual([expect.objectContaining({ code: b!.code, label: 'Function', steerco: 'Changed in Steerco too' })]);
    expect(p.updates.map((u) => u.code)).toEqual([c!.code]);

    // Keep Steerco's (the default): the conflict is not written, the other edit is.
    const kept = await api.call('measures:import', { path: file, token: p.token });
    expect(kept.applied).toMatchObject({ cells: 1 });
    expect((await api.call('measures:get', { id: a!.id })).title).toBe('Changed in Steerco');
    expect((await api.call('measures:get', { id: b!.id })).function).toBe('Changed in Steerco too');
    expect((await api.call('measures:get', { id: c!.id })).title).toBe('Only in the file');

    // Take the file's value.
    const again = (await api.call('measures:import', { path: file, dryRun: true })).preview;
    expect(again.conflicts.map((x) => x.id)).toEqual([p.conflicts[0]!.id]);
    const taken = await api.call('measures:import', { path: file, token: again.token, takeFile: [again.conflicts[0]!.id] });
    expect(taken.applied).toMatchObject({ cells: 1 });
    expect((await api.call('measures:get', { id: a!.id })).title).toBe('Changed in the file');
  });

  it('refuses to apply a preview once the workspace changed since; the new preview applies', async () => {
    const [a, b] = await api.call('measures:list', {});
    const file = await exported();
    await editWorkbook(file, (_wb, ms) => ms.set(a!.code, 'Title', 'From the file'));
    const p = (await api.call('measures:import', { path: file, dryRun: true })).preview;
    await api.call('measures:update', { id: b!.id, patch: { title: 'Someone else typed' } });
    const before = head();
    await expect(api.call('measures:import', { path: file, token: p.token })).rejects.toThrow(/changed since the preview .*nothing was written/);
    expect(head()).toBe(before);
    const fresh = (await api.call('measures:import', { path: file, dryRun: true })).preview;
    expect((await api.call('measures:import', { path: file, token: fresh.token })).applied).toMatchObject({ cells: 1 });
  });

  it('refuses a workbook exported from another workspace', async () => {
    const file = await exported();
    const other = await apiWithWorkspace();
    try {
      await expect(other.api.call('measures:import', { path: file, dryRun: true })).rejects.toThrow(/exported from another workspace \("Test"\): its codes name that workspace's measures/);
    } finally {
      other.cleanup();
    }
  });
});

describe('statuses are derived', () => {
  it('a changed status without a reason is refused at its cell; with a reason it is set by hand; "derived" lets Steerco derive it again', async () => {
    const [m] = await api.call('measures:list', {});
    const other = m!.implementationStatus === 'red' ? 'Amber' : 'Red';
    const file = await exported();
    await editWorkbook(file, (_wb, ms) => ms.set(m!.code, 'Implementation', other));
    const p = (await api.call('measures:import', { path: file, dryRun: true })).preview;
    expect(p.refused).toEqual([expect.objectContaining({ code: m!.code, header: 'Implementation', reason: expect.stringMatching(new RegExp(`Steerco derives this status .* to set ${other} by hand give the reason in a "Implementation reason" column`)) })]);
    await expect(api.call('measures:import', { path: file })).rejects.toThrow(/1 cell was refused; nothing was written/);

    await editWorkbook(file, (_wb, ms) => ms.set(m!.code, 'Implementation reason', 'Vendor confirmed the delay'));
    const r = await api.call('measures:import', { path: file });
    expect(r.applied).toMatchObject({ measures: 1 });
    const v = await api.call('value:get', { measureId: m!.id });
    expect(v.implementation).toMatchObject({ status: other.toLowerCase(), override: { status: other.toLowerCase(), reason: 'Vendor confirmed the delay' } });

    const file2 = await exported('again.xlsx');
    await editWorkbook(file2, (_wb, ms) => ms.set(m!.code, 'Implementation', 'derived'));
    await api.call('measures:import', { path: file2 });
    expect((await api.call('value:get', { measureId: m!.id })).implementation.override).toBeNull();
  });

  it('DI and lifecycle are changed by gate decisions: an edited DI is refused', async () => {
    const [m] = await api.call('measures:list', {});
    const file = await exported();
    await editWorkbook(file, (_wb, ms) => ms.set(m!.code, 'DI', m!.diLevel === 5 ? 4 : m!.diLevel + 1));
    const p = (await api.call('measures:import', { path: file, dryRun: true })).preview;
    expect(p.refused).toEqual([expect.objectContaining({ header: 'DI', reason: expect.stringMatching(/DI: the DI level changes when a gate is approved in Steerco/) })]);
  });
});

describe('rows without a code', () => {
  it('an unknown package is refused by row unless "create missing packages"; a title already in the package is a likely duplicate, skipped unless confirmed; a code twice and an unknown code are refused', async () => {
    const list = await api.call('measures:list', {});
    const nodes = await api.call('nodes:list', {});
    const m = list[0]!;
    const pkg = nodes.find((n) => n.id === m.nodeId)!;
    const project = nodes.find((n) => n.id === pkg.parentId)!;
    const program = nodes.find((n) => n.id === project.parentId)!;
    const csv = (rows: string[][]) => `${rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n')}\r\n`;
    const file = join(dir, 'new.csv');
    writeFileSync(
      file,
      csv([
        ['Code', 'Title', 'Program', 'Project', 'Package', 'Owner'],
        ['', 'Brand-new measure', program.name, project.name, pkg.name, ''],
        ['', m.title, program.name, project.name, pkg.name, ''],
        ['', 'In a new package', program.name, project.name, 'Package from Excel', ''],
        ['', 'No package at all', '', '', '', ''],
        ['', 'Owner nobody knows', program.name, project.name, pkg.name, 'Nobody Known'],
      ]),
    );
    const p = (await api.call('measures:import', { path: file, dryRun: true })).preview;
    expect(p.creates.map((c) => c.title)).toEqual(['Brand-new measure', 'In a new package', 'No package at all', 'Owner nobody knows'].filter((t) => t !== 'No package at all'));
    expect(p.duplicates).toEqual([expect.objectContaining({ row: 3, title: m.title, like: m.code, create: false })]);
    expect(p.packages).toEqual([`${program.name} › ${project.name} › Package from Excel`]);
    expect(p.refused.map((r) => [r.row, r.column, r.reason.replace(/".*?"/g, '…')])).toEqual([
      [5, 'E', expect.stringMatching(/cannot create …: no package is named/)],
      [6, 'F', expect.stringMatching(/Owner: Unknown person …; add them under People first/)],
      [4, 'E', expect.stringMatching(/the package … does not exist; choose … to create it/)],
    ]);

    writeFileSync(
      file,
      csv([
        ['Code', 'Title', 'Program', 'Project', 'Package'],
        ['', 'Brand-new measure', program.name, project.name, pkg.name],
        ['', m.title, program.name, project.name, pkg.name],
        ['', 'In a new package', program.name, project.name, 'Package from Excel'],
      ]),
    );
    const before = list.length;
    const ok = await api.call('measures:import', { path: file, createPackages: true, createDuplicates: [3] });
    expect(ok.applied).toMatchObject({ created: 3, packages: 1 });
    const after = await api.call('measures:list', {});
    expect(after).toHaveLength(before + 3);
    const newPkg = (await api.call('nodes:list', {})).find((n) => n.name === 'Package from Excel')!;
    expect(newPkg).toMatchObject({ level: 'package', parentId: project.id });
    expect(after.find((x) => x.title === 'In a new package')!.nodeId).toBe(newPkg.id);
    // The same file again creates nothing: every row is now a likely duplicate.
    const again = (await api.call('measures:import', { path: file, dryRun: true, createPackages: true })).preview;
    expect(again.counts).toMatchObject({ creates: 0, duplicatesSkipped: 3, packages: 0 });

    writeFileSync(
      file,
      csv([
        ['Code', 'Title'],
        [m.code, 'Once'],
        [m.code.toLowerCase(), 'Twice'],
        ['M-9999', 'Nobody'],
      ]),
    );
    const bad = (await api.call('measures:import', { path: file, dryRun: true })).preview;
    expect(bad.refused.map((r) => [r.row, r.reason])).toEqual([
      [2, `the code ${m.code} appears in rows 2, 3; each measure may appear once in a file`],
      [3, `the code ${m.code.toLowerCase()} appears in rows 2, 3; each measure may appear once in a file`],
      [4, 'there is no measure M-9999 in this workspace; empty the code to create a new measure'],
    ]);
  });

  it('moves a measure whose Package column names another package', async () => {
    const [m] = await api.call('measures:list', {});
    const nodes = await api.call('nodes:list', {});
    const other = nodes.find((n) => n.level === 'package' && n.id !== m!.nodeId)!;
    const project = nodes.find((n) => n.id === other.parentId)!;
    const file = await exported();
    await editWorkbook(file, (_wb, ms) => {
      ms.set(m!.code, 'Package', other.name);
      ms.set(m!.code, 'Project', project.name);
      ms.set(m!.code, 'Program', nodes.find((n) => n.id === project.parentId)!.name);
    });
    const p = (await api.call('measures:import', { path: file, dryRun: true })).preview;
    expect(p.updates).toEqual([expect.objectContaining({ code: m!.code, changes: [expect.objectContaining({ field: 'package', new: expect.stringContaining(other.name) })] })]);
    await api.call('measures:import', { path: file });
    expect((await api.call('measures:get', { id: m!.id })).nodeId).toBe(other.id);
  });
});

describe('workbooks people made', () => {
  it('finds the header below a title by labels, keys and custom labels in any order; lists unknown columns; reads formulas by their result; dates and numbers typed as text in the locale', async () => {
    await api.call('customFields:create', { label: 'Head count', type: 'number' });
    const list = await api.call('measures:list', {});
    const [a, b] = list;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Workshop');
    ws.addRow(['Workshop edits, day 2']);
    ws.addRow([]);
    ws.addRow(['Notes', 'due date', 'CODE', 'business_unit', 'Customer segment', 'head_count', 'title']);
    ws.addRow(['call Anna', '31.12.2031', a!.code, 'Operations', 'SMB', '1.234,5', a!.title]);
    ws.addRow(['', new Date(Date.UTC(2032, 0, 15)), b!.code, { formula: 'UPPER("ops")', result: 'OPS' }, b!.custom?.customer_segment ?? '', 3, b!.title]);
    const file = join(dir, 'workshop.xlsx');
    await wb.xlsx.writeFile(file);
    const p = (await api.call('measures:import', { path: file, locale: 'de-DE', dryRun: true })).preview;
    expect(p.file).toMatchObject({ sheet: 'Workshop', headerRow: 3, rows: 2 });
    expect(p.exported).toBeNull();
    expect(p.conflictsChecked).toBe(false);
    expect(p.columns.map((c) => [c.column, c.key, c.use])).toEqual([
      ['A', null, 'unknown'],
      ['B', 'dueDate', 'imported'],
      ['C', 'code', 'key'],
      ['D', 'businessUnit', 'imported'],
      ['E', 'custom.customer_segment', 'imported'],
      ['F', 'custom.head_count', 'imported'],
      ['G', 'title', 'imported'],
    ]);
    expect(p.notes.join('\n')).toMatch(/Not imported \(no field of that name in Steerco\): A "Notes"/);
    expect(p.notes.join('\n')).toMatch(/1 cell is a formula: the result last saved in the file was imported/);
    expect(p.refused).toEqual([]);
    const changes = Object.fromEntries(p.updates.map((u) => [u.code, Object.fromEntries(u.changes.map((c) => [c.field, c.new]))]));
    expect(changes[a!.code]).toMatchObject({ dueDate: '2031-12-31', businessUnit: 'Operations', 'custom.head_count': '1234.5' });
    expect(changes[b!.code]).toMatchObject({ dueDate: '2032-01-15', businessUnit: 'OPS', 'custom.head_count': '3' });
    await api.call('measures:import', { path: file, locale: 'de-DE' });
    expect(await api.call('measures:get', { id: a!.id })).toMatchObject({ dueDate: '2031-12-31', custom: expect.objectContaining({ head_count: 1234.5 }) });

    // The same text in en-US is refused at the cell, never guessed.
    const us = (await api.call('measures:import', { path: file, locale: 'en-US', dryRun: true })).preview;
    expect(us.refused.map((r) => r.column)).toEqual(expect.arrayContaining(['B']));
  });
});

describe('the Value sheet', () => {
  it('amounts are checked by the effects grid rules: an actual for a future month and a negative benefit are refused at their cells; a target imports', async () => {
    let hit: { code: string; lineId: string; period: string; id: string } | undefined;
    for (const m of await api.call('measures:list', {})) {
      const v = await api.call('value:get', { measureId: m.id });
      const line = v.lines.find((l) => l.type === 'recurring_benefit');
      const future = v.values.find((x) => line && x.lineId === line.id && x.period > v.currentPeriod && x.period <= v.range.to);
      if (line && future) {
        hit = { code: m.code, lineId: line.id, period: future.period, id: m.id };
        break;
      }
    }
    const file = join(dir, 'value.xlsx');
    await api.call('measures:export', { path: file, format: 'xlsx', value: true });
    await editWorkbook(file, (wb) => {
      const ws = wb.getWorksheet('Value')!;
      const headers = (ws.getRow(1).values as unknown[]).map(String);
      ws.eachRow((r) => {
        if (r.getCell(headers.indexOf('Line ID')).value !== hit!.lineId) return;
        r.getCell(headers.indexOf(`Actual ${hit!.period}`)).value = 10;
        r.getCell(headers.indexOf(`Plan ${hit!.period}`)).value = -5;
        r.getCell(headers.indexOf('Target')).value = 123456.78;
      });
    });
    const before = head();
    const p = (await api.call('measures:import', { path: file, dryRun: true })).preview;
    expect(p.refused.map((r) => r.reason)).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`Value sheet: ${hit!.code} ${hit!.period} actual: actuals cannot be entered for a future month`)), expect.stringMatching(/entered as a positive amount/)]),
    );
    await expect(api.call('measures:import', { path: file })).rejects.toThrow(/refused; nothing was written/);
    expect(head()).toBe(before);
    await editWorkbook(file, (wb) => {
      const ws = wb.getWorksheet('Value')!;
      const headers = (ws.getRow(1).values as unknown[]).map(String);
      ws.eachRow((r) => {
        if (r.getCell(headers.indexOf('Line ID')).value !== hit!.lineId) return;
        r.getCell(headers.indexOf(`Actual ${hit!.period}`)).value = null;
        r.getCell(headers.indexOf(`Plan ${hit!.period}`)).value = null;
      });
    });
    const ok = await api.call('measures:import', { path: file });
    expect(ok.preview.value?.changes.map((c) => c.field).sort()).toEqual(['plan', 'target']);
    const v = await api.call('value:get', { measureId: hit!.id });
    expect(v.lines.find((l) => l.id === hit!.lineId)!.target).toBe(12_345_678);
    expect(v.values.find((x) => x.lineId === hit!.lineId && x.period === hit!.period)?.plan ?? null).toBeNull();
  });
});
