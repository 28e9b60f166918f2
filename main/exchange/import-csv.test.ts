import { describe, expect, it } from 'vitest';
import { readCsv } from './import-csv.js';

const rows = (text: string | Buffer) => readCsv(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'), 'x.csv');

describe('reading CSV', () => {
  it('finds the separator the header uses most outside quotes: comma, semicolon or tab; honours Excel\'s sep= line', () => {
    expect(rows('Code,Title\r\nM-1,"a, b"\r\n').main.rows).toEqual([['Code', 'Title'], ['M-1', 'a, b']]);
    const semi = rows('Code;"Title, long";Due\nM-1;x;31.12.2026\n');
    expect(semi.separator).toBe(';');
    expect(semi.main.rows[1]).toEqual(['M-1', 'x', '31.12.2026']);
    expect(rows('Code\tTitle\nM-1\tx').main.rows).toEqual([['Code', 'Title'], ['M-1', 'x']]);
    expect(rows('sep=;\r\nCode;Title,with comma\r\n').main.rows).toEqual([['Code', 'Title,with comma']]);
  });

  it('RFC 4180 quotes: doubled quotes, line breaks inside a cell (kept as \\n), empty cells; the last line needs no break', () => {
    expect(rows('a,b,c\r\n"say ""hi""","two\r\nlines",\r\n,,"x"').main.rows).toEqual([
      ['a', 'b', 'c'],
      ['say "hi"', 'two\nlines', ''],
      ['', '', 'x'],
    ]);
  });

  it('UTF-8 with or without BOM; other bytes are read as Windows-1252 and said so; the export\'s formula guard is removed', () => {
    const bom = rows('\uFEFFCode,Title\r\nM-1,Übergabe\r\n');
    expect(bom.encoding).toBe('UTF-8 with BOM');
    expect(bom.main.rows[1]).toEqual(['M-1', 'Übergabe']);
    const ansi = rows(Buffer.from([0x43, 0x6f, 0x64, 0x65, 0x2c, 0x54, 0x0a, 0x4d, 0x2c, 0xdc, 0x62, 0x65, 0x72, 0x0a]));
    expect(ansi.encoding).toBe('Windows-1252');
    expect(ansi.main.rows[1]).toEqual(['M', 'Über']);
    expect(ansi.notes.join(' ')).toMatch(/not UTF-8; it was read as Windows-1252/);
    const guarded = rows(`Code,Title\r\nM-1,"'=SUM(A1)"\r\nM-2,'just quoted\r\nM-3,'-5\r\n`);
    expect(guarded.main.rows.slice(1).map((r) => r[1])).toEqual(['=SUM(A1)', "'just quoted", '-5']);
    expect(guarded.notes.join(' ')).toMatch(/2 cells began with the export's formula guard/);
  });
});
