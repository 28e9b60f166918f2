import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ARTIFACTS, cell, openApp, rows, see, type Session } from './harness.js';
import { createApi } from '../main/api/index.js';
import { editWorkbook } from '../main/api/import-test-helpers.js';
import { zipEntries, readEntryText } from '../main/exchange/zip-entries.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const VIEWPORT = { width: 1440, height: 900 };

describe('import measures', () => {
  it('previews a workbook edited in Excel (changes, a refused cell, a conflict), applies after the fix in one undo step, and imports a CSV dropped on the grid', async () => {
    s = await openApp({ workspace: 'demo', viewport: VIEWPORT });
    const { page, api, dir } = s;
    await see.visible(rows(page));
    const list = await api.call('measures:list', {});
    const [a, b, c] = list;
    const file = join(dir, 'workshop.xlsx');
    await api.call('measures:export', { path: file, format: 'xlsx' });
    // Someone edits B in Steerco after the export; the workbook edits B too (a conflict), renames A, and types an unknown owner for C.
    await api.call('measures:update', { id: b!.id, patch: { title: 'Renamed in Steerco' } });
    await editWorkbook(file, (_wb, ms) => {
      ms.set(a!.code, 'Title', 'Renamed in the workshop');
      ms.set(b!.code, 'Title', 'Renamed in the workbook');
      ms.set(c!.code, 'Owner', 'Somebody New');
    });

    await page.getByRole('button', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: 'Import measures…' }).click();
    const dlg = page.getByTestId('import-measures');
    await dlg.getByLabel('File to import (.xlsx or .csv)').fill(file);
    await dlg.getByRole('button', { name: 'Preview', exact: true }).click();
    await see.contains(dlg.getByTestId('import-summary'), 'workshop.xlsx, sheet "Measures" · header in row 1');
    await see.contains(dlg.getByTestId('import-summary'), '1 refused');
    await see.contains(dlg.getByTestId('import-refused'), 'Owner: Unknown person "Somebody New"; add them under People first');
    await see.contains(dlg.getByTestId('import-conflicts'), 'Renamed in Steerco');
    await see.contains(dlg.getByTestId('import-changes'), 'Renamed in the workshop');
    expect(await dlg.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'import-preview-refused.png') });

    // Fix the file, preview again: nothing refused; take the file's title for the conflict.
    await editWorkbook(file, (_wb, ms) => ms.set(c!.code, 'Owner', c!.owner ?? ''));
    await dlg.getByRole('button', { name: 'Preview again' }).click();
    await see.count(dlg.getByTestId('import-refused'), 0);
    await see.contains(dlg.getByTestId('import-summary'), '1 measure change (1 cell)');
    await dlg.getByTestId('import-conflicts').getByLabel("The file's").check();
    await see.contains(dlg.getByTestId('import-summary'), '1 conflict (1 taken from the file)');
    await page.screenshot({ path: join(ARTIFACTS, 'import-preview.png') });
    await dlg.getByRole('button', { name: 'Apply' }).click();
    await see.contains(page.getByRole('status').last(), 'Imported workshop.xlsx: 2 measures changed (2 cells), 0 created');
    await see.count(dlg, 0);
    await see.text(cell(page, a!.id, 'title'), 'Renamed in the workshop');
    await see.text(cell(page, b!.id, 'title'), 'Renamed in the workbook');

    // One undo step takes the whole import back.
    await page.locator('body').press('Control+z');
    await see.text(cell(page, a!.id, 'title'), a!.title);
    await see.text(cell(page, b!.id, 'title'), 'Renamed in Steerco');

    // A CSV dropped onto the grid opens its preview at once.
    const csv = `Code;Title\r\n${c!.code};Dropped on the grid\r\n`;
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
      return dt;
    }, csv);
    const grid = page.getByRole('region', { name: 'Measures' });
    await grid.dispatchEvent('dragover', { dataTransfer });
    await see.cls(grid, /drop-target/);
    await grid.dispatchEvent('drop', { dataTransfer });
    await see.contains(dlg.getByTestId('import-summary'), 'dropped.csv, CSV (;, UTF-8)');
    await see.contains(dlg.getByTestId('import-changes'), 'Dropped on the grid');
    await dlg.getByRole('button', { name: 'Apply' }).click();
    await see.text(cell(page, c!.id, 'title'), 'Dropped on the grid');
  });

  it('a workbook re-saved by LibreOffice keeps its filter buttons and imports back with no change; an edit made there imports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steerco-lo-'));
    const api = createApi({ configDir: join(dir, 'config'), version: 'e2e' });
    const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
    try {
      await api.call('workspace:create', { path: join(dir, 'w.steerco'), demo: true });
      const file = join(dir, 'export.xlsx');
      await api.call('measures:export', { path: file, format: 'xlsx', value: true });
      const outdir = mkdtempSync(join(dir, 'lo-'));
      execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outdir, file], { stdio: 'pipe', timeout: 120_000 });
      const resaved = join(outdir, 'export.xlsx');
      // LibreOffice kept the autofilter (its buttons) because the sheet-local _xlnm._FilterDatabase name was there.
      const buf = readFileSync(resaved);
      const entries = zipEntries(buf)!;
      expect(await readEntryText(buf, entries.get('xl/workbook.xml')!)).toMatch(/<definedName(?=[^>]*localSheetId="0")(?=[^>]*name="_xlnm\._FilterDatabase")/);
      expect(await readEntryText(buf, entries.get('xl/worksheets/sheet1.xml')!)).toMatch(/<autoFilter ref="A1:/);
      const same = await api.call('measures:import', { path: resaved, dryRun: true });
      expect(same.preview.refused).toEqual([]);
      expect(same.preview.counts).toMatchObject({ cells: 0, creates: 0, valueCells: 0, conflicts: 0 });
      expect(same.preview.value?.rows).toBeGreaterThan(0);
      const m = (await api.call('measures:list', {}))[3]!;
      await editWorkbook(resaved, (_wb, ms) => ms.set(m.code, 'Title', 'Edited after LibreOffice'));
      const r = await api.call('measures:import', { path: resaved });
      expect(r.applied).toMatchObject({ measures: 1, cells: 1 });
      expect((await api.call('measures:get', { id: m.id })).title).toBe('Edited after LibreOffice');

      // The export as LibreOffice shows it: money in the workspace currency, the named header font.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.getWorksheet('Measures')!;
      expect(ws.getRow(1).getCell(1).font).toMatchObject({ name: 'Calibri', bold: true });
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(ws.getColumn(header.indexOf('Plan total') + 1).numFmt).toBe('[$EUR] #,##0.00');
      const about = wb.getWorksheet('About')!;
      const aboutRows = new Map<string, unknown>();
      about.eachRow((row) => aboutRows.set(String(row.getCell(1).value), row.getCell(2).value));
      expect(aboutRows.get('Scope')).toBe('Whole workspace');
      expect(aboutRows.get('Currency')).toBe('EUR (2 decimals)');
      expect(String(aboutRows.get('Exported'))).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(Number(aboutRows.get('Change-log position'))).toBeGreaterThan(0);
    } finally {
      api.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
