import type { PackBlock, PackCell, PackColumn } from '../../preload/contract/pack-types.js';
import { CONTENT_W, MARGIN_X, TABLE_TITLE_H, TABLE_TITLE_PT, type Flow, type TableCell } from './pptx-flow.js';
import { lineHeight, wrapText } from './text-measure.js';

/** Tables on slides: each row measured, every row placed, the header repeated on each continuation slide. */
const TABLE_PT = 8;
const HEAD_PT = 8;
const CELL_PAD_X = 0.05;
const CELL_PAD_Y = 0.035;

function columnWidths(cols: PackColumn[], width: number): number[] {
  const total = cols.reduce((s, c) => s + c.width, 0);
  return cols.map((c) => (c.width / total) * width);
}

interface MeasuredRow {
  cells: TableCell[];
  lines: string[][];
  h: number;
}

function measureRow(cells: TableCell[], colW: number[], pt: number): MeasuredRow {
  const lines = cells.map((c, i) => {
    const span = c.colspan ?? 1;
    const w = colW.slice(i, i + span).reduce((s, x) => s + x, 0) - 2 * CELL_PAD_X;
    return wrapText(c.text, w, pt, c.bold ?? false);
  });
  const h = Math.max(...lines.map((l) => l.length)) * lineHeight(pt) + 2 * CELL_PAD_Y + 0.01;
  return { cells, lines, h };
}

function toCells(row: PackCell[], cols: PackColumn[]): TableCell[] {
  return row.map((c, i) => {
    const align = cols[i]?.align ?? 'left';
    return typeof c === 'string' ? { text: c, align } : { text: c.text, align, rag: c.rag, bold: true };
  });
}

/** A row taller than a whole slide: the lines that fit, and the rest as the next row. */
function splitRow(r: MeasuredRow, room: number, colW: number[]): [MeasuredRow, MeasuredRow] {
  const lh = lineHeight(TABLE_PT);
  const fit = Math.max(1, Math.floor((room - 2 * CELL_PAD_Y - 0.01) / lh));
  const head = r.cells.map((c, i) => ({ ...c, text: r.lines[i]!.slice(0, fit).join('\n') }));
  const tail = r.cells.map((c, i) => ({ ...c, text: r.lines[i]!.slice(fit).join('\n') }));
  return [measureRow(head, colW, TABLE_PT), measureRow(tail, colW, TABLE_PT)];
}

/** Every row of a table, over as many slides as it takes, the header repeated on each. */
export function flowTable(f: Flow, b: Extract<PackBlock, { type: 'table' }>): void {
  const colW = columnWidths(b.columns, CONTENT_W);
  const header = measureRow(
    b.columns.map((c) => ({ text: c.label, align: c.align ?? 'left', bold: true, header: true })),
    colW,
    HEAD_PT,
  );
  const rows: MeasuredRow[] = b.rows.length
    ? b.rows.map((r) => measureRow(toCells(r, b.columns), colW, TABLE_PT))
    : [measureRow([{ text: b.empty, align: 'left', italic: true, colspan: b.columns.length }], colW, TABLE_PT)];
  const titleH = b.title ? TABLE_TITLE_H : 0;
  let i = 0;
  let part = 0;
  while (i < rows.length) {
    f.need(titleH + header.h + Math.min(rows[i]!.h, 0.6));
    const room = f.room - titleH - header.h;
    const taken: MeasuredRow[] = [];
    let used = 0;
    while (i < rows.length && used + rows[i]!.h <= room + 1e-6) {
      used += rows[i]!.h;
      taken.push(rows[i++]!);
    }
    if (taken.length === 0) {
      // Not even one row fits on an empty slide: split it between slides.
      const [head, tail] = splitRow(rows[i]!, room, colW);
      taken.push(head);
      used = head.h;
      rows[i] = tail;
    }
    if (b.title) {
      f.add({ kind: 'text', role: 'title', box: { x: MARGIN_X, y: f.y, w: CONTENT_W, h: TABLE_TITLE_H }, runs: [{ text: part ? `${b.title} (continued)` : b.title, pt: TABLE_TITLE_PT, bold: true }] });
    }
    const all = [header, ...taken];
    f.add({ kind: 'table', box: { x: MARGIN_X, y: f.y + titleH, w: CONTENT_W, h: header.h + used }, colW, rowH: all.map((r) => r.h), rows: all.map((r) => r.cells) });
    f.advance(titleH + header.h + used);
    part++;
    if (i < rows.length) f.next();
  }
}

