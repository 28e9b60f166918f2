import { useEffect, useRef } from 'react';
import { DI_NAMES } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { detailSections } from './sections';
import { Splitter } from '../../components/Splitter';
import { DETAIL_WIDTH } from '../layout/slice';
import { focusOrigin, restoreFocus, type FocusOrigin } from '../../components/useDialogFocus';

/** Everything about one measure beside the grid: fields, long text, milestones, history. */
export function DetailPanel() {
  const id = useApp((s) => s.detailId);
  const measure = useApp((s) => s.measures.find((m) => m.id === s.detailId));
  const openDetail = useApp((s) => s.openDetail);
  const ref = useRef<HTMLElement>(null);
  const width = useApp((s) => s.detailWidth);
  const setWidth = useApp((s) => s.setDetailWidth);
  // What opened the panel (the code cell, a button) gets the focus back when it closes.
  const opener = useRef<FocusOrigin | null>(null);
  useEffect(() => {
    if (!id) {
      restoreFocus(opener.current);
      opener.current = null;
      return;
    }
    if (!ref.current?.contains(document.activeElement)) opener.current = focusOrigin();
    ref.current?.querySelector<HTMLElement>('input, textarea')?.focus();
  }, [id]);
  if (!id || !measure) return null;
  return (
    <div className="detail-wrap" style={{ width }}>
      <Splitter label="Resize the details" width={width} min={DETAIL_WIDTH.min} max={DETAIL_WIDTH.max} edge="left" onResize={setWidth} />
    <aside
      className="detail"
      aria-label={`Details of ${measure.code}`}
      ref={ref}
      onKeyDown={(e) => {
        if (e.key === 'Escape') openDetail(null);
      }}
    >
      <header className="detail-head">
        <div>
          <strong>{measure.code}</strong> <span className="muted">DI{measure.diLevel} {DI_NAMES[measure.diLevel]}</span>
          <h2>{measure.title}</h2>
        </div>
        <button aria-label="Close details" onClick={() => openDetail(null)}>
          ×
        </button>
      </header>
      {detailSections.map((s) => (
        <section key={s.id} className="detail-section" aria-label={s.title}>
          <h3>{s.title}</h3>
          {s.render(id)}
        </section>
      ))}
    </aside>
    </div>
  );
}
