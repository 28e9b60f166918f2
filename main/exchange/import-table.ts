import { ValidationError } from '../../db/errors.js';

/** What the readers of workbooks and CSV give the import: plain tables of typed cells. */

export type RawCell = string | number | boolean | Date | null;

export interface SheetTable {
  /** The sheet's name (workbooks), null for CSV. */
  name: string | null;
  /** Row-major; rows[0] is the spreadsheet's row 1, cells[0] its column A. */
  rows: RawCell[][];
  /** Cells (`row:col`, 0-based) that held a formula: their saved result was read. */
  formulas: Set<string>;
  /** Cells that could not give a value (a formula never calculated, an error value), with why. */
  unreadable: Map<string, string>;
  /** Merged ranges ("B3:C4"). */
  merges: string[];
}

export interface ImportFile {
  name: string;
  format: 'xlsx' | 'csv';
  /** Every sheet of a workbook, in order. */
  sheets: string[];
  main: SheetTable;
  /** The workbook's Value sheet, when it has one and it is not the main sheet. */
  value: SheetTable | null;
  /** The About sheet: label (lower case) → value. */
  about: Map<string, string> | null;
  /** CSV: the separator found; its text encoding. */
  separator: string | null;
  encoding: string;
  notes: string[];
}

/** At most this many rows per sheet (a workshop program is hundreds; the grid is built for 20,000). */
export const MAX_IMPORT_ROWS = 100_000;
/** At most this many bytes per file (a 100,000-row workbook is about 15 MB). */
export const MAX_IMPORT_BYTES = 40 * 1024 * 1024;

export const cellKey = (row: number, col: number) => `${row}:${col}`;

/** A refusal of the whole file; the message names the file and says nothing was written. */
export class ImportFileError extends ValidationError {
  constructor(file: string, reason: string) {
    super(`Cannot import ${file}: ${reason} Nothing was written.`, [{ field: 'file', message: `Cannot import ${file}: ${reason} Nothing was written.` }]);
    this.name = 'ImportFileError';
  }
}
