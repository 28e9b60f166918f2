import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Api } from './index.js';
import { apiWithWorkspace } from './test-helpers.js';
import { encryptedWorkbook, rezip, writeWorkbook } from './import-test-helpers.js';
import { cachedStatement } from '../../db/statements.js';

/** Every bad file is refused with a message naming the file and the reason, and nothing is written. */
let api: Api;
let dir: string;
let cleanup: () => void;
let exported: string;

beforeAll(async () => {
  ({ api, dir, cleanup } = await apiWithWorkspace());
  exported = join(dir, 'export.xlsx');
  await api.call('measures:export', { path: exported, format: 'xlsx' });
});
afterAll(() => cleanup());

const head = () => (cachedStatement(api.session.db(), 'SELECT coalesce(max(seq), 0) AS n FROM change_log').get() as { n: number }).n;

/** Import (and dry-run) `file`: both refused with `message`, the change log untouched. */
async function refused(file: string, message: RegExp, opts: { sheet?: string } = {}): Promise<void> {
  const before = head();
  for (const dryRun of [true, false]) await expect(api.call('measures:import', { path: file, dryRun, ...opts })).rejects.toThrow(message);
  expect(head()).toBe(before);
}

describe('measures:import refuses bad files, writing nothing', () => {
  it('not a workbook, an old .xls, an OpenDocument file, a zip that is no workbook, a missing file, a folder', async () => {
    writeFileSync(join(dir, 'notes.xlsx'), 'just some text, not a workbook');
    await refused(join(dir, 'notes.xlsx'), /Cannot import notes\.xlsx: it is not an Excel workbook \(\.xlsx\).*Nothing was written/);
    writeFileSync(join(dir, 'report.pdf'), '%PDF-1.4 …');
    await refused(join(dir, 'report.pdf'), /Steerco imports Excel workbooks \(\.xlsx\) and CSV files \(\.csv\); this file is neither/);
    // A compound file without EncryptionInfo: an old .xls workbook.
    const xls = encryptedWorkbook();
    for (const entry of [1, 2]) xls.fill(0, 1024 + entry * 128, 1024 + entry * 128 + 64);
    Buffer.from('Workbook\u0000', 'utf16le').copy(xls, 1024 + 128);
    writeFileSync(join(dir, 'old.xls'), xls);
    await refused(join(dir, 'old.xls'), /old Excel 97–2003 workbook \(\.xls\); save it as an Excel workbook \(\.xlsx\)/);
    writeFileSync(join(dir, 'calc.ods'), 'PK');
    await refused(join(dir, 'calc.ods'), /OpenDocument spreadsheet/);
    writeFileSync(join(dir, 'photos.xlsx'), rezip(readFileSync(exported), {}, ['xl/workbook.xml']));
    await refused(join(dir, 'photos.xlsx'), /it is a zip file but not an Excel workbook/);
    await refused(join(dir, 'missing.xlsx'), /No file at .*missing\.xlsx/);
    mkdirSync(join(dir, 'folder.xlsx'));
    await refused(join(dir, 'folder.xlsx'), /is a folder, not a file/);
  });

  it('a password-protected workbook says how to remove the password', async () => {
    writeFileSync(join(dir, 'secret.xlsx'), encryptedWorkbook());
    await refused(join(dir, 'secret.xlsx'), /Cannot import secret\.xlsx: it is protected with a password\. Open it in Excel or LibreOffice, remove the password/);
  });

  it('an empty file, an empty sheet, a header without rows', async () => {
    writeFileSync(join(dir, 'empty.csv'), '');
    await refused(join(dir, 'empty.csv'), /Cannot import empty\.csv: the file is empty/);
    writeFileSync(join(dir, 'blank.csv'), '\uFEFF\r\n\r\n');
    await refused(join(dir, 'blank.csv'), /the file is empty/);
    await writeWorkbook(join(dir, 'empty.xlsx'), []);
    await refused(join(dir, 'empty.xlsx'), /the sheet "Sheet1" is empty/);
    await writeWorkbook(join(dir, 'header.xlsx'), [['Code', 'Title', 'Owner']]);
    await refused(join(dir, 'header.xlsx'), /has a header row \(row 1\) but no rows below it/);
  });

  it('no header row it can find names what the first row holds', async () => {
    await writeWorkbook(join(dir, 'budget.xlsx'), [
      ['Quarterly budget', 'Q1', 'Q2'],
      ['Travel', 100, 200],
    ]);
    await refused(join(dir, 'budget.xlsx'), /no header row was found: none of the first 30 rows names at least two columns Steerco knows.*its first row reads "Quarterly budget", "Q1", "Q2"/);
    await refused(exported, /no sheet named "Budget"; its sheets are "Measures", "About"/, { sheet: 'Budget' });
  });

  it('a million rows is refused after reading the first hundred thousand (CSV and workbook)', async () => {
    const lines = ['Code,Title'];
    for (let i = 0; i < 1_000_000; i++) lines.push(`,Row ${i}`);
    writeFileSync(join(dir, 'million.csv'), lines.join('\n'));
    await refused(join(dir, 'million.csv'), /it has more than 100,000 rows; Steerco imports at most 100,000 rows at a time\. Split the file/);

    const small = join(dir, 'small.xlsx');
    await writeWorkbook(small, [['Code', 'Title']]);
    const rows: string[] = [];
    for (let r = 1; r <= 1_000_001; r++) rows.push(`<row r="${r}"><c r="B${r}" t="inlineStr"><is><t>x</t></is></c></row>`);
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
    writeFileSync(join(dir, 'million.xlsx'), rezip(readFileSync(small), { 'xl/worksheets/sheet1.xml': Buffer.from(xml) }));
    const t0 = performance.now();
    await refused(join(dir, 'million.xlsx'), /the sheet "Sheet1" has more than 100,000 rows/);
    expect(performance.now() - t0).toBeLessThan(20_000);
  });

  it('merged cells in the table are refused with their range; a merged title above the header is fine', async () => {
    const list = await api.call('measures:list', {});
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Program');
    ws.addRow(['Program review, March', '', '']);
    ws.mergeCells('A1:C1');
    ws.addRow(['Code', 'Title', 'Function']);
    ws.addRow([list[0]!.code, 'Merged title', 'Sales']);
    ws.addRow([list[1]!.code, '', '']);
    ws.mergeCells('B3:B4');
    const file = join(dir, 'merged.xlsx');
    await wb.xlsx.writeFile(file);
    const before = head();
    const r = await api.call('measures:import', { path: file, dryRun: true });
    expect(r.preview.file.headerRow).toBe(2);
    expect(r.preview.refused).toEqual([expect.objectContaining({ row: 3, column: 'B', reason: expect.stringMatching(/cells B3:B4 are merged: .*Unmerge them/) })]);
    expect(r.preview.canApply).toBe(false);
    await expect(api.call('measures:import', { path: file })).rejects.toThrow(/1 cell was refused; nothing was written\. row 3, column B: cells B3:B4 are merged/);
    expect(head()).toBe(before);
  });

  it('a cell over 1,000,000 characters is refused at its row and column, the others are not written either', async () => {
    const list = await api.call('measures:list', {});
    const huge = 'x'.repeat(1_048_577);
    const file = join(dir, 'huge.csv');
    writeFileSync(file, `Code,Title,Description\r\n${list[0]!.code},Short title,${huge}\r\n${list[1]!.code},Renamed,ok\r\n`);
    const before = head();
    const r = await api.call('measures:import', { path: file, dryRun: true });
    expect(r.preview.refused).toEqual([expect.objectContaining({ row: 2, column: 'C', header: 'Description', reason: 'Description: the cell holds 1,048,577 characters; a cell may hold at most 1,000,000' })]);
    await expect(api.call('measures:import', { path: file })).rejects.toThrow(/row 2, column C \(Description\): Description: the cell holds 1,048,577 characters/);
    expect(head()).toBe(before);
    expect((await api.call('measures:get', { id: list[1]!.id })).title).toBe(list[1]!.title);
  });

  it('a file over 40 MB, and an upload that is not base64 of a workbook', async () => {
    const big = join(dir, 'big.csv');
    writeFileSync(big, Buffer.alloc(41 * 1024 * 1024, 0x41));
    await refused(big, /it is 41\.0 MB; Steerco imports files up to 40 MB/);
    await expect(api.call('measures:import', { content: { name: 'drop.xlsx', base64: Buffer.from('hello').toString('base64') }, dryRun: true })).rejects.toThrow(/drop\.xlsx: it is not an Excel workbook/);
    await expect(api.call('measures:import', { dryRun: true })).rejects.toThrow(/give either a path or the file content/);
  });
});
