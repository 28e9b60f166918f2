import type { Pack, PackBlock, PackCell } from '../../../preload/contract';

/**
 * Lays a pack out on fixed-size pages, in millimetres, from heights the browser measured
 * (PackMeasure draws every block once, off screen, at the page's content width): every
 * fragment (a block, a chart row, a slice of table rows) goes whole onto one page, so a page
 * break never cuts a table row or a chart, and the preview, the browser's print and the CLI's
 * PDF break at the same places. Nothing here guesses a text's width.
 */
export const PAPER_MM = { A4: [297, 210], Letter: [279.4, 215.9] } as const;
export const MARGIN_MM = 10;
export const HEADER_MM = 9;
export const FOOTER_MM = 8;
export const CHART_MM = 74;
/** The gap below every block (CSS margin-bottom of .pack-* blocks). */
export const BLOCK_GAP_MM = 3;
/** Room kept free on each page for sub-pixel rounding between the measuring and the drawn layout. */
const SLACK_MM = 1.5;

type Table = Extract<PackBlock, { type: 'table' }>;
type Chart = Extract<PackBlock, { type: 'chart' }>;

export type Fragment =
  | { kind: 'title'; text: string; continued: boolean }
  | { kind: 'block'; block: PackBlock }
  | { kind: 'charts'; blocks: Chart[] }
  | { kind: 'rows'; block: Table; from: number; to: number; continued: boolean };

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

/** Heights (mm) the browser measured: a section title, and each block (tables per row). */
export interface Sizes {
  sectionTitle: number;
  block(b: PackBlock): { h: number } | { title: number; head: number; rows: number[] };
}

/** Splits each section into pages; each section starts on a new page (one page per section where possible). */
export function paginate(pack: Pack, sizes: Sizes): Page[] {
  const g = geometry(pack);
  const height = g.contentHeight - SLACK_MM;
  const pages: Page[] = [];
  for (const section of pack.sections) {
    let page: Page = { section: section.title, fragments: [{ kind: 'title', text: section.title, continued: false }] };
    let left = height - sizes.sectionTitle;
    const newPage = () => {
      pages.push(page);
      page = { section: section.title, fragments: [{ kind: 'title', text: `${section.title} (continued)`, continued: true }] };
      left = height - sizes.sectionTitle;
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
        continue;
      }
      const s = sizes.block(b);
      if (b.type !== 'table' || !('rows' in s)) {
        place({ kind: 'block', block: b }, 'h' in s ? s.h : 0);
        continue;
      }
      const head = s.title + s.head;
      if (b.rows.length === 0) {
        place({ kind: 'rows', block: b, from: 0, to: 0, continued: false }, head + (s.rows[0] ?? 0));
        continue;
      }
      let from = 0;
      while (from < b.rows.length) {
        // Start the table on a fresh page when not even its header and first row fit here.
        if (head + s.rows[from]! > left && page.fragments.length > 1) newPage();
        let to = from;
        let used = head;
        while (to < b.rows.length && (used + s.rows[to]! <= left || to === from)) used += s.rows[to++]!;
        page.fragments.push({ kind: 'rows', block: b, from, to, continued: from > 0 });
        left -= used + BLOCK_GAP_MM;
        from = to;
        if (from < b.rows.length) newPage();
      }
    }
    pages.push(page);
  }
  return pages;
}

const cellText = (c: PackCell) => (typeof c === 'string' ? c : c.text);

/** Splits a text into `parts` pieces of about equal length at spaces. */
function splitText(text: string, parts: number): string[] {
  const words = text.split(' ');
  const per = Math.ceil(words.length / parts);
  return Array.from({ length: parts }, (_, k) => words.slice(k * per, (k + 1) * per).join(' '));
}

/**
 * A row taller than a whole page cannot move to the next page whole: it becomes several rows,
 * its long texts split between them (the first keeps the short cells, the others say
 * "continued"), so nothing is cut. Returns the pack unchanged when no row is too tall.
 */
export function splitTallRows(pack: Pack, tooTall: Map<PackBlock, Map<number, number>>): Pack {
  if (tooTall.size === 0) return pack;
  return {
    ...pack,
    sections: pack.sections.map((s) => ({
      ...s,
      blocks: s.blocks.map((b) => {
        const rows = tooTall.get(b);
        if (!rows || b.type !== 'table') return b;
        return {
          ...b,
          rows: b.rows.flatMap((r, i) => {
            const parts = rows.get(i);
            if (!parts) return [r];
            const pieces = r.map((c) => (cellText(c).length > 200 ? splitText(cellText(c), parts) : null));
            return Array.from({ length: parts }, (_, k) =>
              r.map((c, j) => {
                const p = pieces[j];
                if (p) return typeof c === 'string' ? p[k]! : { ...c, text: p[k]! };
                return k === 0 ? c : '(continued)';
              }),
            );
          }),
        };
      }),
    })),
  };
}
