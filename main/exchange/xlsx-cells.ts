import { inflateRawSync } from 'node:zlib';
import { cellKey, type RawCell, type SheetTable } from './import-table.js';
import { entryBytes, readEntryText, type ZipEntry } from './zip-entries.js';

/*
 * The cells of a workbook's sheets, read straight from its SpreadsheetML (ECMA-376 part 1,
 * §18.3 sheet data, §18.4 shared strings, §18.8 styles): numbers, text (shared or inline,
 * rich text joined), booleans, ISO dates, errors, and a formula's saved result. A number in
 * a date style is a day. Only what an import reads is read — no layout, no styles beyond
 * "is this a date" — which makes a 20,000-row sheet a few hundred milliseconds, where
 * building exceljs's full model costs seconds.
 */

const P = '(?:[\\w.-]+:)?';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text: entities, and Excel's _xHHHH_ escapes of control characters. */
export function xmlText(s: string): string {
  let out = s.includes('&')
    ? s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => ENTITIES[e] ?? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)))
    : s;
  if (out.includes('_x')) out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return out;
}

const ATTRS = new Map<string, RegExp>();
export function attr(tag: string, name: string): string | undefined {
  let re = ATTRS.get(name);
  if (!re) ATTRS.set(name, (re = new RegExp(`(?:^|\\s)${name}="([^"]*)"`)));
  const m = re.exec(tag);
  return m ? xmlText(m[1]!) : undefined;
}

/** The text of `<t>` elements in a string item or inline string, phonetic runs (`<rPh>`) left out. */
function itemText(inner: string): string {
  const body = inner.includes('rPh') ? inner.replace(new RegExp(`<${P}rPh\\b[\\s\\S]*?</${P}rPh>`, 'g'), '') : inner;
  let out = '';
  for (const m of body.matchAll(new RegExp(`<${P}t(?:\\s[^>]*)?>([\\s\\S]*?)</${P}t>`, 'g'))) out += m[1]!;
  return xmlText(out);
}

export function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(new RegExp(`<${P}si(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</${P}si>)`, 'g'))) out.push(m[1] ? itemText(m[1]) : '');
  return out;
}

/** Built-in number formats that show a date (ECMA-376 §18.8.30; 27–36 and 50–58 are the East Asian dates). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a format code shows a date: quoted text, [brackets] (currency, colour, locale) and escapes are not date parts. */
export function isDateFormat(code: string | undefined): boolean {
  return !!code && /[dy]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));
}

/** For each cell style (index of `<xf>` in `<cellXfs>`): whether it shows a date. */
export function dateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(new RegExp(`<${P}numFmt\\b([^>]*)/?>`, 'g'))) {
    const id = Number(attr(m[1]!, 'numFmtId'));
    const code = attr(m[1]!, 'formatCode');
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  const xfs = new RegExp(`<${P}cellXfs\\b[^>]*>([\\s\\S]*?)</${P}cellXfs>`).exec(xml)?.[1] ?? '';
  const out: boolean[] = [];
  for (const m of xfs.matchAll(new RegExp(`<${P}xf\\b([^>]*?)/?>`, 'g'))) {
    const id = Number(attr(m[1]!, 'numFmtId') ?? '0');
    out.push(custom.has(id) ? isDateFormat(custom.get(id)) : DATE_FORMAT_IDS.has(id));
  }
  return out;
}

export interface Book {
  sharedStrings: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

export async function readBook(buf: Buffer, entries: Map<string, ZipEntry>, workbookXml: string): Promise<Book> {
  const ss = entries.get('xl/sharedStrings.xml');
  const st = entries.get('xl/styles.xml');
  const pr = new RegExp(`<${P}workbookPr\\b([^>]*)>`).exec(workbookXml)?.[1] ?? '';
  const d1904 = attr(pr, 'date1904');
  return {
    sharedStrings: ss ? sharedStrings(await readEntryText(buf, ss)) : [],
    dateStyles: st ? dateStyles(await readEntryText(buf, st)) : [],
    date1904: d1904 === '1' || d1904 === 'true',
  };
}

const colIndex = (letters: string) => {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n - 1;
};

/** A day number of the workbook's date system as a date at UTC midnight (whole days; a time of day is dropped by the caller's ISO day). */
const dayOf = (n: number, date1904: boolean) => new Date(Math.round((n + (date1904 ? 1462 : 0) - 25569) * 86_400_000));

const ROW = new RegExp(`<${P}row\\b([^>]*?)(/?)>`, 'g');
const CELL = new RegExp(`<${P}c\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${P}c>)`, 'g');
const V = new RegExp(`<${P}v(?:\\s[^>]*)?>([\\s\\S]*?)</${P}v>`);
const F = new RegExp(`<${P}f\\b`);
const IS = new RegExp(`<${P}is>([\\s\\S]*?)</${P}is>`);
const ROW_END = /<\/(?:[\w.-]+:)?row>/g;

/** The cells of one sheet as a table. */
export function readSheet(buf: Buffer, entry: ZipEntry, book: Book, name: string, merges: string[]): SheetTable {
  const raw = entryBytes(buf, entry);
  const xml = (entry.method === 8 ? inflateRawSync(raw) : raw).toString('utf8');
  const t: SheetTable = { name, rows: [], formulas: new Set(), unreadable: new Map(), merges };
  const start = xml.search(new RegExp(`<${P}sheetData\\b`));
  if (start < 0) return t;
  ROW.lastIndex = start;
  let nextRow = 0;
  for (let m = ROW.exec(xml); m; m = ROW.exec(xml)) {
    const rAttr = attr(m[1]!, 'r');
    const r = rAttr ? Number(rAttr) - 1 : nextRow;
    nextRow = r + 1;
    if (m[2] === '/') continue;
    ROW_END.lastIndex = ROW.lastIndex;
    const end = ROW_END.exec(xml);
    const body = xml.slice(ROW.lastIndex, end ? end.index : xml.length);
    ROW.lastIndex = end ? ROW_END.lastIndex : xml.length;
    const cells: RawCell[] = [];
    let nextCol = 0;
    CELL.lastIndex = 0;
    for (let c = CELL.exec(body); c; c = CELL.exec(body)) {
      const a = c[1]!;
      const ref = /(?:^|\s)r="([A-Z]+)\d*"/.exec(a);
      const col = ref ? colIndex(ref[1]!) : nextCol;
      nextCol = col + 1;
      const inner = c[2] ?? '';
      const type = attr(a, 't') ?? 'n';
      const key = cellKey(r, col);
      const formula = F.test(inner);
      if (formula) t.formulas.add(key);
      const v = V.exec(inner)?.[1];
      let value: RawCell = null;
      if (type === 'inlineStr') value = itemText(IS.exec(inner)?.[1] ?? '');
      else if (v === undefined) {
        if (formula) t.unreadable.set(key, 'is a formula without a saved result; open the file in Excel or LibreOffice, let it calculate and save it, or type the value');
      } else if (type === 's') value = book.sharedStrings[Number(v)] ?? '';
      else if (type === 'str') value = xmlText(v);
      else if (type === 'b') value = v.trim() === '1';
      else if (type === 'e') t.unreadable.set(key, `${formula ? 'is a formula whose result is' : 'holds'} the error ${xmlText(v)}`);
      else if (type === 'd') {
        const d = new Date(xmlText(v).length <= 10 ? `${xmlText(v)}T00:00:00Z` : xmlText(v));
        value = Number.isNaN(d.getTime()) ? xmlText(v) : d;
      } else {
        const n = Number(v);
        const s = attr(a, 's');
        value = Number.isFinite(n) ? (s && book.dateStyles[Number(s)] ? dayOf(n, book.date1904) : n) : xmlText(v);
      }
      cells[col] = value;
    }
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    t.rows[r] = cells;
  }
  for (let i = 0; i < t.rows.length; i++) t.rows[i] ??= [];
  return t;
}
