import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { DI_NAMES, RAG, RAG_LABELS, type Measure, type Rag } from '../../../preload/contract';
import { ListCellEditor } from './ListCellEditor';
import { RaidLinkCell } from '../raid/RaidLinkCell';
import { gateColumns } from '../gates/columns';

/** RAG colour with its word: colour is never the only signal. */
export function StatusCell(p: ICellRendererParams<Measure, Rag>) {
  const v = p.value ?? 'grey';
  return (
    <span className={`rag rag-${v}`}>
      <i aria-hidden="true" />
      {RAG_LABELS[v]}
    </span>
  );
}

const LIFECYCLE_LABELS: Record<string, string> = { active: 'Active', on_hold: 'On hold', cancelled: 'Cancelled', closed: 'Closed' };

export function measureColumns(opts: {
  peopleNames: string[];
  cellErrors: Record<string, string>;
  packagePath: (nodeId: string) => string;
  /** Opens the measure's financial effects and statuses (value feature). */
  onOpenEffects?: (id: string) => void;
}): ColDef<Measure>[] {
  const errorRules = (field: string) => ({
    cellClassRules: { 'cell-error': (p: { data?: Measure }) => !!p.data && !!opts.cellErrors[`${p.data.id}:${field}`] },
    tooltipValueGetter: (p: { data?: Measure }) => (p.data ? opts.cellErrors[`${p.data.id}:${field}`] : undefined),
  });
  const text = (field: keyof Measure & string, headerName: string, width = 150): ColDef<Measure> => ({
    field,
    headerName,
    width,
    editable: true,
    cellEditor: 'agTextCellEditor',
    ...errorRules(field),
  });
  const person = (field: 'owner' | 'sponsor' | 'controller', headerName: string): ColDef<Measure> => ({
    field,
    headerName,
    width: 150,
    editable: true,
    cellEditor: ListCellEditor,
    cellEditorParams: { options: opts.peopleNames },
    ...errorRules(field),
  });
  const status = (field: 'implementationStatus' | 'potentialStatus', headerName: string): ColDef<Measure> => ({
    field,
    headerName,
    width: 150,
    // Statuses are derived (milestones, value); a manual one needs a reason: double-click opens the effects panel.
    editable: !opts.onOpenEffects,
    cellEditor: ListCellEditor,
    cellEditorParams: { options: [...RAG] },
    cellRenderer: StatusCell,
    onCellDoubleClicked: (p) => p.data && opts.onOpenEffects?.(p.data.id),
    ...errorRules(field),
  });
  return [
    { field: 'code', headerName: 'Code', width: 110, pinned: 'left', editable: false, sort: 'asc' },
    { ...text('title', 'Title', 320), pinned: 'left' },
    person('owner', 'Owner'),
    person('sponsor', 'Sponsor'),
    person('controller', 'Controller'),
    text('businessUnit', 'Business unit'),
    text('function', 'Function', 140),
    text('startDate', 'Start', 120),
    text('dueDate', 'Due', 120),
    {
      field: 'diLevel',
      headerName: 'DI',
      width: 140,
      editable: false,
      valueFormatter: (p) => (p.value === undefined || p.value === null ? '' : `DI${p.value} ${DI_NAMES[p.value as number] ?? ''}`),
    },
    ...gateColumns(),
    { field: 'lifecycle', headerName: 'Lifecycle', width: 110, editable: false, valueFormatter: (p) => LIFECYCLE_LABELS[p.value as string] ?? String(p.value) },
    status('implementationStatus', 'Implementation'),
    status('potentialStatus', 'Potential'),
    ...(opts.onOpenEffects ? [effectsColumn(opts.onOpenEffects)] : []),
    { colId: 'raid', headerName: 'RAID', width: 90, editable: false, sortable: false, filter: false, cellRenderer: RaidLinkCell },
    { colId: 'package', headerName: 'Package', width: 260, editable: false, valueGetter: (p) => (p.data ? opts.packagePath(p.data.nodeId) : '') },
  ];
}

function effectsColumn(open: (id: string) => void): ColDef<Measure> {
  return {
    colId: 'effects',
    headerName: 'Value',
    width: 100,
    editable: false,
    sortable: false,
    filter: false,
    cellRenderer: (p: ICellRendererParams<Measure>) =>
      p.data ? (
        <button className="small" aria-label={`Financial effects of ${p.data.code}`} onClick={() => open(p.data!.id)}>
          Effects…
        </button>
      ) : null,
  };
}
