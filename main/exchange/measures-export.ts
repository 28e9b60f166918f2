import type ExcelJS from 'exceljs';
import { DI_NAMES, RAG_LABELS, type CustomField, type Measure } from '../../preload/contract.js';

/*
 * Measures as a table for people without the app: an Excel workbook (numbers as numbers,
 * dates as dates, one row per measure, the code first so a re-import can match rows) or
 * CSV. Columns follow the grid's keys: built-in fields, `package`, `custom.<key>`.
 */

export type ExportKind = 'text' | 'number' | 'date' | 'money';
export type ExportValue = string | number | null;

export interface ExportColumn {
  key: string;
  header: string;
  kind: ExportKind;
  width: number;
  value(m: Measure, ctx: ExportContext): ExportValue;
}

export interface ExportContext {
  packagePath(nodeId: string): string;
}

const LIFECYCLE: Record<string, string> = { active: 'Active', on_hold: 'On hold', cancelled: 'Cancelled', closed: 'Closed' };

const text = (key: keyof Measure & string, header: string, width = 18): ExportColumn => ({
  key,
  header,
  kind: 'text',
  width,
  value: (m) => (m[key] as string | null) ?? '',
});

/** Built-in columns in the grid's default order. */
export const BUILTIN_EXPORT_COLUMNS: ExportColumn[] = [
  text('code', 'Code', 10),
  text('title', 'Title', 48),
  text('owner', 'Owner'),
  text('sponsor', 'Sponsor'),
  text('controller', 'Controller'),
  text('businessUnit', 'Business unit'),
  text('function', 'Function'),
  text('legalEntity', 'Legal entity'),
  text('description', 'Description', 48),
  text('closureCriteria', 'Closure criteria', 48),
  { key: 'startDate', header: 'Start', kind: 'date', width: 12, value: (m) => m.startDate },
  { key: 'dueDate', header: 'Due', kind: 'date', width: 12, value: (m) => m.dueDate },
  { key: 'diLevel', header: 'DI', kind: 'number', width: 6, value: (m) => m.diLevel },
  { key: 'diName', header: 'DI stage', kind: 'text', width: 12, value: (m) => DI_NAMES[m.diLevel] ?? '' },
  { key: 'lifecycle', header: 'Lifecycle', kind: 'text', width: 11, value: (m) => LIFECYCLE[m.lifecycle] ?? m.lifecycle },
  { key: 'implementationStatus', header: 'Implementation', kind: 'text', width: 14, value: (m) => RAG_LABELS[m.implementationStatus] },
  { key: 'potentialStatus', header: 'Potential', kind: 'text', width: 14, value: (m) => RAG_LABELS[m.potentialStatus] },
  { key: 'package', header: 'Package', kind: 'text', width: 40, value: (m, ctx) => ctx.packagePath(m.nodeId) },
];

export function customExportColumn(f: CustomField): ExportColumn {
  const kind: ExportKind = f.type === 'number' ? 'number' : f.type === 'money' ? 'money' : f.type === 'date' ? 'date' : 'text';
  return {
    key: `custom.${f.key}`,
    header: f.label,
    kind,
    width: kind === 'text' ? 18 : 12,
    value: (m) => {
      const v = m.custom?.[f.key];
      if (v === undefined || v === null || v === '') return null;
      if (kind === 'number' || kind === 'money') return typeof v === 'number' ? v : Number.isFinite(Number(v)) ? Number(v) : String(v);
      return String(v);
    },
  };
}

/**
 * The columns to write: the requested keys in their order (unknown keys are left out — grid
 * columns such as buttons have no data), or every column; the code is always first.
 */
export function exportColumns(customFields: CustomField[], keys?: string[]): ExportColumn[] {
  const all = [...BUILTIN_EXPORT_COLUMNS, ...customFields.map(customExportColumn)];
  if (!keys) return all;
  const byKey = new Map(all.map((c) => [c.key, c]));
  const picked = keys.map((k) => byKey.get(k)).filter((c): c is ExportColumn => !!c);
  const code = byKey.get('code')!;
  return [code, ...picked.filter((c) => c !== code)];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A workbook with one sheet of measures and a sheet saying what it is. */
export async function measuresToXlsx(rows: Measure[], columns: ExportColumn[], ctx: ExportContext & { title: string; exportedAt: string }, progress?: (done: number) => void): Promise<Buffer> {
  // Loaded when a workbook is written, not at start (exceljs is large; the CLI starts faster).
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Steerco';
  wb.created = new Date(ctx.exportedAt);
  const ws = wb.addWorksheet('Measures', { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.kind === 'money' ? { numFmt: '#,##0.00' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  rows.forEach((m, i) => {
    const values = columns.map((c): ExcelJS.CellValue => {
      const v = c.value(m, ctx);
      if (v === null || v === '') return null;
      if (c.kind === 'date' && typeof v === 'string') {
        const d = DATE.exec(v);
        return d ? new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]))) : v;
      }
      // Money is kept in minor units; the sheet shows major units (a display value, not stored back).
      if (c.kind === 'money' && typeof v === 'number') return v / 100;
      // Strings stay strings: a title "=SUM(A1)" is text in the sheet, never a formula.
      return v;
    });
    ws.addRow(values);
    if (progress && i % 1000 === 999) progress(i + 1);
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
  const about = wb.addWorksheet('About');
  about.addRows([['Workspace', ctx.title], ['Exported', ctx.exportedAt], ['Measures', rows.length], ['Exported by', 'Steerco']]);
  about.getColumn(1).font = { bold: true };
  about.getColumn(1).width = 14;
  about.getColumn(2).width = 40;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * RFC 4180 CSV with a UTF-8 byte-order mark (Excel reads the accents). A text cell that
 * starts like a formula (= + - @, tab, CR) gets a leading apostrophe so a spreadsheet does
 * not evaluate it (CSV injection); numbers are written plainly.
 */
export function measuresToCsv(rows: Measure[], columns: ExportColumn[], ctx: ExportContext): string {
  const cell = (v: ExportValue, kind: ExportKind): string => {
    if (v === null) return '';
    let s = kind === 'money' && typeof v === 'number' ? (v / 100).toFixed(2) : String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.map((c) => cell(c.header, 'text')).join(',')];
  for (const m of rows) lines.push(columns.map((c) => cell(c.value(m, ctx), c.kind)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
