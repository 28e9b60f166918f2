import type { ICellRendererParams } from 'ag-grid-community';
import type { Measure } from '../../../preload/contract';
import { useApp } from '../../app/context';

/** Measures grid cell: opens the RAID view on the measure (its RAID items, dependencies, decisions). */
export function RaidLinkCell(p: ICellRendererParams<Measure>) {
  const open = useApp((s) => s.openMeasureRaid);
  if (!p.data) return null;
  const id = p.data.id;
  return (
    <button className="link" aria-label={`RAID, dependencies and decisions of ${p.data.code}`} onClick={() => open(id, 'deps')}>
      RAID ▸
    </button>
  );
}
