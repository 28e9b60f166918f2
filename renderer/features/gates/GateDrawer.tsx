import { useApp } from '../../app/context';
import { useRef } from 'react';
import { GatePanel } from './GatePanel';
import { useDialogFocus } from '../../components/useDialogFocus';

/** Side drawer holding the gate panel of the measure chosen in the grid or the inbox. */
export function GateDrawer() {
  const measureId = useApp((s) => s.gateMeasureId);
  const measure = useApp((s) => s.measures.find((m) => m.id === measureId));
  const openGate = useApp((s) => s.openGate);
  if (!measureId) return null;
  return <GateDrawerBody measureId={measureId} title={measure ? `${measure.code} ${measure.title}` : 'Stage gate'} onClose={() => openGate(null)} />;
}

function GateDrawerBody(props: { measureId: string; title: string; onClose: () => void }) {
  const ref = useRef<HTMLElement>(null);
  useDialogFocus(ref, props.onClose);
  return (
    <aside className="gate-drawer" aria-label="Gate panel" ref={ref} tabIndex={-1}>
      <header>
        <strong>{props.title}</strong>
        <button aria-label="Close gate panel" onClick={props.onClose}>
          ✕
        </button>
      </header>
      <GatePanel measureId={props.measureId} />
    </aside>
  );
}
