import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import type { Measure } from '../../../preload/contract';
import { useApp } from '../../app/context';

/** "Next gate" cell: DI level it aims at, criteria met, pending; click opens the gate drawer. */
export function NextGateCell(p: ICellRendererParams<Measure>) {
  const r = useApp((s) => (p.data ? s.gateReadiness[p.data.id] : undefined));
  const openGate = useApp((s) => s.openGate);
  if (!p.data) return null;
  const text = !r ? '…' : r.next === null ? 'Top level' : r.pending ? `DI${r.next} requested` : r.ready ? `Ready for DI${r.next}` : `DI${r.next}: ${r.met}/${r.total}`;
  const cls = !r || r.next === null ? '' : r.pending ? 'gate-pending' : r.ready ? 'gate-ready' : 'gate-missing';
  return (
    <button className={`gate-cell ${cls}`} title={r?.missing.length ? `Missing: ${r.missing.join(', ')}` : 'Open the gate panel'} onClick={() => openGate(p.data!.id)}>
      {text}
    </button>
  );
}

export function gateColumns(): ColDef<Measure>[] {
  return [
    {
      colId: 'nextGate',
      headerName: 'Next gate',
      width: 150,
      editable: false,
      sortable: false,
      filter: false,
      cellRenderer: NextGateCell,
    },
  ];
}
