import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { gridAction, openApp, rows, see, type Session } from './harness.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('export measures', () => {
  it('exports what the grid shows to Excel (filtered rows in sort order, visible columns), and refuses a bad path without writing', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api, dir } = s;
    const all = await api.call('measures:list', {});
    await see.visible(rows(page));
    const red = all.filter((m) => m.potentialStatus === 'red');
    await page.getByLabel('Filter by Potential').selectOption('red');
    await expect.poll(() => page.getByTestId('row-count').textContent()).toContain(`${red.length} of ${all.length}`);
    // Sort by code descending: two clicks on the header.
    const code = page.locator('.ag-header-cell[col-id="code"] .ag-header-cell-label');
    await code.click();
    await expect.poll(async () => page.locator('.ag-header-cell[col-id="code"]').getAttribute('aria-sort')).toBe('descending');

    await gridAction(page, 'Export…');
    const dlg = page.getByTestId('export-measures');
    await see.contains(dlg, `The ${red.length} measures shown`);
    // A folder that does not exist: a clear refusal in the dialog, no file.
    await dlg.getByLabel('Save to').fill(join(dir, 'missing', 'red.xlsx'));
    await dlg.getByRole('button', { name: 'Export' }).click();
    await see.contains(dlg.getByRole('alert'), 'does not exist. Nothing was written');
    const file = join(dir, 'red.xlsx');
    await dlg.getByLabel('Save to').fill(file);
    await dlg.getByRole('button', { name: 'Export' }).click();
    await see.contains(page.getByRole('status').last(), `Exported ${red.length} measures`);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // Exporting again to the same file asks before replacing it; "Keep it" writes nothing.
    writeFileSync(join(dir, 'mine.xlsx'), 'my own workbook');
    await gridAction(page, 'Export…');
    await dlg.getByLabel('Save to').fill(join(dir, 'mine.xlsx'));
    await dlg.getByRole('button', { name: 'Export' }).click();
    await see.contains(dlg.getByTestId('export-replace'), 'already exists. Replace it with the export?');
    await dlg.getByRole('button', { name: 'Keep it' }).click();
    await see.count(dlg.getByTestId('export-replace'), 0);
    expect(readFileSync(join(dir, 'mine.xlsx'), 'utf8')).toBe('my own workbook');
    await dlg.getByRole('button', { name: 'Export' }).click();
    await dlg.getByRole('button', { name: 'Replace' }).click();
    await see.contains(page.getByRole('status').last(), `Exported ${red.length} measures`);
    await expect.poll(() => readFileSync(join(dir, 'mine.xlsx')).subarray(0, 2).toString()).toBe('PK');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Measures')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['Code', 'Title', 'Owner']);
    expect(header).toContain('Potential');
    expect(header).not.toContain('RAID');
    const codes: string[] = [];
    ws.eachRow((r, n) => n > 1 && codes.push(String(r.getCell(1).value)));
    expect(codes).toEqual(red.map((m) => m.code).sort().reverse());
    const di = header.indexOf('DI') + 1;
    expect(typeof ws.getRow(2).getCell(di).value).toBe('number');

    // LibreOffice opens the workbook (converted headless to CSV: the rows are there).
    const outdir = mkdtempSync(join(dir, 'lo-out-'));
    const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
    try {
      execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv', '--outdir', outdir, file], { stdio: 'pipe', timeout: 120_000 });
      const csv = readFileSync(join(outdir, 'red.csv'), 'utf8');
      for (const m of red) expect(csv).toContain(m.code);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }

    // CSV of every measure.
    await gridAction(page, 'Export…');
    await dlg.getByLabel('CSV (.csv)').check();
    await dlg.getByLabel(`All ${all.length} measures`).check();
    await expect.poll(() => dlg.getByLabel('Save to').inputValue()).toMatch(/\.csv$/);
    await dlg.getByLabel('Save to').fill(join(dir, 'all.csv'));
    await dlg.getByRole('button', { name: 'Export' }).click();
    await see.contains(page.getByRole('status').last(), `Exported ${all.length} measures`);
  });
});
