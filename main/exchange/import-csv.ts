import { ImportFileError, MAX_IMPORT_ROWS, type ImportFile, type RawCell, type SheetTable } from './import-table.js';

/*
 * Reads CSV for the import: UTF-8 with or without a byte-order mark (else Windows-1252, which
 * Excel's plain "CSV" writes, said so in the preview), separated by `,` `;` or a tab (Excel's
 * `sep=` line, else the mark the header row uses most outside quotes), RFC 4180 quoting.
 * The export's formula guard (a `'` before `= + - @`) is removed: it protects a spreadsheet
 * from running the text, it is not part of it.
 */

const SEPARATORS = [',', ';', '\t'] as const;

function decode(buf: Buffer): { text: string; encoding: string } {
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = bom ? buf.subarray(3) : buf;
  if (body[0] === 0xff && body[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(body.subarray(2)), encoding: 'UTF-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: bom ? 'UTF-8 with BOM' : 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'Windows-1252' };
  }
}

/** The separator the first line uses most outside quotes (a tie goes to the comma). */
function detectSeparator(text: string): string {
  const counts = new Map<string, number>(SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const s of SEPARATORS) if (counts.get(s)! > counts.get(best)!) best = s;
  return best;
}

/** RFC 4180 rows; line breaks inside quotes stay in the cell (as "\n"). Stops past the row limit. */
function parseRows(text: string, sep: string, file: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const n = text.length;
  const endRow = () => {
    row.push(cell);
    cell = '';
    rows.push(row);
    row = [];
    if (rows.length > MAX_IMPORT_ROWS) {
      throw new ImportFileError(file, `it has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows; Steerco imports at most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows at a time. Split the file.`);
    }
  };
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"' && cell === '') {
      // A quoted cell: "" is a quote, anything else up to the closing quote is text.
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          cell += text.slice(i);
          i = n;
          break;
        }
        cell += text.slice(i, q);
        if (text[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      cell = cell.replace(/\r\n?/g, '\n');
      continue;
    }
    if (ch === sep) {
      row.push(cell);
      cell = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      // Plain text up to the next separator, quote or line end.
      let j = i;
      while (j < n) {
        const c = text[j]!;
        if (c === sep || c === '\r' || c === '\n') break;
        j++;
      }
      cell += text.slice(i, j);
      i = j;
    }
  }
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}

const GUARD = /^'(?=[=+\-@\t\r])/;

export function readCsv(buf: Buffer, file: string): ImportFile {
  const { text: raw, encoding } = decode(buf);
  let text = raw;
  const notes: string[] = [];
  let sep: string | null = null;
  const hint = /^"?sep=(.)"?\r?\n/i.exec(text);
  if (hint) {
    sep = hint[1]!;
    text = text.slice(hint[0].length);
  }
  if (text.trim() === '') throw new ImportFileError(file, 'the file is empty.');
  sep ??= detectSeparator(text);
  if (encoding === 'Windows-1252') notes.push('The file is not UTF-8; it was read as Windows-1252 (what Excel writes for "CSV"). Check accented letters in the preview.');
  const rows = parseRows(text, sep, file);
  let guards = 0;
  const table: SheetTable = {
    name: null,
    rows: rows.map((r) =>
      r.map((c): RawCell => {
        if (GUARD.test(c)) {
          guards++;
          return c.slice(1);
        }
        return c;
      }),
    ),
    formulas: new Set(),
    unreadable: new Map(),
    merges: [],
  };
  if (guards > 0) notes.push(`${guards} cell${guards === 1 ? '' : 's'} began with the export's formula guard (') before = + - or @; it was removed, the text kept as text.`);
  return { name: file, format: 'csv', sheets: [], main: table, value: null, about: null, separator: sep, encoding, notes };
}
