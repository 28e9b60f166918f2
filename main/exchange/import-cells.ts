import { numberMarks } from '../../preload/contract/parse.js';
import type { ExportKind, ExportValue } from './export-columns.js';
import type { RawCell } from './import-table.js';

/*
 * A cell of a file as the text a person would have typed in the grid, read afterwards by
 * the one parser (preload/contract/parse.ts) like every other input: numbers in the user's
 * locale, dates as ISO days. A cell "is unchanged" when it reads the same as the export
 * would have written the value Steerco holds.
 */

/** Longest text a cell may hold (the grid's limit for long text). */
export const MAX_CELL_CHARS = 1_000_000;

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** A number as plain decimal text with the locale's mark, no grouping, 15 significant digits (what a spreadsheet shows). */
export function numberText(n: number, locale?: string): string {
  if (!Number.isFinite(n)) return String(n);
  let s = String(Number(n.toPrecision(15)));
  if (/e/i.test(s) && Math.abs(n) < 1e21) s = Number(n.toPrecision(15)).toFixed(20).replace(/\.?0+$/, '');
  return numberMarks(locale).decimal === ',' ? s.replace('.', ',') : s;
}

/** An Excel day number (1900 system) as an ISO day. */
export const excelSerialDay = (n: number) => isoDay(new Date(Math.round((n - 25569) * 86_400_000)));

/** The text a file's cell stands for, in a column of `kind`. */
export function inputText(v: RawCell, kind: ExportKind, locale?: string): string {
  if (v === null) return '';
  if (v instanceof Date) return isoDay(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return kind === 'date' && v > 0 && v < 2_958_466 && Number.isInteger(v) ? excelSerialDay(v) : numberText(v, locale);
  return v.replace(/\r\n?/g, '\n');
}

/** The text the export writes for `v` (minor units shown as major), read the same way as a file's cell. */
export function exportedText(v: ExportValue, kind: ExportKind, digits: number, locale?: string): string {
  if (v === null || v === '') return '';
  if (typeof v === 'number') {
    if (kind === 'money') return numberText(v / 10 ** digits, locale);
    if (kind === 'cents') return numberText(v / 100, locale);
    return numberText(v, locale);
  }
  return v;
}
