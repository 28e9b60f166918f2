import { useEffect, useMemo, useRef, useState } from 'react';
import type { Pack, PackBlock, PackCell } from '../../../preload/contract';
import { PackChart } from './PackChart';
import { CHART_MM, FOOTER_MM, HEADER_MM, MARGIN_MM, geometry, paginate, type Fragment } from './paginate';

const PX_PER_MM = 96 / 25.4;

function Cell({ c, lines }: { c: PackCell; lines: number }) {
  const style = { maxHeight: `${lines * 4}mm` };
  if (typeof c === 'string') return <div className="clip" style={style}>{c}</div>;
  return (
    <div className={`rag rag-${c.rag}`} style={style}>
      {c.text}
    </div>
  );
}

function Rows({ f }: { f: Extract<Fragment, { kind: 'rows' }> }) {
  const b = f.block;
  const total = b.columns.reduce((s, c) => s + c.width, 0);
  return (
    <div className="pack-table">
      {b.title && <h3>{f.continued ? `${b.title} (continued)` : b.title}</h3>}
      <table>
        <colgroup>
          {b.columns.map((c, i) => (
            <col key={i} style={{ width: `${(c.width / total) * 100}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {b.columns.map((c, i) => (
              <th key={i} style={{ textAlign: c.align ?? 'left' }}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {b.rows.length === 0 ? (
            <tr>
              <td colSpan={b.columns.length} className="empty">
                {b.empty}
              </td>
            </tr>
          ) : (
            b.rows.slice(f.from, f.to).map((r, i) => (
              <tr key={f.from + i} style={{ height: `${f.heights[i]}mm` }}>
                {r.map((c, j) => (
                  <td key={j} style={{ textAlign: b.columns[j]?.align ?? 'left' }}>
                    <Cell c={c} lines={Math.round(((f.heights[i] ?? 6) - 2) / 4)} />
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function Block({ b }: { b: PackBlock }) {
  switch (b.type) {
    case 'text':
      return (
        <div className="pack-text">
          {b.title && <h3>{b.title}</h3>}
          <p>{b.text}</p>
        </div>
      );
    case 'note':
      return <p className="pack-note">{b.text}</p>;
    case 'kpis':
      return (
        <div className="pack-kpis" style={{ gridTemplateColumns: `repeat(${Math.max(b.items.length, 4)}, 1fr)` }}>
          {b.items.map((k, i) => (
            <div key={i} className={`kpi ${k.rag ? `rag-${k.rag}` : ''}`}>
              <div className="kpi-label">{k.label}</div>
              <div className="kpi-value">{k.value}</div>
              {k.hint && <div className="kpi-hint">{k.hint}</div>}
            </div>
          ))}
        </div>
      );
    default:
      return null;
  }
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

/**
 * The pack as printed pages at paper size: the preview, the browser's print and the CLI's
 * PDF. `progressive` (the on-screen preview) draws the first pages and more on scrolling.
 */
export function PackDocument({ pack, progressive = false }: { pack: Pack; progressive?: boolean }) {
  const pages = useMemo(() => paginate(pack), [pack]);
  const [shown, sentinel] = useProgressive(pages.length, !progressive);
  const g = geometry(pack);
  const m = pack.meta;
  const pageCss = `@page { size: ${g.width}mm ${g.height}mm; margin: 0; }`;
  return (
    <div className="pack-pages" data-pages={pages.length}>
      <style>{pageCss}</style>
      {pages.slice(0, shown).map((p, i) => (
        <section
          key={i}
          className="pack-page"
          style={{ width: `${g.width}mm`, height: `${g.height}mm`, padding: `${MARGIN_MM}mm` }}
          aria-label={`Page ${i + 1}`}
        >
          <header className="pack-head" style={{ height: `${HEADER_MM}mm` }}>
            <strong>{m.workspaceName}</strong>
            <span>
              {m.scopeName} · {m.meetingTitle} · {m.date}
            </span>
            {m.frozen ? <span className="frozen">Frozen {m.frozen.at.slice(0, 10)} by {m.frozen.by}</span> : <span className="live">Draft, not frozen</span>}
          </header>
          <div className="pack-body" style={{ height: `${g.contentHeight}mm` }}>
            {p.fragments.map((f, j) =>
              f.kind === 'title' ? (
                <h2 key={j}>{f.text}</h2>
              ) : f.kind === 'rows' ? (
                <Rows key={j} f={f} />
              ) : f.kind === 'charts' ? (
                <Charts key={j} f={f} width={g.contentWidth} />
              ) : (
                <Block key={j} b={f.block} />
              ),
            )}
          </div>
          <footer className="pack-foot" style={{ height: `${FOOTER_MM}mm` }}>
            <span>{m.confidentiality}</span>
            <span>
              Page {i + 1} of {pages.length}
            </span>
          </footer>
        </section>
      ))}
      {shown < pages.length && (
        <div ref={sentinel} className="pack-more pack-print-hide">
          Drawing pages {shown + 1}–{Math.min(pages.length, shown + PREVIEW_STEP)} of {pages.length}…
        </div>
      )}
    </div>
  );
}
