import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTsv, toTsv } from './tsv';

describe('parseTsv', () => {
  it('reads a rectangle with Excel line ends and ignores the trailing line break', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseTsv('a\tb\nc\td')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('keeps empty cells, including trailing ones', () => {
    expect(parseTsv('a\t\t\n\tb\t\n')).toEqual([
      ['a', '', ''],
      ['', 'b', ''],
    ]);
    expect(parseTsv('\n')).toEqual([['']]);
    expect(parseTsv('')).toEqual([]);
  });

  it('unquotes cells with embedded tabs, line breaks and doubled quotes', () => {
    expect(parseTsv('"line 1\nline 2"\t"tab\there"\t"say ""hi"""\r\n')).toEqual([['line 1\nline 2', 'tab\there', 'say "hi"']]);
    expect(parseTsv('"a\r\nb"\tx\r\ny\tz\r\n')).toEqual([
      ['a\r\nb', 'x'],
      ['y', 'z'],
    ]);
  });

  it('keeps quotes that do not wrap a whole cell as typed', () => {
    expect(parseTsv('5" wide\t"quoted" tail\tmid"dle')).toEqual([['5" wide', '"quoted" tail', 'mid"dle']]);
    expect(parseTsv('"unterminated\tx')).toEqual([['"unterminated', 'x']]);
  });

  it('keeps formulas, right-to-left text, emoji and control characters verbatim', () => {
    expect(parseTsv('=SUM(A1:A3)\t+1\t-2\t@x\r\nשלום\t🚀 launch\ta\u0007b')).toEqual([
      ['=SUM(A1:A3)', '+1', '-2', '@x'],
      ['שלום', '🚀 launch', 'a\u0007b'],
    ]);
  });

  it('reads back what toTsv writes, for any rectangle of text', () => {
    const cellArb = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '"', '\t', '\n', '\r', '=', 'é', '🚀') });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((cols) => fc.array(fc.array(cellArb, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 5 })),
        (rows) => {
          // A single empty cell is indistinguishable from "nothing" in any TSV writer.
          fc.pre(!(rows.length >= 1 && rows.every((r) => r.length === 1 && r[0] === '')));
          expect(parseTsv(toTsv(rows))).toEqual(rows);
        },
      ),
    );
  });
});

describe('toTsv', () => {
  it('quotes only cells that need it, as Excel does', () => {
    expect(toTsv([['plain', 'has\ttab', 'two\nlines', 'a "quote"']])).toBe('plain\t"has\ttab"\t"two\nlines"\t"a ""quote"""\r\n');
  });
});
