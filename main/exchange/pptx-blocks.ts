import type PptxGenJS from 'pptxgenjs';
import type { PackChart } from '../../preload/contract/pack-types.js';
import type { Rag } from '../../preload/contract/types.js';
import type { Item, TableCell } from './pptx-layout.js';

/** Draws the items of a slide plan (pptx-layout.ts) with pptxgenjs: native text, tables and charts, so the slides stay editable. */
export const RAG_HEX: Record<Rag, string> = { green: '2E9E5B', amber: 'E0A526', red: 'C0392B', grey: '9AA0A6' };
export const INK = '1F2733';
export const FONT = 'Arial';
const UP = '2E9E5B';
const DOWN = 'C0392B';

function cell(c: TableCell): PptxGenJS.TableCell {
  const options: PptxGenJS.TableCellProps = { align: c.align, bold: c.bold ?? false, italic: c.italic ?? false, valign: 'top' };
  if (c.header) options.fill = { color: 'E8ECF2' };
  if (c.rag) Object.assign(options, { fill: { color: RAG_HEX[c.rag] }, color: c.rag === 'amber' ? INK : 'FFFFFF' });
  if (c.colspan) options.colspan = c.colspan;
  return { text: c.text, options };
}

/**
 * A bridge as a real waterfall: stacked bars on an invisible base. Each step is a floating bar
 * from the running total before it to the one after it (the two ends from zero). Positive and
 * negative parts stack on their own side of zero, so a bar crossing zero is two parts.
 */
export function waterfallSeries(c: PackChart): { names: string[]; colors: string[]; values: number[][] } {
  const v = c.series[0]?.data ?? [];
  const n = v.length;
  const names = ['Base', 'Base (below zero)', 'Target and forecast', 'Increase', 'Decrease', 'Total (below zero)', 'Increase (below zero)', 'Decrease (below zero)'];
  const values = names.map(() => new Array<number>(n).fill(0));
  let run = 0;
  v.forEach((x, i) => {
    const total = i === 0 || i === n - 1;
    const [from, to] = total ? [0, x] : [run, run + x];
    run = total ? x : run + x;
    const lo = Math.min(from, to);
    const hi = Math.max(from, to);
    const kind = total ? 0 : x >= 0 ? 1 : 2;
    const round = (y: number) => Math.round(y * 100) / 100;
    if (lo >= 0) {
      values[0]![i] = round(lo);
      values[2 + kind]![i] = round(hi - lo);
    } else if (hi <= 0) {
      values[1]![i] = round(hi);
      values[5 + kind]![i] = round(lo - hi);
    } else {
      values[2 + kind]![i] = round(hi);
      values[5 + kind]![i] = round(lo);
    }
  });
  const colors = ['transparent', 'transparent', '2F6FB3', UP, DOWN, '2F6FB3', UP, DOWN];
  // Series without a value are left out (but the two bases stay first, so they sit under the bars).
  const keep = names.map((_, k) => k < 2 || values[k]!.some((y) => y !== 0));
  return { names: names.filter((_, k) => keep[k]), colors: colors.filter((_, k) => keep[k]), values: values.filter((_, k) => keep[k]) };
}

function drawChart(pptx: PptxGenJS, slide: PptxGenJS.Slide, c: PackChart, box: Item['box'], font: string): void {
  const common: PptxGenJS.IChartOpts = {
    ...box,
    legendPos: 'b',
    legendFontSize: 8,
    legendFontFace: font,
    catAxisLabelFontSize: 8,
    catAxisLabelFontFace: font,
    valAxisLabelFontSize: 8,
    valAxisLabelFontFace: font,
    valAxisTitle: c.unit,
    showValAxisTitle: true,
    valAxisTitleFontSize: 8,
    valAxisTitleFontFace: font,
  };
  if (c.kind === 'waterfall') {
    const w = waterfallSeries(c);
    slide.addChart(
      pptx.ChartType.bar,
      w.names.map((name, k) => ({ name, labels: c.labels, values: w.values[k]! })),
      { ...common, barDir: 'col', barGrouping: 'stacked', barGapWidthPct: 60, chartColors: w.colors, showLegend: false },
    );
    return;
  }
  const data = c.series.map((s) => ({ name: s.name, labels: c.labels, values: s.data }));
  const colors = c.series.map((s) => s.color.replace('#', ''));
  if (c.kind === 'line') slide.addChart(pptx.ChartType.line, data, { ...common, chartColors: colors, showLegend: true, lineDataSymbol: 'none', lineSize: 2 });
  else slide.addChart(pptx.ChartType.bar, data, { ...common, barDir: 'col', barGrouping: c.kind === 'stacked' ? 'stacked' : 'clustered', chartColors: colors, showLegend: true });
}

/**
 * `brand`: the pack's font (no wider than the widths the layout measured with, see
 * main/domain/pack-branding.ts) and title colour (hex without #).
 */
export function drawItem(pptx: PptxGenJS, slide: PptxGenJS.Slide, item: Item, brand: { font: string; primary: string } = { font: FONT, primary: INK }): void {
  const font = brand.font;
  const { box } = item;
  switch (item.kind) {
    case 'text': {
      const rag = item.rag;
      const filled = item.role === 'kpi' || item.role === 'badge';
      const fill = filled ? (rag ? RAG_HEX[rag] : 'F2F4F7') : undefined;
      const color = rag && rag !== 'grey' && rag !== 'amber' ? 'FFFFFF' : item.role === 'note' ? '555555' : item.role === 'title' ? brand.primary : INK;
      const runs = item.runs.map((r, i) => ({ text: r.text, options: { fontSize: r.pt, bold: r.bold ?? false, italic: r.italic ?? false, breakLine: i < item.runs.length - 1 } }));
      slide.addText(runs, {
        ...box,
        fontFace: font,
        color,
        fill: fill ? { color: fill } : undefined,
        valign: item.role === 'badge' ? 'middle' : 'top',
        align: item.role === 'badge' ? 'center' : 'left',
        margin: item.role === 'kpi' ? 4 : item.role === 'badge' ? 2 : 0,
        fit: 'none',
        wrap: true,
      });
      return;
    }
    case 'table':
      slide.addTable(
        item.rows.map((r) => r.map(cell)),
        { ...box, colW: item.colW, rowH: item.rowH, fontFace: font, fontSize: 8, color: INK, border: { type: 'solid', pt: 0.5, color: 'C9D0DA' }, margin: [0.035, 0.05, 0.035, 0.05], autoPage: false },
      );
      return;
    case 'chart':
      drawChart(pptx, slide, item.chart, box, brand.font);
      return;
  }
}
