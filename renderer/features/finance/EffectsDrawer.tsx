import './finance.css';
import { useEffect, useRef } from 'react';
import { useDialogFocus } from '../../components/useDialogFocus';
import { useApp } from '../../app/context';
import { EffectsPanel } from './EffectsPanel';

/** Until the measure detail panel hosts it, the effects grid opens in its own drawer from the measures grid. */
export function EffectsDrawer() {
  const id = useApp((s) => s.effectsMeasureId);
  const v = useApp((s) => s.measureValue);
  const openEffects = useApp((s) => s.openEffects);
  const loadValue = useApp((s) => s.loadValue);
  const actorId = useApp((s) => s.workspace?.actorId);
  // Who acts decides whether the controller's Validate / Reopen buttons show.
  useEffect(() => {
    void loadValue();
  }, [actorId, loadValue]);
  if (!id) return null;
  return <EffectsDrawerBody id={id} title={v ? `${v.code} ${v.title}` : 'Financial effects'} onClose={() => void openEffects(null)} />;
}

function EffectsDrawerBody(props: { id: string; title: string; onClose: () => void }) {
  const ref = useRef<HTMLElement>(null);
  useDialogFocus(ref, props.onClose);
  return (
    <aside className="drawer" role="dialog" aria-label="Financial effects" ref={ref} tabIndex={-1}>
      <header className="drawer-head">
        <h2>{props.title}</h2>
        <button aria-label="Close effects" onClick={props.onClose}>
          ✕
        </button>
      </header>
      <EffectsPanel measureId={props.id} />
    </aside>
  );
}
