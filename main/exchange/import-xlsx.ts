import { ABOUT_SHEET } from './about-sheet.js';
import { ImportFileError, MAX_IMPORT_ROWS, type ImportFile } from './import-table.js';
import { VALUE_SHEET } from './value-sheet.js';
import { readBook, readSheet } from './xlsx-cells.js';
import { readEntryText, scanEntry, zipEntries, type ZipEntry } from './zip-entries.js';

/*
 * Reads an .xlsx workbook for the import. Before exceljs sees it, the file is looked into
 * cheaply: an encrypted (password-protected) workbook or an old .xls is told apart from a
 * workbook; every sheet's rows are counted and its merged cells listed while its XML streams
 * by, so a million-row sheet is refused after reading a tenth of it instead of being built
 * in memory. Then the sheets' cells are read (xlsx-cells.ts): typed (numbers, dates, text),
 * formulas as their saved result.
 */

const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');
/** A sheet's XML can hold at most this much (1 GB inflated) whatever its zip size (a "zip bomb"). */
const MAX_SHEET_XML = 1024 * 1024 * 1024;

const decodeXml = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()]!;
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });

const attrs = (tag: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) out[m[1]!] = decodeXml(m[2]!);
  return out;
};

interface SheetRef {
  name: string;
  entry: ZipEntry;
}

/** The workbook's sheets in order, with their XML entries. */
async function sheetList(buf: Buffer, entries: Map<string, ZipEntry>, file: string): Promise<{ sheets: SheetRef[]; workbookXml: string }> {
  const wbEntry = entries.get('xl/workbook.xml');
  const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
  if (!wbEntry || !relsEntry) {
    if (entries.has('content.xml') && entries.has('mimetype')) throw new ImportFileError(file, 'it is an OpenDocument spreadsheet (.ods); save it as an Excel workbook (.xlsx) or CSV first.');
    throw new ImportFileError(file, 'it is a zip file but not an Excel workbook (it has no xl/workbook.xml).');
  }
  const rels = new Map<string, string>();
  for (const m of (await readEntryText(buf, relsEntry)).matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const a = attrs(m[0]);
    if (a.Id && a.Target) rels.set(a.Id, a.Target);
  }
  const sheets: SheetRef[] = [];
  const workbookXml = await readEntryText(buf, wbEntry);
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = attrs(m[0]);
    const target = a['r:id'] ? rels.get(a['r:id']) : undefined;
    if (!a.name || !target) continue;
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    const entry = entries.get(path);
    if (entry) sheets.push({ name: a.name, entry });
  }
  return { sheets, workbookXml };
}

/** Counts a sheet's rows (refusing more than the limit) and lists its merged ranges, streaming its XML. */
async function prescan(buf: Buffer, sheet: SheetRef, file: string): Promise<string[]> {
  if (sheet.entry.size > MAX_SHEET_XML) throw new ImportFileError(file, `the sheet "${sheet.name}" is too large to read (over 1 GB of data).`);
  let rows = 0;
  let tail = '';
  const merges: string[] = [];
  await scanEntry(buf, sheet.entry, (chunk) => {
    // The last characters of the previous chunk come first, so a tag split between two chunks is
    // seen whole; a match that ends inside them was counted with the previous chunk.
    const text = tail + chunk;
    for (const m of text.matchAll(/<(?:\w+:)?row[\s>]/g)) if (m.index + m[0].length > tail.length) rows++;
    for (const m of text.matchAll(/<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"/g)) if (m.index + m[0].length > tail.length) merges.push(m[1]!);
    tail = text.slice(-80);
    return rows <= MAX_IMPORT_ROWS;
  });
  if (rows > MAX_IMPORT_ROWS) {
    throw new ImportFileError(file, `the sheet "${sheet.name}" has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows; Steerco imports at most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows at a time. Split the file.`);
  }
  return merges;
}

/** Reads a workbook: the sheet named `sheetName` (else the first), its Value and About sheets. */
export async function readXlsx(buf: Buffer, file: string, sheetName?: string): Promise<ImportFile> {
  if (buf.subarray(0, 8).equals(CFB)) {
    if (buf.indexOf(ENCRYPTION_INFO) >= 0) {
      throw new ImportFileError(file, 'it is protected with a password. Open it in Excel or LibreOffice, remove the password (Excel: File › Info › Protect Workbook › Encrypt with Password; LibreOffice: save without "Save with password") and import the saved copy.');
    }
    throw new ImportFileError(file, 'it is an old Excel 97–2003 workbook (.xls); save it as an Excel workbook (.xlsx) first.');
  }
  const entries = buf.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004' ? zipEntries(buf) : null;
  if (!entries) throw new ImportFileError(file, 'it is not an Excel workbook (.xlsx): its content is not a workbook at all. Choose an .xlsx file saved by Excel or LibreOffice, or a CSV file.');
  const { sheets, workbookXml } = await sheetList(buf, entries, file);
  if (sheets.length === 0) throw new ImportFileError(file, 'the workbook has no sheets.');
  const main = sheetName ? sheets.find((s) => s.name.toLowerCase() === sheetName.trim().toLowerCase()) : sheets[0];
  if (!main) throw new ImportFileError(file, `it has no sheet named "${sheetName}"; its sheets are ${sheets.map((s) => `"${s.name}"`).join(', ')}.`);
  const valueRef = main.name.toLowerCase() !== VALUE_SHEET.toLowerCase() ? sheets.find((s) => s.name.toLowerCase() === VALUE_SHEET.toLowerCase()) : undefined;
  const aboutRef = sheets.find((s) => s.name.toLowerCase() === ABOUT_SHEET.toLowerCase() && s !== main);
  const read = [main, valueRef, aboutRef].filter((s): s is SheetRef => !!s);
  const merges = new Map<SheetRef, string[]>();
  for (const s of read) {
    try {
      merges.set(s, await prescan(buf, s, file));
    } catch (e) {
      if (e instanceof ImportFileError) throw e;
      throw new ImportFileError(file, `the sheet "${s.name}" is damaged and cannot be read (${e instanceof Error ? e.message.slice(0, 120) : 'unknown error'}).`);
    }
  }
  let book;
  try {
    book = await readBook(buf, entries, workbookXml);
  } catch (e) {
    throw new ImportFileError(file, `the workbook is damaged and cannot be read (${e instanceof Error ? e.message.slice(0, 120) : 'unknown error'}).`);
  }
  const table = (s: SheetRef) => {
    try {
      return readSheet(buf, s.entry, book, s.name, merges.get(s) ?? []);
    } catch (e) {
      throw new ImportFileError(file, `the sheet "${s.name}" is damaged and cannot be read (${e instanceof Error ? e.message.slice(0, 120) : 'unknown error'}).`);
    }
  };
  let about: Map<string, string> | null = null;
  if (aboutRef) {
    about = new Map();
    for (const row of table(aboutRef).rows) {
      const [k, v] = row;
      if (typeof k === 'string' && v !== null && v !== undefined) about.set(k.trim().toLowerCase(), v instanceof Date ? v.toISOString() : String(v));
    }
  }
  return {
    name: file,
    format: 'xlsx',
    sheets: sheets.map((s) => s.name),
    main: table(main),
    value: valueRef ? table(valueRef) : null,
    about,
    separator: null,
    encoding: 'xlsx',
    notes: [],
  };
}
