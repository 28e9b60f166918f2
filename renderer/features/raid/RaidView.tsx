import { useEffect, useMemo, useState } from 'react';
import type { Measure } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { DependencyPanel } from './DependencyPanel';
import { EscalationsPanel } from './EscalationsPanel';
import { RaidGrid } from './RaidGrid';
import './raid.css';
import type { RaidTab } from './slice';

const TABS: [RaidTab, string][] = [
  ['log', 'RAID log'],
  ['deps', 'Dependencies & decisions'],
  ['escalations', 'Escalations'],
];

/** The RAID tab: the log, a measure's dependencies and decisions, and the escalations list. */
export function RaidView() {
  const api = useApp((s) => s.api);
  const tab = useApp((s) => s.raidTab);
  const setTab = useApp((s) => s.setRaidTab);
  const measureId = useApp((s) => s.raidMeasureId);
  const openMeasureRaid = useApp((s) => s.openMeasureRaid);
  const reloadRaid = useApp((s) => s.reloadRaid);
  const escalations = useApp((s) => s.escalations);
  const [measures, setMeasures] = useState<Measure[]>([]);
  const gridMeasures = useApp((s) => s.measures);

  useEffect(() => {
    void reloadRaid();
    // All measures (not only the tree's selection) for the focus list and the Measure column.
    void api.call('measures:list', {}).then(setMeasures);
  }, [api, reloadRaid, gridMeasures]);

  const codes = useMemo(() => measures.map((m) => m.code), [measures]);
  const open = escalations.filter((e) => e.status === 'open').length;
  return (
    <div className="raid-view">
      <div className="subbar">
        <nav className="tabs" aria-label="RAID views">
          {TABS.map(([t, label]) => (
            <button key={t} className={tab === t ? 'active' : ''} aria-pressed={tab === t} onClick={() => setTab(t)}>
              {label}
              {t === 'escalations' && open > 0 ? ` (${open})` : ''}
            </button>
          ))}
        </nav>
        <label className="inline">
          Measure
          <select aria-label="Focus measure" value={measureId ?? ''} onChange={(e) => openMeasureRaid(e.target.value || null)}>
            <option value="">All measures</option>
            {measures.map((m) => (
              <option key={m.id} value={m.id}>
                {m.code} {m.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {tab === 'log' && <RaidGrid measureCodes={codes} />}
      {tab === 'deps' && <DependencyPanel measures={measures} />}
      {tab === 'escalations' && <EscalationsPanel />}
    </div>
  );
}
