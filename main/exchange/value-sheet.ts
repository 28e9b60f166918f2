import type ExcelJS from 'exceljs';
import { VALUE_FIELDS, type EffectLineType, type ValueField } from '../../preload/contract.js';
import { LINE_TYPE_RULES } from '../domain/value-lines.js';
import { HEADER_FONT, moneyFormat } from './xlsx-style.js';

/*
 * The Value sheet: one row per measure × effect line, the months as columns for plan,
 * forecast and actual ("Plan 2026-01" …), money in major units of the workspace currency.
 * The import reads it back by the same headers; the line is matched by its id (the last,
 * hidden column), else by code, line type and label.
 */

export const VALUE_SHEET = 'Value';
export const FIELD_HEADERS: Record<ValueField, string> = { plan: 'Plan', forecast: 'Forecast', actual: 'Actual' };
export const VALUE_FIXED = { code: 'Code', title: 'Title', lineType: 'Line type', line: 'Line', target: 'Target', lineId: 'Line ID' } as const;

export interface ValueSheetRow {
  code: string;
  title: string;
  lineType: EffectLineType;
  line: string;
  /** Minor units. */
  target: number | null;
  lineId: string;
  /** `${field}:${period}` → minor units. */
  values: Map<string, number>;
}

export interface ValueSheetData {
  periods: string[];
  rows: ValueSheetRow[];
}

export const monthHeader = (field: ValueField, period: string) => `${FIELD_HEADERS[field]} ${period}`;

/** "Plan 2026-01", "forecast 2026-1", "2026-01 Actual" → field and month; null for any other header. */
export function parseMonthHeader(text: string): { field: ValueField; period: string } | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const m = /^(plan|forecast|actual) (\d{4})-(\d{1,2})$/.exec(t) ?? /^(\d{4})-(\d{1,2}) (plan|forecast|actual)$/.exec(t);
  if (!m) return null;
  const [field, y, mo] = /^\d/.test(m[1]!) ? [m[3]!, m[1]!, m[2]!] : [m[1]!, m[2]!, m[3]!];
  const month = Number(mo);
  if (month < 1 || month > 12) return null;
  return { field: field as ValueField, period: `${y}-${String(month).padStart(2, '0')}` };
}

/** Line type from its label or key ("Capex", "one_time_cost"); null when unknown. */
export function lineTypeOf(text: string): EffectLineType | null {
  const t = text.trim().toLowerCase();
  for (const [type, rule] of Object.entries(LINE_TYPE_RULES)) if (type === t || rule.label.toLowerCase() === t) return type as EffectLineType;
  return null;
}

export function addValueSheet(wb: ExcelJS.Workbook, data: ValueSheetData, money: { currency: string; digits: number }): { sheet: ExcelJS.Worksheet; rows: number; columns: number } {
  const ws = wb.addWorksheet(VALUE_SHEET, { views: [{ state: 'frozen', xSplit: 4, ySplit: 1 }] });
  const fmt = { numFmt: moneyFormat(money.currency, money.digits) };
  const months = VALUE_FIELDS.flatMap((f) => data.periods.map((p) => ({ f, p })));
  ws.columns = [
    { header: VALUE_FIXED.code, key: 'code', width: 10 },
    { header: VALUE_FIXED.title, key: 'title', width: 36 },
    { header: VALUE_FIXED.lineType, key: 'lineType', width: 24 },
    { header: VALUE_FIXED.line, key: 'line', width: 24 },
    { header: VALUE_FIXED.target, key: 'target', width: 14, style: fmt },
    ...months.map(({ f, p }) => ({ header: monthHeader(f, p), key: `${f}:${p}`, width: 13, style: fmt })),
    { header: VALUE_FIXED.lineId, key: 'lineId', width: 10, hidden: true },
  ];
  ws.getRow(1).font = HEADER_FONT;
  const scale = 10 ** money.digits;
  for (const r of data.rows) {
    ws.addRow([
      r.code,
      r.title,
      LINE_TYPE_RULES[r.lineType]?.label ?? r.lineType,
      r.line,
      r.target === null ? null : r.target / scale,
      ...months.map(({ f, p }) => {
        const v = r.values.get(`${f}:${p}`);
        return v === undefined ? null : v / scale;
      }),
      r.lineId,
    ]);
  }
  const columns = 6 + months.length;
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, data.rows.length + 1), column: columns } };
  return { sheet: ws, rows: data.rows.length + 1, columns };
}
