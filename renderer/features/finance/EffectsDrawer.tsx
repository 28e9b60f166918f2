import './finance.css';
import { useEffect } from 'react';
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
  return (
    <aside className="drawer" role="dialog" aria-label="Financial effects" onKeyDown={(e) => e.key === 'Escape' && void openEffects(null)}>
      <header className="drawer-head">
        <h2>{v ? `${v.code} ${v.title}` : 'Financial effects'}</h2>
        <button aria-label="Close effects" onClick={() => void openEffects(null)}>
          ✕
        </button>
      </header>
      <EffectsPanel measureId={id} />
    </aside>
  );
}
