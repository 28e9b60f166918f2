import { useEffect, useMemo, useRef, useState } from 'react';
import { renderToStaticMarkup } from 'react-dom/server.browser';
import type { Pack, PackBlock } from '../../../preload/contract';
import { Block, SectionTitle } from './PackBlocks';
import { geometry, paginate, splitTallRows, type Page, type Sizes } from './paginate';

const MM_PER_PX = 25.4 / 96;
const height = (el: Element) => el.getBoundingClientRect().height * MM_PER_PX;

/** Reads the height of every block drawn in the measuring box (tables row by row). */
function readSizes(root: HTMLElement, blocks: PackBlock[]): Sizes {
  const byBlock = new Map<PackBlock, { h: number } | { title: number; head: number; rows: number[] }>();
  const els = root.querySelectorAll<HTMLElement>('[data-block]');
  els.forEach((el) => {
    const b = blocks[Number(el.dataset.block)]!;
    // Each block's height includes the gap below it, which the pagination adds on its own.
    if (b.type !== 'table') return void byBlock.set(b, { h: height(el.firstElementChild ?? el) });
    const table = el.querySelector('table')!;
    const title = (table.getBoundingClientRect().top - el.getBoundingClientRect().top) * MM_PER_PX;
    const head = height(table.tHead!);
    const rows = [...table.tBodies[0]!.rows].map(height);
    byBlock.set(b, { title, head, rows });
  });
  const sectionTitle = height(root.querySelector('[data-section-title]')!) + 3;
  return { sectionTitle, block: (b) => byBlock.get(b) ?? { h: 0 } };
}

/**
 * Draws every block of the pack once, off screen, at the width of a page's content, and hands
 * the pages laid out from those heights to `onLaid` (after the fonts are loaded, so the
 * heights are final). A table row taller than a page is split into rows first.
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
    const root = ref.current;
    if (!root) return;
    // Static markup of the same components, set at once: several times faster than a React render of a
    // 1,000-row appendix, and the heights are the same (same elements, classes and styles).
    root.innerHTML = renderToStaticMarkup(
      <>
        <div data-section-title="">
          <SectionTitle text="Section" continued />
        </div>
        {blocks.map((b, i) => (
          <div key={i} data-block={i}>
            <Block b={b} />
          </div>
        ))}
      </>,
    );
    let cancelled = false;
    void document.fonts.ready.then(() => {
      if (cancelled) return;
      const sizes = readSizes(root, blocks);
      const tooTall = new Map<PackBlock, Map<number, number>>();
      for (const b of blocks) {
        const s = sizes.block(b);
        if (b.type !== 'table' || !('rows' in s)) continue;
        const room = g.contentHeight - 2 - sizes.sectionTitle - s.title - s.head;
        s.rows.forEach((h, i) => {
          if (h > room) (tooTall.get(b) ?? tooTall.set(b, new Map()).get(b)!).set(i, Math.ceil(h / (room * 0.8)));
        });
      }
      if (tooTall.size && round < 3) {
        setCurrent(splitTallRows(current, tooTall));
        setRound(round + 1);
        return;
      }
      done.current(current, paginate(current, sizes));
    });
    return () => {
      cancelled = true;
    };
  }, [blocks, current, g.contentHeight, round]);
  return <div ref={ref} className="pack-measure pack-body" aria-hidden="true" style={{ width: `${g.contentWidth}mm` }} />;
}
