import type PptxGenJS from 'pptxgenjs';
import type { PackBlock, PackChart } from '../../preload/contract/pack-types.js';
import type { Rag } from '../../preload/contract/types.js';

export const RAG_HEX: Record<Rag, string> = { green: '2E9E5B', amber: 'E0A526', red: 'C0392B', grey: '9AA0A6' };
export const INK = '1F2733';
const ROW_H = 0.26;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Characters of 8pt text per inch of column, a little generous so estimates never fall short. */
const CHARS_PER_INCH = 11;
const LINE_IN = 0.15;
const MAX_LINES = 2;

const clip = (text: string, chars: number) => (text.length > chars ? `${text.slice(0, Math.max(1, chars - 1))}…` : text);

/**
 * Rows that fit the box: each cell is cut to two lines of its column and rows are counted
 * by their estimated height, so a table never runs into the block below it on the slide.
 */
function tableRows(b: Extract<PackBlock, { type: 'table' }>, colW: number[], height: number): PptxGenJS.TableRow[] {
  const head: PptxGenJS.TableRow = b.columns.map((c) => ({ text: c.label, options: { bold: true, fill: { color: 'E8ECF2' }, align: c.align ?? 'left' } }));
  const chars = colW.map((w) => Math.max(4, Math.floor(w * CHARS_PER_INCH)));
  const body: PptxGenJS.TableRow[] = [];
  let used = ROW_H * 2; // header, and room for the "more rows" line
  for (const r of b.rows) {
    const lines = Math.min(MAX_LINES, Math.max(1, ...r.map((c, i) => Math.ceil((typeof c === 'string' ? c : c.text).length / chars[i]!))));
    const h = Math.max(ROW_H, lines * LINE_IN + 0.08);
    if (used + h > height) break;
    used += h;
    body.push(
      r.map((c, i) => {
        const align = b.columns[i]?.align ?? 'left';
        const room = chars[i]! * MAX_LINES;
        if (typeof c === 'string') return { text: clip(c, room), options: { align } };
        return { text: clip(c.text, room), options: { align, bold: true, color: 'FFFFFF', fill: { color: RAG_HEX[c.rag] } } };
      }),
    );
  }
  if (b.rows.length > body.length) {
    body.push([{ text: `… and ${b.rows.length - body.length} more rows (see the PDF pack for the full list)`, options: { italic: true, colspan: b.columns.length } }]);
  }
  if (b.rows.length === 0) body.push([{ text: b.empty, options: { italic: true, colspan: b.columns.length } }]);
  return [head, ...body];
}

function chartData(c: PackChart): { type: PptxGenJS.CHART_NAME; data: PptxGenJS.OptsChartData[] } {
  if (c.kind === 'waterfall') {
    return { type: 'bar', data: [{ name: c.series[0]?.name ?? 'Bridge', labels: c.labels, values: c.series[0]?.data ?? [] }] };
  }
  return { type: c.kind === 'line' ? 'line' : 'bar', data: c.series.map((s) => ({ name: s.name, labels: c.labels, values: s.data })) };
}

/** Draws one block into a box of a slide: native tables and charts, so the slides stay editable. */
export function drawBlock(pptx: PptxGenJS, slide: PptxGenJS.Slide, b: PackBlock, box: Box): void {
  const title = 'title' in b ? b.title : undefined;
  const titleH = title ? 0.3 : 0;
  if (title) slide.addText(title, { ...box, h: titleH, fontSize: 11, bold: true, color: INK, margin: 0 });
  const inner = { x: box.x, y: box.y + titleH, w: box.w, h: box.h - titleH };
  switch (b.type) {
    case 'text':
      slide.addText(b.text, { ...inner, fontSize: 11, color: INK, valign: 'top', margin: 2 });
      return;
    case 'note':
      slide.addText(b.text, { ...inner, fontSize: 11, italic: true, color: '555555', valign: 'top' });
      return;
    case 'kpis': {
      const w = inner.w / b.items.length;
      b.items.forEach((k, i) => {
        const fill = k.rag ? RAG_HEX[k.rag] : 'F2F4F7';
        const color = k.rag && k.rag !== 'grey' ? 'FFFFFF' : INK;
        slide.addText(
          [
            { text: k.label, options: { fontSize: 9, breakLine: true } },
            { text: k.value, options: { fontSize: 15, bold: true, breakLine: true } },
            { text: k.hint ?? '', options: { fontSize: 8 } },
          ],
          { x: inner.x + i * w + 0.04, y: inner.y, w: w - 0.08, h: Math.min(inner.h, 1.1), fill: { color: fill }, color, valign: 'top', margin: 4 },
        );
      });
      return;
    }
    case 'table': {
      const colW = columnWidths(b.columns.map((c) => c.width), inner.w);
      slide.addTable(tableRows(b, colW, inner.h), {
        ...inner,
        colW,
        fontSize: 8,
        color: INK,
        border: { type: 'solid', pt: 0.5, color: 'C9D0DA' },
        rowH: ROW_H,
        autoPage: false,
      });
      return;
    }
    case 'chart': {
      const { type, data } = chartData(b.chart);
      slide.addChart(type, data, {
        ...inner,
        showLegend: true,
        legendPos: 'b',
        legendFontSize: 8,
        catAxisLabelFontSize: 8,
        valAxisLabelFontSize: 8,
        valAxisTitle: b.chart.unit,
        showValAxisTitle: true,
        valAxisTitleFontSize: 8,
        chartColors: b.chart.series.map((s) => s.color.replace('#', '')),
        barGrouping: 'clustered',
      });
      return;
    }
  }
}

/** Column widths in inches: proportional, but never so narrow that a code like "R-0012" breaks. */
const MIN_COL_IN = 0.62;
export function columnWidths(weights: number[], width: number): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (w / total) * width);
  const narrow = raw.filter((w) => w < MIN_COL_IN).length;
  if (narrow === 0 || narrow * MIN_COL_IN >= width) return raw;
  const wideTotal = raw.filter((w) => w >= MIN_COL_IN).reduce((s, w) => s + w, 0);
  const scale = (width - narrow * MIN_COL_IN) / wideTotal;
  return raw.map((w) => (w < MIN_COL_IN ? MIN_COL_IN : w * scale));
}

/** Places n blocks in a grid inside the content area of a slide. */
export function grid(n: number, area: Box, cols?: number): Box[] {
  const colsN = cols ?? (n <= 1 ? 1 : n <= 4 ? 2 : 3);
  const rowsN = Math.ceil(n / colsN);
  const gap = 0.2;
  const w = (area.w - gap * (colsN - 1)) / colsN;
  const h = (area.h - gap * (rowsN - 1)) / rowsN;
  return Array.from({ length: n }, (_, i) => ({ x: area.x + (i % colsN) * (w + gap), y: area.y + Math.floor(i / colsN) * (h + gap), w, h }));
}
