import type { ColDef, ICellRendererComp, ICellRendererParams } from 'ag-grid-community';
import { ESC_LEVELS, IMPACTS, PROBABILITIES, RAID_KINDS, RAID_STATUSES, type RaidItem } from '../../../preload/contract';
import { ListCellEditor } from '../grid/ListCellEditor';
import { TypedCellEditor, type TypedEditorParams } from '../grid/TypedCellEditor';
import { showDay, showStampDay } from '../../app/dates';

/** Overdue / stale / escalated as words, so the flag never depends on colour alone. */
export class FlagsCell implements ICellRendererComp<RaidItem> {
  private readonly el = document.createElement('span');
  init(p: ICellRendererParams<RaidItem>): void {
    this.el.className = 'flags';
    this.render(p);
  }
  private render(p: ICellRendererParams<RaidItem>): void {
    const r = p.data;
    const flag = (cls: string, text: string) => Object.assign(document.createElement('span'), { className: `flag flag-${cls}`, textContent: text });
    this.el.replaceChildren(...(r ? [r.overdue && flag('overdue', 'Overdue'), r.stale && flag('stale', 'Stale'), r.escalated && flag('escalated', `Escalated · ${r.escalationLevel}`)].filter((x): x is HTMLSpanElement => !!x) : []));
  }
  getGui(): HTMLElement {
    return this.el;
  }
  refresh(p: ICellRendererParams<RaidItem>): boolean {
    this.render(p);
    return true;
  }
}

export function raidColumns(opts: { peopleNames: string[]; measureCodes: string[]; nodeNames: string[]; cellErrors: () => Record<string, string> }): ColDef<RaidItem>[] {
  const errorRules = (field: string) => ({
    cellClassRules: { 'cell-error': (p: { data?: RaidItem }) => !!p.data && !!opts.cellErrors()[`${p.data.id}:${field}`] },
    tooltipValueGetter: (p: { data?: RaidItem }) => (p.data ? opts.cellErrors()[`${p.data.id}:${field}`] : undefined),
  });
  const text = (field: keyof RaidItem & string, headerName: string, width = 150): ColDef<RaidItem> => ({
    field,
    headerName,
    width,
    editable: true,
    cellEditor: 'agTextCellEditor',
    // The grid's own parsing is off: its date parser turned unreadable text into an empty date.
    valueParser: (p) => p.newValue as unknown,
    ...errorRules(field),
  });
  const list = (field: string, headerName: string, options: readonly string[], width = 120, colField?: keyof RaidItem & string): ColDef<RaidItem> => ({
    colId: field,
    field: colField ?? (field as keyof RaidItem & string),
    headerName,
    width,
    editable: true,
    cellEditor: ListCellEditor,
    cellEditorParams: { options: [...options] },
    ...errorRules(field),
  });
  return [
    { field: 'code', headerName: 'Code', width: 100, pinned: 'left', editable: false, sort: 'asc' },
    list('kind', 'Kind', RAID_KINDS, 115),
    { ...text('title', 'Title', 300), pinned: 'left' },
    { colId: 'flags', headerName: 'Flags', width: 190, editable: false, cellRenderer: FlagsCell, valueGetter: (p) => (p.data ? [p.data.overdue && 'overdue', p.data.stale && 'stale', p.data.escalated && 'escalated'].filter(Boolean).join(' ') : '') },
    { ...list('measure', 'Measure', opts.measureCodes, 110, 'measureCode') },
    list('owner', 'Owner', opts.peopleNames, 150),
    list('impact', 'Impact', IMPACTS, 100),
    list('probability', 'Probability', PROBABILITIES, 110),
    text('nextAction', 'Next action', 260),
    // Read by the one date parser in the cell: what it cannot read is refused there, the text stays.
    {
      ...text('dueDate', 'Due / decide by', 130),
      cellEditor: TypedCellEditor,
      cellEditorParams: { kind: 'date' } satisfies TypedEditorParams,
      cellDataType: 'dateString',
      valueFormatter: (p) => showDay(p.value as string | null, ''),
    },
    list('status', 'Status', RAID_STATUSES, 120),
    {
      ...list('escalated', 'Escalated', ['yes', 'no'], 100),
      valueGetter: (p) => (p.data?.escalated ? 'yes' : 'no'),
    },
    list('escalationLevel', 'Level', ESC_LEVELS, 110),
    { ...list('node', 'Hierarchy', opts.nodeNames, 200, 'nodeName') },
    { field: 'updatedAt', headerName: 'Updated', width: 120, editable: false, valueFormatter: (p) => showStampDay(p.value as string | null, '') },
  ];
}
