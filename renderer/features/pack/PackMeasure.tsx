import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server.browser';
import type { Pack, PackBlock, PackCell } from '../../../preload/contract';
import { Block, SectionTitle, TableView } from './PackBlocks';
import { geometry, paginate, splitTallRows, type Page, type Sizes } from './paginate';

type Table = Extract<PackBlock, { type: 'table' }>;
type Size = { h: number } | { title: number; head: number; rows: number[] };

const MM_PER_PX = 25.4 / 96;
const height = (el: Element) => el.getBoundingClientRect().height * MM_PER_PX;
const cellText = (c: PackCell) => (typeof c === 'string' ? c : c.text);
/** A text narrower than this share of its cell surely stays on one line (the browser shapes it the same way on the page). */
const FITS = 0.97;

/** The table with only the given rows (the measuring box draws no more than it must). */
const withRows = (b: Table, rows: PackCell[][]): Table => ({ ...b, rows });

/** One line in every cell, the status cells kept: the height of every row that does not wrap. */
const oneLine = (b: Table): PackCell[] => (b.rows[0] ?? b.columns.map(() => 'x')).map((c) => (typeof c === 'string' ? 'x' : { ...c, text: 'x' }));
/** The same with two lines in the first cell: what each further line adds. */
const twoLines = (b: Table): PackCell[] => oneLine(b).map((c, i) => (i > 0 ? c : typeof c === 'string' ? 'x\nx' : { ...c, text: 'x\nx' }));
/** Above this many rows that may wrap, their lines are counted on a canvas instead of drawn (a 20,000-row appendix). */
const DRAW_LIMIT = 1500;

function markup(items: { key: string; node: ReactNode }[]): string {
  return renderToStaticMarkup(
    <>
      {items.map((x) => (
        <div key={x.key} data-m={x.key}>
          {x.node}
        </div>
      ))}
    </>,
  );
}

interface Columns {
  inner: number[];
  fonts: { plain: string; rag: string };
}

/** Each column's width for text, and the fonts of a plain and of a status cell, read from the one-line sample row. */
function columns(sample: HTMLTableRowElement): Columns {
  const cells = [...sample.cells];
  const inner = cells.map((td) => {
    const st = getComputedStyle(td);
    return td.getBoundingClientRect().width - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight);
  });
  const plain = cells.find((td) => !td.classList.contains('rag')) ?? cells[0]!;
  const rag = cells.find((td) => td.classList.contains('rag')) ?? plain;
  return { inner, fonts: { plain: getComputedStyle(plain).font, rag: getComputedStyle(rag).font } };
}

/** Text widths with the page's fonts, from a canvas (the browser's own shaping), remembered per font and text. */
class Widths {
  private readonly ctx = document.createElement('canvas').getContext('2d')!;
  private readonly cache = new Map<string, number>();
  of(font: string, text: string): number {
    const key = `${font}\u0000${text}`;
    let w = this.cache.get(key);
    if (w === undefined) {
      this.ctx.font = font;
      this.cache.set(key, (w = this.ctx.measureText(text).width));
    }
    return w;
  }
  /**
   * Lines a text takes in a cell `width` px wide, wrapping greedily at spaces (and inside a
   * word wider than the line): the browser also breaks after hyphens, so it never needs more.
   */
  lines(font: string, text: string, width: number): number {
    let n = 0;
    const space = this.of(font, ' ');
    for (const para of text.split('\n')) {
      n++;
      let used = 0;
      for (const word of para.split(' ')) {
        const w = this.of(font, word);
        if (used > 0 && used + space + w <= width) used += space + w;
        else {
          if (used > 0) n++;
          used = w;
          // Broken inside the word: characters do not fill each line exactly.
          while (used > width) {
            n++;
            used -= width * 0.95;
          }
        }
      }
    }
    return n;
  }
}

/**
 * Rows that may wrap: any cell whose text is not surely narrower than its column (measured
 * with the page's own font). Only those need more than the one-line height.
 */
function mayWrap(b: Table, cols: Columns, widths: Widths): number[] {
  const out: number[] = [];
  b.rows.forEach((r, i) => {
    const wraps = r.some((c, j) => {
      const t = cellText(c);
      return t.includes('\n') || widths.of(typeof c === 'string' ? cols.fonts.plain : cols.fonts.rag, t) > (cols.inner[j] ?? 0) * FITS;
    });
    if (wraps) out.push(i);
  });
  return out;
}

/** Measures every block: its height, or a table's title, header and row heights. */
function measure(root: HTMLElement, blocks: PackBlock[]): Map<PackBlock, Size> {
  // 1. Every block but tables whole; tables as their header and a one-line sample row.
  root.innerHTML = markup(
      blocks.map((b, i) => ({
        key: String(i),
        node: b.type === 'table' ? <TableView block={b.rows.length ? withRows(b, [oneLine(b), oneLine(b), twoLines(b), oneLine(b)]) : b} from={0} to={4} continued={false} /> : <Block b={b} />,
      })),
    );
  const sizes = new Map<PackBlock, Size>();
  const el = (key: string) => root.querySelector<HTMLElement>(`[data-m="${key}"]`)!;
  const widths = new Widths();
  const pending: { b: Table; title: number; head: number; one: number; step: number; cols: Columns; wraps: number[] }[] = [];
  blocks.forEach((b, i) => {
    const box = el(String(i));
    // A block's height leaves out the gap below it, which the pagination adds on its own.
    if (b.type !== 'table') return void sizes.set(b, { h: height(box.firstElementChild ?? box) });
    const table = box.querySelector('table')!;
    const title = (table.getBoundingClientRect().top - box.getBoundingClientRect().top) * MM_PER_PX;
    const head = height(table.tHead!);
    // With collapsed borders a table's last row is half a border shorter than the others: measure a row with one after it.
    const sample = table.tBodies[0]!.rows[1] ?? table.tBodies[0]!.rows[0]!;
    if (b.rows.length === 0) return void sizes.set(b, { title, head, rows: [height(sample)] });
    const cols = columns(sample);
    const one = height(sample);
    pending.push({ b, title, head, one, step: height(table.tBodies[0]!.rows[2]!) - one, cols, wraps: mayWrap(b, cols, widths) });
  });
  // 2. The rows that may wrap, drawn and measured; past DRAW_LIMIT their lines are counted instead (a little generously).
  const wrapping = pending.reduce((n, p) => n + p.wraps.length, 0);
  const draw = wrapping <= DRAW_LIMIT;
  performance.mark('pack:measure-samples', { detail: { wrapping, drawn: draw } });
  root.innerHTML = draw
    ? markup(
        pending
          .filter((p) => p.wraps.length)
          .map((p, k) => ({
            key: `w${k}`,
            // A one-line row after the measured ones, so none of them is the (shorter) last row.
            node: <TableView block={withRows(p.b, [...p.wraps.map((i) => p.b.rows[i]!), oneLine(p.b)])} from={0} to={p.wraps.length + 1} continued={false} />,
          })),
      )
    : '';
  let k = 0;
  for (const p of pending) {
    const rows = new Array<number>(p.b.rows.length).fill(p.one);
    if (p.wraps.length && draw) {
      const drawn = [...el(`w${k++}`).querySelector('table')!.tBodies[0]!.rows];
      p.wraps.forEach((i, n) => (rows[i] = height(drawn[n]!)));
    } else {
      for (const i of p.wraps) {
        const lines = Math.max(...p.b.rows[i]!.map((c, j) => widths.lines(typeof c === 'string' ? p.cols.fonts.plain : p.cols.fonts.rag, cellText(c), (p.cols.inner[j] ?? 0) * FITS)));
        rows[i] = p.one + (lines - 1) * p.step;
      }
    }
    sizes.set(p.b, { title: p.title, head: p.head, rows });
  }
  return sizes;
}

/**
 * Measures every block of the pack off screen, at the width of a page's content, with the
 * page's own styles and fonts, and hands the pages laid out from those heights to `onLaid`.
 * A table row taller than a page is split into rows first.
 */
export function PackMeasure({ pack, onLaid }: { pack: Pack; onLaid: (pack: Pack, pages: Page[]) => void }) {
  const [current, setCurrent] = useState(pack);
  const [round, setRound] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  // The callback is read when the measuring ends; a new one must not measure again.
  const done = useRef(onLaid);
  done.current = onLaid;
  const g = geometry(pack);
  const blocks = useMemo(() => current.sections.flatMap((s) => s.blocks.filter((b) => b.type !== 'chart')), [current]);
  useEffect(() => {
    let cancelled = false;
    // Fonts first: text measured before they are ready would have other widths.
    void document.fonts.ready.then(() => {
      const root = ref.current;
      if (cancelled || !root) return;
      performance.mark('pack:measure-start');
      root.innerHTML = `<div data-section-title="">${renderToStaticMarkup(<SectionTitle text="Section" continued />)}</div>`;
      const sectionTitle = height(root.firstElementChild!) + 3;
      const byBlock = measure(root, blocks);
      root.innerHTML = '';
      const sizes: Sizes = { sectionTitle, block: (b) => byBlock.get(b) ?? { h: 0 } };
      const tooTall = new Map<PackBlock, Map<number, number>>();
      for (const b of blocks) {
        const s = sizes.block(b);
        if (b.type !== 'table' || !('rows' in s)) continue;
        const room = g.contentHeight - 2 - sectionTitle - s.title - s.head;
        s.rows.forEach((h, i) => {
          if (h > room) (tooTall.get(b) ?? tooTall.set(b, new Map()).get(b)!).set(i, Math.ceil(h / (room * 0.8)));
        });
      }
      if (tooTall.size && round < 3) {
        setCurrent(splitTallRows(current, tooTall));
        setRound(round + 1);
        return;
      }
      performance.mark('pack:measured');
      done.current(current, paginate(current, sizes));
    });
    return () => {
      cancelled = true;
    };
  }, [blocks, current, g.contentHeight, round]);
  return <div ref={ref} className="pack-measure pack-body" aria-hidden="true" style={{ width: `${g.contentWidth}mm` }} />;
}
