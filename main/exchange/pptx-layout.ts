import type { Pack, PackBlock } from '../../preload/contract/pack-types.js';
import type { Rag } from '../../preload/contract/types.js';
import { CONTENT_W, Flow, FOOTER_Y, GAP, MARGIN_X, measure, SLIDE_H, SLIDE_W, TABLE_TITLE_H, TABLE_TITLE_PT, type Run, type SlidePlan } from './pptx-flow.js';
import { flowTable } from './pptx-table-layout.js';
import { lineHeight, textWidth } from './text-measure.js';
import { day } from '../domain/pack-format.js';

export * from './pptx-flow.js';

/*
 * Lays a pack out on 16:9 slides before anything is drawn, in inches: each section flows down
 * its slides (continuation slides repeat the section title and a table's header), every row
 * and every word is placed, nothing is cut, and no item reaches below the content area. The
 * drawing (pptx.ts) only renders this plan, so the plan is what the tests check.
 */

const TEXT_PT = 11;
const CHART_H = 2.75;
const CHART_MIN_H = 2.0;
const KPI_MIN_W = 1.95;
const KPI_PAD = 0.06;

/** Footer text size and the top of the footer, so the footer never runs off the slide. */
export function footerLayout(text: string): { pt: number; y: number; h: number } {
  const w = SLIDE_W - 2 * MARGIN_X - 0.9;
  for (const pt of [8, 7, 6]) {
    const { h } = measure(text, w, pt);
    if (h <= SLIDE_H - FOOTER_Y - 0.1) return { pt, y: FOOTER_Y, h: h + 0.02 };
  }
  const { h } = measure(text, w, 6);
  return { pt: 6, y: SLIDE_H - 0.1 - h, h: h + 0.02 };
}

const RAG_WORDS: Record<Rag, string> = { green: 'Green', amber: 'Amber', red: 'Red', grey: 'Not reported' };

/** Text that may be longer than a slide: as many lines as fit here, the rest on the next slides. */
function flowText(f: Flow, text: string, opts: { title?: string; italic?: boolean; role: 'body' | 'note' }): void {
  const inner = CONTENT_W - 0.06;
  const all = measure(text, inner, TEXT_PT).lines;
  const lh = lineHeight(TEXT_PT);
  let from = 0;
  let first = true;
  while (from < all.length || first) {
    const titleH = opts.title ? TABLE_TITLE_H : 0;
    f.need(titleH + lh * Math.min(2, Math.max(1, all.length - from)) + 0.06);
    const fit = Math.max(1, Math.floor((f.room - titleH - 0.06) / lh));
    const lines = all.slice(from, from + fit);
    if (opts.title) {
      f.add({ kind: 'text', role: 'title', box: { x: MARGIN_X, y: f.y, w: CONTENT_W, h: TABLE_TITLE_H }, runs: [{ text: first ? opts.title : `${opts.title} (continued)`, pt: TABLE_TITLE_PT, bold: true }] });
    }
    const h = lines.length * lh + 0.06;
    f.add({ kind: 'text', role: opts.role, box: { x: MARGIN_X, y: f.y + titleH, w: CONTENT_W, h }, runs: [{ text: lines.join('\n'), pt: TEXT_PT, italic: opts.italic }] });
    f.advance(titleH + h);
    from += lines.length;
    first = false;
    if (from < all.length) f.next();
  }
}

/** Short texts side by side (the summary's written parts); a long one falls back to full width. */
function flowTextRow(f: Flow, blocks: Extract<PackBlock, { type: 'text' }>[]): void {
  const w = (CONTENT_W - GAP * (blocks.length - 1)) / blocks.length;
  const lh = lineHeight(TEXT_PT);
  const heights = blocks.map((b) => measure(b.text, w - 0.06, TEXT_PT).lines.length * lh + 0.06);
  const h = Math.max(...heights);
  if (blocks.length === 1 || h > 1.6) {
    for (const b of blocks) flowText(f, b.text, { title: b.title, role: 'body' });
    return;
  }
  f.need(TABLE_TITLE_H + h);
  blocks.forEach((b, i) => {
    const x = MARGIN_X + i * (w + GAP);
    if (b.title) f.add({ kind: 'text', role: 'title', box: { x, y: f.y, w, h: TABLE_TITLE_H }, runs: [{ text: b.title, pt: TABLE_TITLE_PT, bold: true }] });
    f.add({ kind: 'text', role: 'body', box: { x, y: f.y + TABLE_TITLE_H, w, h }, runs: [{ text: b.text, pt: TEXT_PT }] });
  });
  f.advance(TABLE_TITLE_H + h);
}

/** A figure with its unit, e.g. "EUR 5,218,608", "−EUR 3,000", "12 %": a short value holding a digit. */
const isAmount = (v: string) => /\d/.test(v) && v.split(' ').length <= 2;

/**
 * KPI tiles in rows of equal tiles (at least KPI_MIN_W wide): the value's size is the largest
 * at which every value of the row fits on one line, so a number is never broken.
 */
function flowKpis(f: Flow, b: Extract<PackBlock, { type: 'kpis' }>): void {
  const perRow = Math.max(1, Math.min(b.items.length, Math.floor((CONTENT_W + GAP) / (KPI_MIN_W + GAP))));
  for (let r = 0; r < b.items.length; r += perRow) {
    const row = b.items.slice(r, r + perRow);
    const w = (CONTENT_W - GAP * (perRow - 1)) / perRow;
    const inner = w - 2 * KPI_PAD;
    // An amount ("EUR 5,218,608") stays on one line; a phrase ("28 measures with evidence") may take two, never breaking a word.
    const fits = (v: string, pt: number) =>
      isAmount(v) ? textWidth(v, pt, true) <= inner : v.split(' ').every((word) => textWidth(word, pt, true) <= inner) && measure(v, inner, pt, true).lines.length <= 2;
    let valuePt = 16;
    while (valuePt > 9 && row.some((k) => !fits(k.value, valuePt))) valuePt--;
    const tiles = row.map((k) => {
      const label = measure(k.label, inner, 9, true);
      const value = measure(k.value, inner, valuePt, true);
      const hint = k.hint ? measure(k.hint, inner, 8) : { lines: [], h: 0 };
      return { k, label, value, hint, h: label.h + value.h + hint.h + 2 * KPI_PAD + 0.04 };
    });
    const h = Math.max(...tiles.map((t) => t.h));
    f.need(h);
    tiles.forEach((t, i) => {
      const runs: Run[] = [
        { text: t.label.lines.join('\n'), pt: 9, bold: true },
        { text: t.value.lines.join('\n'), pt: valuePt, bold: true },
      ];
      if (t.hint.lines.length) runs.push({ text: t.hint.lines.join('\n'), pt: 8 });
      f.add({ kind: 'text', role: 'kpi', rag: t.k.rag, box: { x: MARGIN_X + i * (w + GAP), y: f.y, w, h }, runs });
    });
    f.advance(h);
  }
}

/** Charts two by two at a fixed height (a lone one takes the full width). */
function flowCharts(f: Flow, charts: Extract<PackBlock, { type: 'chart' }>[]): void {
  for (let i = 0; i < charts.length; i += 2) {
    const pair = charts.slice(i, i + 2);
    const w = pair.length === 2 ? (CONTENT_W - GAP) / 2 : CONTENT_W;
    // A chart takes the room left when it is enough to read it, else starts the next slide.
    f.need(TABLE_TITLE_H + CHART_MIN_H);
    const h = Math.min(CHART_H, f.room - TABLE_TITLE_H);
    pair.forEach((c, k) => {
      const x = MARGIN_X + k * (w + GAP);
      f.add({ kind: 'text', role: 'title', box: { x, y: f.y, w, h: TABLE_TITLE_H }, runs: [{ text: c.title, pt: TABLE_TITLE_PT, bold: true }] });
      f.add({ kind: 'chart', box: { x, y: f.y + TABLE_TITLE_H, w, h }, title: c.title, chart: c.chart });
    });
    f.advance(TABLE_TITLE_H + h);
  }
}

/** The slides of one section: its blocks in order, flowing onto continuation slides. */
export function sectionSlides(title: string, blocks: PackBlock[], bottom: number, titleW?: number): SlidePlan[] {
  const f = new Flow(title, bottom, titleW);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type === 'chart') {
      const run: Extract<PackBlock, { type: 'chart' }>[] = [b];
      while (blocks[i + 1]?.type === 'chart') run.push(blocks[++i] as Extract<PackBlock, { type: 'chart' }>);
      flowCharts(f, run);
    } else if (b.type === 'text') {
      const run: Extract<PackBlock, { type: 'text' }>[] = [b];
      while (blocks[i + 1]?.type === 'text' && run.length < 3) run.push(blocks[++i] as Extract<PackBlock, { type: 'text' }>);
      flowTextRow(f, run);
    } else if (b.type === 'note') flowText(f, b.text, { italic: true, role: 'note' });
    else if (b.type === 'kpis') flowKpis(f, b);
    else flowTable(f, b);
  }
  return f.slides;
}

/** One measure's escalations: owner, its two statuses as badges, then the escalated items. */
function escalationSlides(e: Pack['escalated'][number], bottom: number, titleW?: number): SlidePlan[] {
  const table: PackBlock = {
    type: 'table',
    columns: [
      { label: 'Escalated', width: 3.5 },
      { label: 'Rule', width: 2.4 },
      { label: 'Level', width: 1.1 },
      { label: 'Reason', width: 4 },
      { label: 'Due', width: 1.2 },
    ],
    rows: e.items.map((it) => [it.subject, it.rule, it.level, it.reason, it.due]),
    empty: 'Nothing escalated.',
  };
  const f = new Flow(`Escalation: ${e.code} ${e.title}`, bottom, titleW);
  const y = f.y;
  f.add({ kind: 'text', role: 'body', box: { x: MARGIN_X, y, w: 5.6, h: 0.45 }, runs: [{ text: `Owner: ${e.owner}`, pt: 12 }] });
  f.add({ kind: 'text', role: 'badge', rag: e.implementationStatus, box: { x: 6.4, y, w: 3, h: 0.45 }, runs: [{ text: `Delivery: ${RAG_WORDS[e.implementationStatus]}`, pt: 12, bold: true }] });
  f.add({ kind: 'text', role: 'badge', rag: e.potentialStatus, box: { x: 9.55, y, w: 3, h: 0.45 }, runs: [{ text: `Value: ${RAG_WORDS[e.potentialStatus]}`, pt: 12, bold: true }] });
  f.advance(0.45);
  flowTable(f, table);
  return f.slides;
}


/** Every slide of the pack, in order: sections as chosen, each escalated measure right after the risks. */
export function planSlides(pack: Pack, bottom: number, titleW?: number): SlidePlan[] {
  const out: SlidePlan[] = [];
  for (const s of pack.sections) {
    const title = s.key === 'summary' ? `Executive summary: ${pack.meta.scopeName}, ${day(pack.meta.date, pack.meta.locale)}` : s.title;
    out.push(...sectionSlides(title, s.blocks, bottom, titleW));
    if (s.key === 'risks') for (const e of pack.escalated) out.push(...escalationSlides(e, bottom, titleW));
  }
  if (!pack.sections.some((s) => s.key === 'risks')) for (const e of pack.escalated) out.push(...escalationSlides(e, bottom, titleW));
  return out;
}

