import type { ColDef } from 'ag-grid-community';
import type { GateReadiness, Measure } from '../../../preload/contract';
import { ButtonCellRenderer, type ButtonCellParams } from '../grid/cell-renderers';

/** "Next gate" text: DI level it aims at, criteria met, pending. */
export function nextGateText(r: GateReadiness | undefined): string {
  return !r ? '…' : r.next === null ? 'Top level' : r.pending ? `DI${r.next} requested` : r.ready ? `Ready for DI${r.next}` : `DI${r.next}: ${r.met}/${r.total}`;
}

/**
 * "Next gate" cell; a click opens the gate drawer. Readiness is read when the cell draws
 * (the grid refreshes this column when readiness reloads), so a new readiness does not
 * rebuild the columns, which would end an edit in progress.
 */
export function gateColumns(opts: { readiness: (id: string) => GateReadiness | undefined; openGate: (id: string) => void }): ColDef<Measure>[] {
  const params: ButtonCellParams = {
    text: (m) => nextGateText(opts.readiness(m.id)),
    ariaLabel: (m) => `Next gate of ${m.code}: ${nextGateText(opts.readiness(m.id))}`,
    title: (m) => {
      const r = opts.readiness(m.id);
      return r?.missing.length ? `Missing: ${r.missing.join(', ')}` : 'Open the gate panel';
    },
    className: (m) => {
      const r = opts.readiness(m.id);
      return `gate-cell ${!r || r.next === null ? '' : r.pending ? 'gate-pending' : r.ready ? 'gate-ready' : 'gate-missing'}`;
    },
    onClick: opts.openGate,
  };
  return [
    {
      colId: 'nextGate',
      headerName: 'Next gate',
      width: 150,
      editable: false,
      sortable: false,
      filter: false,
      valueGetter: (p) => (p.data ? nextGateText(opts.readiness(p.data.id)) : ''),
      cellRenderer: ButtonCellRenderer,
      cellRendererParams: params,
    },
  ];
}
