import { useApp } from '../../app/context';
import { GatePanel } from './GatePanel';

/** Side drawer holding the gate panel of the measure chosen in the grid or the inbox. */
export function GateDrawer() {
  const measureId = useApp((s) => s.gateMeasureId);
  const measure = useApp((s) => s.measures.find((m) => m.id === measureId));
  const openGate = useApp((s) => s.openGate);
  if (!measureId) return null;
  return (
    <aside className="gate-drawer" aria-label="Gate panel" onKeyDown={(e) => e.key === 'Escape' && openGate(null)}>
      <header>
        <strong>{measure ? `${measure.code} ${measure.title}` : 'Stage gate'}</strong>
        <button aria-label="Close gate panel" onClick={() => openGate(null)}>
          ✕
        </button>
      </header>
      <GatePanel measureId={measureId} />
    </aside>
  );
}
