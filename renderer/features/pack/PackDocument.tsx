import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { renderToStaticMarkup } from 'react-dom/server.browser';
import { logoBox, type Pack } from '../../../preload/contract';
import { Block, SectionTitle, TableView } from './PackBlocks';
import { drawChart, PackChart } from './PackChart';
import { PackMeasure } from './PackMeasure';
import { CHART_MM, FOOTER_MM, HEADER_MM, MARGIN_MM, geometry, type Fragment, type Page } from './paginate';
import { localDay } from '../../app/dates';
import { userLocale } from '../../app/locale';
import { formatDay } from '../../../preload/contract';

const PX_PER_MM = 96 / 25.4;

/** A key per pack object, so a new pack is measured afresh. */
const keys = new WeakMap<Pack, number>();
let nextKey = 0;
function packKey(p: Pack): number {
  let k = keys.get(p);
  if (k === undefined) keys.set(p, (k = ++nextKey));
  return k;
}

function Charts({ f, width }: { f: Extract<Fragment, { kind: 'charts' }>; width: number }) {
  const w = Math.floor(((width - (f.blocks.length - 1) * 6) / 2) * PX_PER_MM);
  const h = Math.floor((CHART_MM - 8) * PX_PER_MM);
  return (
    <div className="pack-charts">
      {f.blocks.map((b, i) => (
        <figure key={i} className="pack-chart" data-testid="pack-chart">
          <figcaption>{b.title}</figcaption>
          <PackChart chart={b.chart} width={w} height={h} />
        </figure>
      ))}
    </div>
  );
}

/** Pages the on-screen preview draws at first and per step as the reader scrolls (a 20k-measure appendix has ~1,000 pages). */
const PREVIEW_STEP = 24;

/** Draws more pages when the end of the drawn ones scrolls into view; `all` draws every page (printing). */
function useProgressive(total: number, all: boolean): [number, (el: HTMLElement | null) => void] {
  const [shown, setShown] = useState(PREVIEW_STEP);
  const observer = useRef<IntersectionObserver | null>(null);
  useEffect(() => () => observer.current?.disconnect(), []);
  const sentinel = (el: HTMLElement | null) => {
    observer.current?.disconnect();
    if (!el) return;
    observer.current = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setShown((n) => n + PREVIEW_STEP);
    });
    observer.current.observe(el);
  };
  return [all ? total : Math.min(total, shown), sentinel];
}

function PageBody({ fragments, contentWidth }: { fragments: Fragment[]; contentWidth: number }) {
  return (
    <>
      {fragments.map((f, j) =>
        f.kind === 'title' ? (
          <SectionTitle key={j} text={f.text} continued={f.continued} />
        ) : f.kind === 'rows' ? (
          <TableView key={j} block={f.block} from={f.from} to={f.to} continued={f.continued} />
        ) : f.kind === 'charts' ? (
          <Charts key={j} f={f} width={contentWidth} />
        ) : (
          <Block key={j} b={f.block} />
        ),
      )}
    </>
  );
}

/** The logo in the page header: its own proportions, at most the header's height and 45 mm wide. */
function logoOf(pack: Pack): { src: string; w: number; h: number } | null {
  const l = pack.meta.branding?.logo;
  if (!l || !l.width || !l.height) return null;
  return { src: `data:${l.mime};base64,${l.data}`, ...logoBox(l, HEADER_MM - 2, 45) };
}

/** The branding as the CSS variables pack.css reads (defaults there for packs made before branding). */
function brandStyle(pack: Pack): CSSProperties {
  const b = pack.meta.branding;
  if (!b) return {};
  return { '--pack-font': `'${b.font}'`, '--pack-primary': b.primary, '--pack-accent': b.accent } as CSSProperties;
}

/** The pages from the first up to `upTo`, each at paper size with its header and footer. */
function Pages({ pack, pages, upTo }: { pack: Pack; pages: Page[]; upTo: number }) {
  const g = geometry(pack);
  const m = pack.meta;
  const logo = logoOf(pack);
  return (
    <>
      {pages.slice(0, upTo).map((p, i) => (
        <section
          key={i}
          className="pack-page"
          style={{ width: `${g.width}mm`, height: `${g.height}mm`, padding: `${MARGIN_MM}mm` }}
          aria-label={`Page ${i + 1}`}
        >
          <header className="pack-head" style={{ height: `${HEADER_MM}mm` }}>
            <strong>{m.workspaceName}</strong>
            <span>
              {m.scopeName} · {m.meetingTitle} · {formatDay(m.date, m.locale ?? userLocale())}
            </span>
            {m.frozen ? <span className="frozen">Frozen {formatDay(localDay(m.frozen.at), m.locale ?? userLocale())} by {m.frozen.by}</span> : <span className="live">Draft, not frozen</span>}
            {logo && <img className="pack-logo" src={logo.src} alt={`${m.workspaceName} logo`} style={{ width: `${logo.w}mm`, height: `${logo.h}mm` }} />}
          </header>
          <div className="pack-body" style={{ height: `${g.contentHeight}mm` }}>
            <PageBody fragments={p.fragments} contentWidth={g.contentWidth} />
          </div>
          <footer className="pack-foot" style={{ height: `${FOOTER_MM}mm` }}>
            <span>{m.confidentiality}</span>
            <span>
              Page {i + 1} of {pages.length}
            </span>
          </footer>
        </section>
      ))}
    </>
  );
}

/**
 * Printing (the CLI's and the desktop app's PDF): the same pages as static markup set at
 * once, then the charts drawn into their canvases: a 1,000-row appendix is drawn several
 * times faster than by a React render, and nothing on a printed page is interactive.
 */
function StaticPages({ pack, pages, onDrawn }: { pack: Pack; pages: Page[]; onDrawn: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const drawn = useRef(onDrawn);
  drawn.current = onDrawn;
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    root.innerHTML = renderToStaticMarkup(<Pages pack={pack} pages={pages} upTo={pages.length} />);
    // Canvases come in the order of the chart fragments.
    const charts = pages.flatMap((p) => p.fragments.flatMap((f) => (f.kind === 'charts' ? f.blocks.filter((b) => b.chart.labels.length > 0) : [])));
    const made = [...root.querySelectorAll('canvas')].map((c, i) => drawChart(c, charts[i]!.chart));
    drawn.current();
    return () => made.forEach((c) => c.destroy());
  }, [pack, pages]);
  return <div ref={ref} className="pack-static" />;
}

/**
 * The pack as printed pages at paper size: the preview, the browser's print and the CLI's
 * PDF. The blocks are measured first (PackMeasure), then laid out on pages from those
 * heights; `onLaid` says when the pages are drawn. `progressive` (the on-screen preview)
 * draws the first pages and more on scrolling.
 */
export function PackDocument({
  pack,
  progressive = false,
  staticPages = false,
  onLaid,
}: {
  pack: Pack;
  progressive?: boolean;
  /** Draw the pages as static markup (printing only: nothing on them reacts). */
  staticPages?: boolean;
  onLaid?: (pages: number) => void;
}) {
  const [laid, setLaid] = useState<{ source: Pack; pack: Pack; pages: Page[] } | null>(null);
  const current = laid?.source === pack ? laid : null;
  const pages = current?.pages ?? [];
  const [shown, sentinel] = useProgressive(pages.length, !progressive);
  useEffect(() => {
    if (current && !staticPages) onLaid?.(current.pages.length);
  }, [current, onLaid, staticPages]);
  const g = geometry(pack);
  const pageCss = `@page { size: ${g.width}mm ${g.height}mm; margin: 0; }`;
  return (
    <div className="pack-pages" data-pages={current ? pages.length : undefined} data-orientation={pack.meta.orientation} style={brandStyle(pack)}>
      <style>{pageCss}</style>
      {!current && <PackMeasure key={packKey(pack)} pack={pack} onLaid={(p, pg) => setLaid({ source: pack, pack: p, pages: pg })} />}
      {current && !staticPages && <Pages pack={pack} pages={pages} upTo={shown} />}
      {current && staticPages && <StaticPages pack={pack} pages={pages} onDrawn={() => onLaid?.(pages.length)} />}
      {current && shown < pages.length && (
        <div ref={sentinel} className="pack-more pack-print-hide">
          Drawing pages {shown + 1}–{Math.min(pages.length, shown + PREVIEW_STEP)} of {pages.length}…
        </div>
      )}
    </div>
  );
}
