import type ExcelJS from 'exceljs';
import type { Measure } from '../../preload/contract.js';
import { numberMarks } from '../../preload/contract/parse.js';
import type { ExportColumn, ExportContext, ExportKind, ExportValue } from './export-columns.js';
import { writeAboutSheet, type ExportMeta } from './about-sheet.js';
import { addValueSheet, type ValueSheetData } from './value-sheet.js';
import { keepAutoFilter, moneyFormat, HEADER_FONT } from './xlsx-style.js';

/*
 * Measures as a table for people without the app: an Excel workbook (numbers as numbers,
 * dates as dates, money in the workspace currency, one row per measure, the code first so a
 * re-import matches rows by it) or CSV. Columns: export-columns.ts.
 */

export { BUILTIN_EXPORT_COLUMNS, customExportColumn, exportColumns, type ExportColumn, type ExportContext } from './export-columns.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const MEASURES_SHEET = 'Measures';

/** Minor units as major units (a display value: the sheet shows 1,234.56 for 123456 cents). */
const major = (minor: number, digits: number) => minor / 10 ** digits;

function cellValue(c: ExportColumn, v: ExportValue, digits: number): ExcelJS.CellValue {
  if (v === null || v === '') return null;
  if (c.kind === 'date' && typeof v === 'string') {
    const d = DATE.exec(v);
    return d ? new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]))) : v;
  }
  if (c.kind === 'money' && typeof v === 'number') return major(v, digits);
  if (c.kind === 'cents' && typeof v === 'number') return major(v, 2);
  // Strings stay strings: a title "=SUM(A1)" is text in the sheet, never a formula.
  return v;
}

/** A workbook with the measures, optionally the Value sheet, and the About sheet the import reads back. */
export async function measuresToXlsx(
  rows: Measure[],
  columns: ExportColumn[],
  ctx: ExportContext & { meta: ExportMeta; value?: ValueSheetData },
  progress?: (done: number) => void,
): Promise<Buffer> {
  // Loaded when a workbook is written, not at start (exceljs is large; the CLI starts faster).
  const { default: Excel } = await import('exceljs');
  const { currency, digits } = ctx.meta;
  const wb = new Excel.Workbook();
  wb.creator = 'Steerco';
  wb.created = new Date(ctx.meta.exportedAt);
  const ws = wb.addWorksheet(MEASURES_SHEET, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.kind === 'money' ? { numFmt: moneyFormat(currency, digits) } : c.kind === 'cents' ? { numFmt: moneyFormat(currency, 2) } : {},
  }));
  ws.getRow(1).font = HEADER_FONT;
  rows.forEach((m, i) => {
    ws.addRow(columns.map((c) => cellValue(c, c.value(m, ctx), digits)));
    if (progress && i % 1000 === 999) progress(i + 1);
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
  const filters = [{ sheet: ws, rows: rows.length + 1, columns: columns.length }];
  if (ctx.value) filters.push(addValueSheet(wb, ctx.value, { currency, digits }));
  writeAboutSheet(wb, { ...ctx.meta, measures: rows.length });
  keepAutoFilter(wb, filters);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type CsvSeparator = ',' | ';' | '\t';

/**
 * RFC 4180 CSV with a UTF-8 byte-order mark (Excel reads the accents), separated by `,`, `;`
 * (what Excel expects where the decimal mark is a comma) or a tab. Numbers and money are
 * written with the locale's decimal mark, without grouping. A text cell that starts like a
 * formula (= + - @, tab, CR) gets a leading apostrophe so a spreadsheet does not evaluate it
 * (CSV injection); the import removes it again.
 */
export function measuresToCsv(rows: Measure[], columns: ExportColumn[], ctx: ExportContext & { digits: number; separator?: CsvSeparator; locale?: string }): string {
  const sep = ctx.separator ?? ',';
  const { decimal } = numberMarks(ctx.locale);
  const quoteIf = new RegExp(`["\\r\\n${sep === '\t' ? '\\t' : sep}]`);
  const num = (s: string) => (decimal === ',' ? s.replace('.', ',') : s);
  const cell = (v: ExportValue, kind: ExportKind): string => {
    if (v === null) return '';
    let s: string;
    if (typeof v === 'number') {
      s = kind === 'money' ? num(major(v, ctx.digits).toFixed(ctx.digits)) : kind === 'cents' ? num(major(v, 2).toFixed(2)) : num(String(v));
    } else {
      s = v;
      if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    }
    return quoteIf.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.map((c) => cell(c.header, 'text')).join(sep)];
  for (const m of rows) lines.push(columns.map((c) => cell(c.value(m, ctx), c.kind)).join(sep));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
