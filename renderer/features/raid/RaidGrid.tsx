import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import { themeQuartz, type CellEditRequestEvent, type GridApi } from 'ag-grid-community';
import { RAID_KINDS, type RaidItem, type RaidKind, type RaidPatch } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { ConfirmDialog } from '../../components/Modal';
import { raidColumns } from './raid-columns';

const theme = themeQuartz.withParams({ fontSize: 13, headerFontSize: 13, rowHeight: 32, headerHeight: 34, spacing: 6 });

/** The RAID log: edited cell by cell like the measures grid, refusals shown in the cell. */
export function RaidGrid({ measureCodes }: { measureCodes: string[] }) {
  const items = useApp((s) => s.raidItems);
  const people = useApp((s) => s.people);
  const nodes = useApp((s) => s.nodes);
  const cellErrors = useApp((s) => s.raidCellErrors);
  const updateRaid = useApp((s) => s.updateRaid);
  const createRaid = useApp((s) => s.createRaid);
  const deleteRaid = useApp((s) => s.deleteRaid);
  const gridRef = useRef<AgGridReact<RaidItem>>(null);
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<RaidKind>('risk');
  const [only, setOnly] = useState<'all' | 'flagged'>('all');
  const [selection, setSelection] = useState<RaidItem[]>([]);
  const [confirm, setConfirm] = useState(false);
  const peopleNames = useMemo(() => people.map((p) => p.name), [people]);
  const nodeNames = useMemo(() => nodes.map((n) => n.name), [nodes]);
  const columnDefs = useMemo(() => raidColumns({ peopleNames, measureCodes, nodeNames, cellErrors }), [peopleNames, measureCodes, nodeNames, cellErrors]);
  const rows = useMemo(() => (only === 'flagged' ? items.filter((r) => r.overdue || r.stale || r.escalated) : items), [items, only]);

  useEffect(() => {
    gridRef.current?.api?.refreshCells({ force: true });
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
        <AgGridReact<RaidItem>
          ref={gridRef}
          theme={theme}
          rowData={rows}
          columnDefs={columnDefs}
          getRowId={(p) => p.data.id}
          readOnlyEdit
          onCellEditRequest={onCellEditRequest}
          quickFilterText={search}
          rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false }}
          onSelectionChanged={(e) => setSelection((e.api as GridApi<RaidItem>).getSelectedRows())}
          stopEditingWhenCellsLoseFocus
          enterNavigatesVerticallyAfterEdit
          tooltipShowDelay={200}
          defaultColDef={{ resizable: true, sortable: true, filter: true }}
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
