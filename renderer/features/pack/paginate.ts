import type { Pack, PackBlock, PackCell } from '../../../preload/contract';

/**
 * Lays a pack out on fixed-size pages, in millimetres, before anything is drawn: every
 * fragment (a block, a chart row, a slice of table rows) goes whole onto one page, so a
 * page break never cuts a table row or a chart, and the preview, the browser's print and
 * the CLI's PDF break at the same places.
 */
export const PAPER_MM = { A4: [297, 210], Letter: [279.4, 215.9] } as const;
export const MARGIN_MM = 10;
export const HEADER_MM = 9;
export const FOOTER_MM = 8;
const SECTION_TITLE_MM = 11;
const BLOCK_GAP_MM = 3;
const TABLE_TITLE_MM = 6;
const HEAD_ROW_MM = 6.5;
const LINE_MM = 4;
const ROW_PAD_MM = 2;
/** Average glyph advance at the 8.5pt table font, a little generous so estimates never fall short. */
const CHAR_MM = 1.75;
const TEXT_CHAR_MM = 2.05;
export const CHART_MM = 74;
const KPI_ROW_MM = 29;
const KPIS_PER_ROW = 6;
/** Longest cell text shown: past it the cell ends with "…" (the appendix keeps one page of rows per page). */
const MAX_CELL_LINES = 4;

export type Fragment =
  | { kind: 'title'; text: string }
  | { kind: 'block'; block: PackBlock; height: number }
  | { kind: 'charts'; blocks: Extract<PackBlock, { type: 'chart' }>[] }
  | { kind: 'rows'; block: Extract<PackBlock, { type: 'table' }>; from: number; to: number; continued: boolean; heights: number[] };

export interface Page {
  section: string;
  fragments: Fragment[];
}

export interface PageGeometry {
  width: number;
  height: number;
  contentWidth: number;
  contentHeight: number;
}

export function geometry(pack: Pack): PageGeometry {
  const [a, b] = PAPER_MM[pack.meta.paper];
  const [width, height] = pack.meta.orientation === 'portrait' ? [b, a] : [a, b];
  return { width, height, contentWidth: width - 2 * MARGIN_MM, contentHeight: height - 2 * MARGIN_MM - HEADER_MM - FOOTER_MM };
}

const text = (c: PackCell) => (typeof c === 'string' ? c : c.text);

function linesFor(s: string, widthMm: number, charMm: number): number {
  const perLine = Math.max(4, Math.floor(widthMm / charMm));
  return s.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
}

/** Row heights of a table (mm), from the text of each cell and its column's share of the width. */
export function rowHeights(block: Extract<PackBlock, { type: 'table' }>, contentWidth: number): { lines: number[]; heights: number[] } {
  const total = block.columns.reduce((s, c) => s + c.width, 0);
  const widths = block.columns.map((c) => (c.width / total) * contentWidth - 2.5);
  const lines = block.rows.map((r) => Math.min(MAX_CELL_LINES, Math.max(1, ...r.map((c, i) => linesFor(text(c), widths[i] ?? 20, CHAR_MM)))));
  return { lines, heights: lines.map((l) => l * LINE_MM + ROW_PAD_MM) };
}

function blockHeight(b: PackBlock, width: number): number {
  switch (b.type) {
    case 'text':
      return (b.title ? 6 : 0) + linesFor(b.text, width, TEXT_CHAR_MM) * 4.6 + 2;
    case 'note':
      return linesFor(b.text, width, TEXT_CHAR_MM) * 4.6 + 4;
    case 'kpis':
      return Math.ceil(b.items.length / KPIS_PER_ROW) * KPI_ROW_MM;
    default:
      return CHART_MM;
  }
}

/** Splits each section into pages; each section starts on a new page (one page per section where possible). */
export function paginate(pack: Pack): Page[] {
  const g = geometry(pack);
  const pages: Page[] = [];
  for (const section of pack.sections) {
    let page: Page = { section: section.title, fragments: [{ kind: 'title', text: section.title }] };
    let left = g.contentHeight - SECTION_TITLE_MM;
    const newPage = () => {
      pages.push(page);
      page = { section: section.title, fragments: [{ kind: 'title', text: `${section.title} (continued)` }] };
      left = g.contentHeight - SECTION_TITLE_MM;
    };
    const place = (f: Fragment, h: number) => {
      if (h > left && page.fragments.length > 1) newPage();
      page.fragments.push(f);
      left -= h + BLOCK_GAP_MM;
    };
    const blocks = section.blocks;
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (b.type === 'chart') {
        const next = blocks[i + 1];
        const pair = next?.type === 'chart' ? [b, next] : [b];
        if (pair.length === 2) i++;
        place({ kind: 'charts', blocks: pair }, CHART_MM);
      } else if (b.type === 'table') {
        const { heights } = rowHeights(b, g.contentWidth);
        const head = (b.title ? TABLE_TITLE_MM : 0) + HEAD_ROW_MM;
        if (b.rows.length === 0) {
          place({ kind: 'rows', block: b, from: 0, to: 0, continued: false, heights }, head + LINE_MM + ROW_PAD_MM);
          continue;
        }
        let from = 0;
        while (from < b.rows.length) {
          // Start the table on a fresh page when not even its header and first row fit here.
          if (head + heights[from]! > left && page.fragments.length > 1) newPage();
          let to = from;
          let used = head;
          while (to < b.rows.length && (used + heights[to]! <= left || to === from)) used += heights[to++]!;
          page.fragments.push({ kind: 'rows', block: b, from, to, continued: from > 0, heights: heights.slice(from, to) });
          left -= used + BLOCK_GAP_MM;
          from = to;
          if (from < b.rows.length) newPage();
        }
      } else {
        place({ kind: 'block', block: b, height: blockHeight(b, g.contentWidth) }, blockHeight(b, g.contentWidth));
      }
    }
    pages.push(page);
  }
  return pages;
}

