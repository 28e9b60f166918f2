import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Api } from './index.js';
import { createApi } from './index.js';
import { apiWithWorkspace } from './test-helpers.js';
import { addDays } from '../../db/clock.js';
import { setMeta } from '../../db/connection.js';
import { readEntryText, zipEntries } from '../exchange/zip-entries.js';
import { columnLetter } from '../exchange/xlsx-style.js';

let api: Api;
let dir: string;
let cleanup: () => void;

beforeEach(async () => {
  ({ api, dir, cleanup } = await apiWithWorkspace());
});
afterEach(() => cleanup());

async function readSheet(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('Measures')!;
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  const rows: unknown[][] = [];
  ws.eachRow((r, n) => n > 1 && rows.push((r.values as unknown[]).slice(1)));
  return { header, rows };
}

describe('measures:export', () => {
  it('writes an Excel workbook: one row per measure, numbers as numbers, dates as dates, formulas as text, custom fields included', async () => {
    const list = await api.call('measures:list', {});
    const m = list[0]!;
    const due = addDays(m.startDate!, 90);
    await api.call('customFields:create', { label: 'Savings', type: 'money' });
    const savings = (await api.call('customFields:list', {})).find((f) => f.label === 'Savings')!;
    await api.call('measures:update', { id: m.id, patch: { title: '=SUM(A1:A9)', dueDate: due }, custom: { [savings.key]: '1234.56' } });
    const events: { done: number; total: number; phase: string }[] = [];
    const off = api.session.on('export:progress', (e) => events.push(e));
    const file = join(dir, 'measures.xlsx');
    const r = await api.call('measures:export', { path: file, format: 'xlsx' });
    off();
    expect(r).toMatchObject({ path: file, rows: list.length });
    expect(events.at(-1)).toEqual({ done: list.length, total: list.length, phase: 'done' });
    const { header, rows } = await readSheet(file);
    expect(header.slice(0, 3)).toEqual(['Code', 'Title', 'Owner']);
    expect(header).toContain('Savings');
    expect(rows).toHaveLength(list.length);
    const row = rows.find((x) => x[0] === m.code)!;
    expect(row[1]).toBe('=SUM(A1:A9)');
    const col = (h: string) => header.indexOf(h);
    expect(row[col('DI')]).toBe(m.diLevel);
    expect(row[col('Due')]).toBeInstanceOf(Date);
    expect((row[col('Due')] as Date).toISOString().slice(0, 10)).toBe(due);
    expect(row[col('Savings')]).toBe(1234.56);
  });

  it('writes the given rows in the given order with the given columns (code always first)', async () => {
    const list = await api.call('measures:list', {});
    const ids = [list[5]!.id, list[2]!.id, list[9]!.id];
    const file = join(dir, 'view.xlsx');
    const r = await api.call('measures:export', { path: file, format: 'xlsx', ids, columns: ['title', 'nextGate', 'dueDate', 'package'] });
    // The grid's one Package column stands for the three hierarchy columns.
    expect(r).toMatchObject({ rows: 3, columns: 6 });
    const { header, rows } = await readSheet(file);
    expect(header).toEqual(['Code', 'Title', 'Due', 'Program', 'Project', 'Package']);
    expect(rows.map((x) => x[0])).toEqual([list[5]!.code, list[2]!.code, list[9]!.code]);
    const nodes = await api.call('nodes:list', {});
    const pkg = nodes.find((n) => n.id === list[5]!.nodeId)!;
    const project = nodes.find((n) => n.id === pkg.parentId)!;
    expect(rows[0]!.slice(3)).toEqual([nodes.find((n) => n.id === project.parentId)!.name, project.name, pkg.name]);
  });

  it('writes CSV with a byte-order mark, quoting, and formula-like text defused', async () => {
    const [m] = await api.call('measures:list', {});
    await api.call('measures:update', { id: m!.id, patch: { title: '=HYPERLINK("http://x")', description: 'two\nlines, "quoted"' } });
    const file = join(dir, 'measures.csv');
    await api.call('measures:export', { path: file, format: 'csv', ids: [m!.id], columns: ['title', 'description', 'diLevel'] });
    const text = readFileSync(file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('Code,Title,Description,DI');
    expect(lines[1]).toBe(`${m!.code},"'=HYPERLINK(""http://x"")","two\nlines, ""quoted""",${m!.diLevel}`);
  });

  it('refuses a missing folder, a folder as file and a wrong extension with a clear message, writing nothing', async () => {
    await expect(api.call('measures:export', { path: join(dir, 'nope', 'x.xlsx'), format: 'xlsx' })).rejects.toThrow(/the folder .* does not exist\. Nothing was written/);
    mkdirSync(join(dir, 'folder.xlsx'));
    await expect(api.call('measures:export', { path: join(dir, 'folder.xlsx'), format: 'xlsx' })).rejects.toThrow(/it is a folder/);
    await expect(api.call('measures:export', { path: join(dir, 'x.csv'), format: 'xlsx' })).rejects.toThrow(/must end in \.xlsx/);
    await expect(api.call('measures:export', { path: ' ', format: 'csv' })).rejects.toThrow(/a file path is required/);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('asks the desktop shell for a save path (browser mode says to type one)', async () => {
    await expect(api.call('measures:pickExportPath', { format: 'xlsx', suggested: join(dir, 'a.xlsx') })).rejects.toThrow(/only available in the desktop app/);
    const asked: string[] = [];
    const desktop = createApi({
      configDir: join(dir, 'config2'),
      version: 'test',
      shell: {
        pickSavePath: (format, suggested) => {
          asked.push(`${format} ${suggested}`);
          return Promise.resolve(format === 'csv' ? null : join(dir, 'chosen.xlsx'));
        },
      },
    });
    try {
      expect(await desktop.call('measures:pickExportPath', { format: 'xlsx', suggested: '/x/a.xlsx' })).toEqual({ path: join(dir, 'chosen.xlsx') });
      expect(await desktop.call('measures:pickExportPath', { format: 'csv', suggested: '/x/a.csv' })).toEqual({ path: null });
      expect(asked).toEqual(['xlsx /x/a.xlsx', 'csv /x/a.csv']);
    } finally {
      desktop.close();
    }
  });

  it('writes money in the workspace currency with its decimals, the filter LibreOffice keeps, value totals, the Value sheet and the About sheet', async () => {
    setMeta(api.session.db(), 'currency', 'JPY');
    const file = join(dir, 'yen.xlsx');
    await api.call('measures:export', { path: file, format: 'xlsx', value: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Measures', 'Value', 'About']);
    const ws = wb.getWorksheet('Measures')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    expect(header).toEqual(expect.arrayContaining(['Program', 'Project', 'Package', 'Implementation reason', 'Plan total', 'Forecast total', 'Actual total', 'Target total', 'Risk-weighted plan']));
    expect(ws.getColumn(header.indexOf('Forecast total') + 1).numFmt).toBe('[$JPY] #,##0');
    // Yen have no minor unit: a total is written as stored, not divided by 100.
    const totals = await api.call('value:rollup', { by: ['measure'] });
    const first = totals.find((t) => t.forecast !== 0)!;
    const code = (await api.call('measures:get', { id: String(first.keys.measure) })).code;
    let row: ExcelJS.Row | undefined;
    ws.eachRow((r) => {
      if (r.getCell(1).value === code) row = r;
    });
    expect(row!.getCell(header.indexOf('Forecast total') + 1).value).toBe(first.forecast);
    const value = wb.getWorksheet('Value')!;
    expect((value.getRow(1).values as unknown[]).slice(1, 6)).toEqual(['Code', 'Title', 'Line type', 'Line', 'Target']);
    expect(String(value.getRow(1).getCell(6).value)).toMatch(/^Plan \d{4}-\d\d$/);
    const buf = readFileSync(file);
    const book = await readEntryText(buf, zipEntries(buf)!.get('xl/workbook.xml')!);
    expect(book).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="0">&apos;Measures&apos;!$A$1:$${columnLetter(header.length)}$${ws.rowCount}</definedName>`);
    expect(book).toMatch(/<definedName name="_xlnm\._FilterDatabase" localSheetId="1">&apos;Value&apos;!\$A\$1:/);
    const about = new Map<string, unknown>();
    wb.getWorksheet('About')!.eachRow((r) => about.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(about.get('Currency')).toBe('JPY (0 decimals)');
    expect(about.get('Workspace id')).toBe((await api.call('app:info', {})).workspace!.workspaceId);
    expect(JSON.parse(String(about.get('Version vector')))).toEqual(expect.any(Object));

    const tsv = join(dir, 'tab.csv');
    await api.call('measures:export', { path: tsv, format: 'csv', separator: '\t', columns: ['title', 'package'] });
    expect(readFileSync(tsv, 'utf8').slice(1).split('\r\n')[0]).toBe('Code\tTitle\tProgram\tProject\tPackage');
  });
});
