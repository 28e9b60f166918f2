import ExcelJS from 'exceljs';

export { encryptedWorkbook, rezip, writeWorkbook } from '../exchange/test-files.js';

/** A sheet of a workbook as a person edits it: cells by measure code and column header. */
export interface EditableSheet {
  ws: ExcelJS.Worksheet;
  col(header: string): number;
  rowOf(code: string): ExcelJS.Row;
  set(code: string, header: string, value: ExcelJS.CellValue): void;
  get(code: string, header: string): ExcelJS.CellValue;
}

export function editable(ws: ExcelJS.Worksheet): EditableSheet {
  const headers = (ws.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
  const col = (h: string) => {
    const i = headers.indexOf(h);
    if (i < 1) throw new Error(`no column ${h} (has ${headers.filter(Boolean).join(', ')})`);
    return i;
  };
  const rowOf = (code: string) => {
    let found: ExcelJS.Row | undefined;
    ws.eachRow((r) => {
      if (r.getCell(1).value === code && !found) found = r;
    });
    if (!found) throw new Error(`no row ${code}`);
    return found;
  };
  return {
    ws,
    col,
    rowOf,
    set: (code, h, v) => {
      rowOf(code).getCell(col(h)).value = v;
    },
    get: (code, h) => rowOf(code).getCell(col(h)).value,
  };
}

/** Opens a workbook, lets `edit` change it, and saves it again (as Excel or LibreOffice would). */
export async function editWorkbook(file: string, edit: (wb: ExcelJS.Workbook, measures: EditableSheet) => void | Promise<void>, out = file): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  await edit(wb, editable(wb.getWorksheet('Measures')!));
  await wb.xlsx.writeFile(out);
}

