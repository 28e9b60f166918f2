import type ExcelJS from 'exceljs';

/** A named font: without a name LibreOffice falls back to its default serif font. */
export const HEADER_FONT: Partial<ExcelJS.Font> = { name: 'Calibri', family: 2, size: 11, bold: true };

/**
 * Number format for money of `currency` with its decimals ("[$EUR] #,##0.00", "[$JPY] #,##0"):
 * the ISO code in brackets is read by Excel and LibreOffice alike and is never ambiguous
 * ("$" is several currencies).
 */
export function moneyFormat(currency: string, digits: number): string {
  const code = /^[A-Z]{3}$/.test(currency) ? currency : 'EUR';
  return `[$${code}] #,##0${digits > 0 ? `.${'0'.repeat(digits)}` : ''}`;
}

export const columnLetter = (n: number): string => {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};

interface DefinedName {
  name: string;
  ranges: string[];
  localSheetId?: number;
}

/**
 * Adds the sheet-local defined name `_xlnm._FilterDatabase` for each sheet's autofilter.
 * Excel writes it beside `<autoFilter>`; LibreOffice needs it to show the filter buttons,
 * and exceljs does not write it. exceljs's defined names are per cell (a 20k × 30 range
 * would be 600k entries), so the names are added where the workbook collects them for
 * writing: the `model` of its defined names, which its workbook writer renders with
 * `localSheetId`.
 */
export function keepAutoFilter(wb: ExcelJS.Workbook, sheets: { sheet: ExcelJS.Worksheet; rows: number; columns: number }[]): void {
  const names = wb.definedNames as unknown as { model: DefinedName[] };
  const proto = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(names), 'model');
  if (!proto?.get) return;
  const extra: DefinedName[] = sheets.map(({ sheet, rows, columns }) => ({
    name: '_xlnm._FilterDatabase',
    ranges: [`'${sheet.name.replace(/'/g, "''")}'!$A$1:$${columnLetter(Math.max(1, columns))}$${Math.max(1, rows)}`],
    localSheetId: wb.worksheets.indexOf(sheet),
  }));
  Object.defineProperty(names, 'model', {
    configurable: true,
    get: () => [...(proto.get!.call(names) as DefinedName[]), ...extra],
    set: (v: DefinedName[]) => proto.set?.call(names, v),
  });
}
