import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dateStyles, isDateFormat, sharedStrings, xmlText } from './xlsx-cells.js';
import { readImportFile } from './import-read.js';
import { readEntryText, zipEntries } from './zip-entries.js';
import { rezip, writeWorkbook } from './test-files.js';

describe('reading SpreadsheetML cells', () => {
  it('decodes entities and Excel _xHHHH_ escapes; joins rich text runs and leaves phonetic runs out', () => {
    expect(xmlText('a &amp; b &lt;c&gt; &#233;&#x263A; line_x000D_')).toBe('a & b <c> é☺ line\r');
    expect(
      sharedStrings(
        '<sst><si><t>Plain</t></si><si><r><rPr><b/></rPr><t>Bold </t></r><r><t xml:space="preserve">and not</t></r></si><si/><si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si></sst>',
      ),
    ).toEqual(['Plain', 'Bold and not', '', '東京']);
  });

  it('tells date styles from number styles, built-in and custom', () => {
    expect(['yyyy-mm-dd', 'dd.mm.yyyy', 'd/m/yy h:mm', '[$-407]d. mmmm yyyy'].map(isDateFormat)).toEqual([true, true, true, true]);
    expect(['[$EUR] #,##0.00', '#,##0.00 "days"', '0.00%', 'General', '@', '[Red]-0.0'].map(isDateFormat)).toEqual([false, false, false, false, false, false]);
    const styles = '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="[$EUR] #,##0.00"/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="4" applyNumberFormat="1"></xf></cellXfs></styleSheet>';
    expect(dateStyles(styles)).toEqual([false, true, true, false, false]);
  });

  it('reads numbers, shared and inline text, booleans, ISO dates, errors, formulas and their saved results, dates in date styles, in the 1904 system too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steerco-xlsx-'));
    try {
      const file = join(dir, 'cells.xlsx');
      await writeWorkbook(file, [['x']]);
      const sheet = `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
        <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>inline &amp; text</x:t></x:is></x:c></x:row>
        <x:row><x:c t="n"><x:v>1234.5</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="d"><x:v>2027-03-01</x:v></x:c></x:row>
        <x:row r="5"><x:c r="A5" s="1"><x:v>46447</x:v></x:c><x:c r="B5" t="str"><x:f>UPPER(A1)</x:f><x:v>CODE</x:v></x:c><x:c r="C5"><x:f>1+1</x:f></x:c><x:c r="D5"><x:f t="shared" si="0"/><x:v>7</x:v></x:c></x:row>
      </x:sheetData></x:worksheet>`;
      const styles = '<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>';
      const buf = readFileSync(file);
      const plain = rezip(buf, { 'xl/worksheets/sheet1.xml': Buffer.from(sheet), 'xl/sharedStrings.xml': Buffer.from('<sst><si><t>Code</t></si></sst>'), 'xl/styles.xml': Buffer.from(styles) });
      const t = (await readImportFile(plain, 'cells.xlsx')).main;
      expect(t.rows[0]).toEqual(['Code', null, 'inline & text']);
      expect(t.rows[1]).toEqual([1234.5, true, null, new Date('2027-03-01T00:00:00Z')]);
      expect(t.rows[2]).toEqual([]);
      expect(t.rows[4]).toEqual([new Date('2027-03-01T00:00:00Z'), 'CODE', null, 7]);
      expect([...t.formulas].sort()).toEqual(['4:1', '4:2', '4:3']);
      expect(Object.fromEntries(t.unreadable)).toEqual({ '1:2': 'holds the error #N/A', '4:2': expect.stringMatching(/^is a formula without a saved result/) });
      const wb = readFileSync(file);
      const xml = await readEntryText(wb, zipEntries(wb)!.get('xl/workbook.xml')!);
      const d1904 = /<workbookPr\b[^>]*\/>/.test(xml) ? xml.replace(/<workbookPr\b[^>]*\/>/, '<workbookPr date1904="1"/>') : xml.replace('<sheets>', '<workbookPr date1904="1"/><sheets>');
      const workbook = rezip(wb, { 'xl/worksheets/sheet1.xml': Buffer.from(sheet), 'xl/styles.xml': Buffer.from(styles), 'xl/workbook.xml': Buffer.from(d1904) });
      expect((await readImportFile(workbook, 'cells.xlsx')).main.rows[4]![0]).toEqual(new Date('2031-03-02T00:00:00Z'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

