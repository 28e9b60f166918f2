import { readCsv } from './import-csv.js';
import { ImportFileError, MAX_IMPORT_BYTES, type ImportFile } from './import-table.js';
import { readXlsx } from './import-xlsx.js';

export { ImportFileError, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ImportFile, type RawCell, type SheetTable } from './import-table.js';

/** Reads a file to import by its name's extension (.xlsx / .xlsm workbooks, .csv / .tsv / .txt text). */
export async function readImportFile(buf: Buffer, name: string, sheet?: string): Promise<ImportFile> {
  if (buf.length === 0) throw new ImportFileError(name, 'the file is empty.');
  if (buf.length > MAX_IMPORT_BYTES) {
    throw new ImportFileError(name, `it is ${(buf.length / 1024 / 1024).toFixed(1)} MB; Steerco imports files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it.`);
  }
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  if (ext === 'xlsx' || ext === 'xlsm') return readXlsx(buf, name, sheet);
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') {
    if (sheet) throw new ImportFileError(name, 'a CSV file has no sheets; leave out the sheet name.');
    if (buf.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') throw new ImportFileError(name, 'it is named .csv but is a zip file (a workbook?); name it .xlsx.');
    return readCsv(buf, name);
  }
  if (ext === 'xls') return readXlsx(buf, name, sheet); // tells an old workbook or an encrypted one apart, with the right advice
  if (ext === 'ods') throw new ImportFileError(name, 'it is an OpenDocument spreadsheet (.ods); save it as an Excel workbook (.xlsx) or CSV first.');
  throw new ImportFileError(name, 'Steerco imports Excel workbooks (.xlsx) and CSV files (.csv); this file is neither.');
}
