/**
 * Tab-separated text as Excel and LibreOffice put it on the clipboard, and as they accept
 * it back. A cell that holds a tab, a line break or a double quote is quoted ("…") with
 * inner quotes doubled; a quote that does not open a cell is an ordinary character.
 * Formulas (=, +, -, @) are plain text here: nothing is ever evaluated.
 */

/** Parses clipboard text into rows of cells. One trailing line break (Excel adds it) is ignored. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const n = text.length;
  let atCellStart = true;
  while (i < n) {
    const ch = text[i]!;
    if (atCellStart && ch === '"') {
      // A quoted cell: runs to the closing quote; "" is one quote.
      const start = i;
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < n) {
        const c = text[j]!;
        if (c === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += c;
        j++;
      }
      const next = text[j];
      if (closed && (j >= n || next === '\t' || next === '\n' || next === '\r')) {
        cell = value;
        i = j;
        atCellStart = false;
        continue;
      }
      // Not a well-formed quoted cell (e.g. `"5" wide`): keep the text as typed.
      cell = '"';
      i = start + 1;
      atCellStart = false;
      continue;
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i++;
    }
  }
  if (!atCellStart || row.length > 0 || cell !== '') {
    row.push(cell);
    rows.push(row);
  } else if (rows.length === 0 && n > 0) {
    rows.push(['']);
  }
  return rows;
}

/** Quotes a cell when Excel would need it to read the cell back as one. */
export function tsvCell(value: string): string {
  return /[\t\r\n"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows of cells as clipboard text Excel pastes into a rectangle (CRLF line ends, as Excel writes). */
export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(tsvCell).join('\t')).join('\r\n') + '\r\n';
}
