import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { VanillaGrid, type GridHandle } from '../../components/VanillaGrid';
import { themeQuartz, type CellEditRequestEvent, type GridApi } from 'ag-grid-community';
import { RAID_KINDS, type RaidItem, type RaidKind, type RaidPatch } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { ConfirmDialog } from '../../components/Modal';
import { raidColumns } from './raid-columns';

const theme = themeQuartz.withParams({ fontFamily: 'inherit', fontSize: 13, headerFontSize: 13, rowHeight: 30, headerHeight: 32, spacing: 6 });

// Options keep their identity across renders: a new object makes the grid re-apply it,
// which ends an edit in progress.
const ROW_SELECTION = { mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false } as const;
const DEFAULT_COL_DEF = { resizable: true, sortable: true, filter: true };
const getRowId = (p: { data: RaidItem }) => p.data.id;

/** The RAID log: edited cell by cell like the measures grid, refusals shown in the cell. */
export function RaidGrid({ measureCodes }: { measureCodes: string[] }) {
  const items = useApp((s) => s.raidItems);
  const people = useApp((s) => s.people);
  const nodes = useApp((s) => s.nodes);
  const cellErrors = useApp((s) => s.raidCellErrors);
  const updateRaid = useApp((s) => s.updateRaid);
  const createRaid = useApp((s) => s.createRaid);
  const deleteRaid = useApp((s) => s.deleteRaid);
  const gridRef = useRef<GridHandle<RaidItem>>(null);
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<RaidKind>('risk');
  const [only, setOnly] = useState<'all' | 'flagged'>('all');
  const [selection, setSelection] = useState<RaidItem[]>([]);
  const [confirm, setConfirm] = useState(false);
  // Columns are rebuilt only when their lists change: a rebuild ends an edit in progress, and
  // every save reloads people, nodes and measures as new (equal) arrays.
  const peopleKey = people.map((p) => p.name).join('\n');
  const nodesKey = nodes.map((n) => n.name).join('\n');
  const codesKey = measureCodes.join('\n');
  const errorsRef = useRef(cellErrors);
  const columnDefs = useMemo(
    () =>
      raidColumns({
        peopleNames: peopleKey ? peopleKey.split('\n') : [],
        measureCodes: codesKey ? codesKey.split('\n') : [],
        nodeNames: nodesKey ? nodesKey.split('\n') : [],
        cellErrors: () => errorsRef.current,
      }),
    [peopleKey, codesKey, nodesKey],
  );
  const rows = useMemo(() => (only === 'flagged' ? items.filter((r) => r.overdue || r.stale || r.escalated) : items), [items, only]);

  useEffect(() => {
    // Redraw only the rows whose refusals changed.
    const before = errorsRef.current;
    errorsRef.current = cellErrors;
    const api = gridRef.current?.api;
    if (!api || before === cellErrors) return;
    const keys = [...Object.keys(before), ...Object.keys(cellErrors)].filter((k) => before[k] !== cellErrors[k]);
    const rowNodes = [...new Set(keys.map((k) => k.slice(0, k.indexOf(':'))))].map((id) => api.getRowNode(id)).filter((n) => !!n);
    if (rowNodes.length) api.refreshCells({ rowNodes, force: true });
  }, [cellErrors]);

  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<RaidItem>) => {
      const field = (e.colDef.colId ?? e.colDef.field) as keyof RaidPatch;
      const value = e.newValue === undefined || e.newValue === null ? '' : String(e.newValue);
      if (!e.data || String(e.oldValue ?? '') === value) return;
      void updateRaid(e.data.id, { [field]: value });
    },
    [updateRaid],
  );

  const overdue = items.filter((r) => r.overdue).length;
  const stale = items.filter((r) => r.stale).length;
  return (
    <section className="grid-pane" aria-label="RAID log">
      <div className="grid-toolbar">
        <select aria-label="Kind of new item" value={kind} onChange={(e) => setKind(e.target.value as RaidKind)}>
          {RAID_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <button className="primary" onClick={() => void createRaid(kind)}>
          + Add {kind}
        </button>
        <button disabled={selection.length === 0} onClick={() => setConfirm(true)}>
          Delete{selection.length ? ` (${selection.length})` : ''}
        </button>
        <select aria-label="Show" value={only} onChange={(e) => setOnly(e.target.value as 'all' | 'flagged')}>
          <option value="all">All items</option>
          <option value="flagged">Overdue, stale or escalated</option>
        </select>
        <input className="search" type="search" aria-label="Search RAID" placeholder="Search…" value={search} onChange={(e) => setSearch(e.target.value)} />
        <span className="muted" data-testid="raid-count">
          {items.length} item{items.length === 1 ? '' : 's'} · {overdue} overdue · {stale} stale
        </span>
      </div>
      <div className="grid-host">
        <VanillaGrid<RaidItem>
          ref={gridRef}
          theme={theme}
          rowData={rows}
          columnDefs={columnDefs}
          getRowId={getRowId}
          readOnlyEdit
          invalidEditValueMode="block"
          onCellEditRequest={onCellEditRequest}
          quickFilterText={search}
          rowSelection={ROW_SELECTION}
          onSelectionChanged={(e) => setSelection((e.api as GridApi<RaidItem>).getSelectedRows())}
          stopEditingWhenCellsLoseFocus
          enterNavigatesVerticallyAfterEdit
          tooltipShowDelay={200}
          defaultColDef={DEFAULT_COL_DEF}
          animateRows={false}
          suppressColumnVirtualisation
        />
      </div>
      {confirm && (
        <ConfirmDialog
          title={`Delete ${selection.length} RAID item${selection.length === 1 ? '' : 's'}?`}
          message="Ctrl+Z brings them back."
          confirmLabel="Delete"
          onClose={() => setConfirm(false)}
          onConfirm={() => void deleteRaid(selection.map((r) => r.id)).then(() => setConfirm(false))}
        />
      )}
    </section>
  );
}
