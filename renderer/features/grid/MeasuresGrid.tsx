import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import { AllCommunityModule, ModuleRegistry, themeQuartz, type CellEditRequestEvent, type GridApi } from 'ag-grid-community';
import type { Measure, MeasurePatch } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { ConfirmDialog, Modal } from '../../components/Modal';
import { measureColumns } from './columns';

ModuleRegistry.registerModules([AllCommunityModule]);

const theme = themeQuartz.withParams({ fontSize: 13, headerFontSize: 13, rowHeight: 32, headerHeight: 34, spacing: 6 });

/** The measures of the selected node; edits go to the workspace cell by cell. */
export function MeasuresGrid() {
  const measures = useApp((s) => s.measures);
  const nodes = useApp((s) => s.nodes);
  const people = useApp((s) => s.people);
  const cellErrors = useApp((s) => s.cellErrors);
  const selectedNodeId = useApp((s) => s.selectedNodeId);
  const updateMeasure = useApp((s) => s.updateMeasure);
  const createMeasure = useApp((s) => s.createMeasure);
  const deleteMeasures = useApp((s) => s.deleteMeasures);
  const moveMeasures = useApp((s) => s.moveMeasures);
  const openEffects = useApp((s) => s.openEffects);
  const idFilter = useApp((s) => s.idFilter);
  const setIdFilter = useApp((s) => s.setIdFilter);
  const rowData = useMemo(() => (idFilter ? measures.filter((m) => idFilter.ids.includes(m.id)) : measures), [measures, idFilter]);
  const gridRef = useRef<AgGridReact<Measure>>(null);
  const [selection, setSelection] = useState<Measure[]>([]);
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<'delete' | 'move' | null>(null);
  const [target, setTarget] = useState('');
  const pendingFocus = useRef<string | null>(null);
  const selectedNode = nodes.find((n) => n.id === selectedNodeId);

  const packagePath = useMemo(() => {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    return (id: string) => {
      const parts: string[] = [];
      for (let n = byId.get(id); n && n.level !== 'program'; n = n.parentId ? byId.get(n.parentId) : undefined) parts.unshift(n.name);
      return parts.join(' › ');
    };
  }, [nodes]);
  const peopleNames = useMemo(() => people.map((p) => p.name), [people]);
  const columnDefs = useMemo(() => measureColumns({ peopleNames, cellErrors, packagePath, onOpenEffects: (id) => void openEffects(id) }), [peopleNames, cellErrors, packagePath, openEffects]);

  useEffect(() => {
    gridRef.current?.api?.refreshCells({ force: true });
  }, [cellErrors]);

  useEffect(() => {
    const id = pendingFocus.current;
    const api = gridRef.current?.api;
    if (!id || !api) return;
    const row = api.getRowNode(id);
    if (row?.rowIndex === null || row?.rowIndex === undefined) return;
    pendingFocus.current = null;
    api.ensureIndexVisible(row.rowIndex);
    api.setFocusedCell(row.rowIndex, 'title');
    api.startEditingCell({ rowIndex: row.rowIndex, colKey: 'title' });
  }, [measures]);

  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<Measure>) => {
      const field = e.colDef.field as keyof MeasurePatch;
      const value = e.newValue === undefined || e.newValue === null ? '' : String(e.newValue);
      if (!e.data || String(e.oldValue ?? '') === value) return;
      void updateMeasure(e.data.id, { [field]: value });
    },
    [updateMeasure],
  );

  const ids = selection.map((m) => m.id);
  return (
    <section className="grid-pane" aria-label="Measures">
      <div className="grid-toolbar">
        <button
          className="primary"
          disabled={selectedNode?.level !== 'package'}
          title={selectedNode?.level === 'package' ? `Add a measure to ${selectedNode.name}` : 'Select a measure package in the hierarchy to add a measure'}
          onClick={() =>
            void createMeasure(selectedNode!.id).then((m) => {
              if (m) pendingFocus.current = m.id;
            })
          }
        >
          + Add measure
        </button>
        <button disabled={ids.length === 0} onClick={() => setDialog('move')}>
          Move to package…
        </button>
        <button disabled={ids.length === 0} onClick={() => setDialog('delete')}>
          Delete{ids.length ? ` (${ids.length})` : ''}
        </button>
        <input className="search" type="search" aria-label="Search measures" placeholder="Search…" value={search} onChange={(e) => setSearch(e.target.value)} />
        {idFilter && (
          <span className="filter-chip" data-testid="id-filter">
            {idFilter.label}
            <button aria-label="Clear filter" onClick={() => setIdFilter(null)}>
              ✕
            </button>
          </span>
        )}
        <span className="muted" data-testid="row-count">
          {rowData.length} measure{rowData.length === 1 ? '' : 's'}
          {selectedNode ? ` in ${selectedNode.name}` : ''}
        </span>
      </div>
      <div className="grid-host">
        <AgGridReact<Measure>
          ref={gridRef}
          theme={theme}
          rowData={rowData}
          columnDefs={columnDefs}
          getRowId={(p) => p.data.id}
          readOnlyEdit
          onCellEditRequest={onCellEditRequest}
          quickFilterText={search}
          rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false }}
          onSelectionChanged={(e) => setSelection((e.api as GridApi<Measure>).getSelectedRows())}
          stopEditingWhenCellsLoseFocus
          enterNavigatesVerticallyAfterEdit
          tooltipShowDelay={200}
          defaultColDef={{ resizable: true, sortable: true, filter: true }}
          animateRows={false}
          suppressColumnVirtualisation
        />
      </div>
      {dialog === 'delete' && (
        <ConfirmDialog
          title={`Delete ${ids.length} measure${ids.length === 1 ? '' : 's'}?`}
          message="Deleted measures disappear from every view; Ctrl+Z brings them back."
          confirmLabel="Delete"
          onClose={() => setDialog(null)}
          onConfirm={() => void deleteMeasures(ids).then(() => setDialog(null))}
        />
      )}
      {dialog === 'move' && (
        <Modal
          title={`Move ${ids.length} measure${ids.length === 1 ? '' : 's'}`}
          onClose={() => setDialog(null)}
          actions={
            <>
              <button onClick={() => setDialog(null)}>Cancel</button>
              <button className="primary" disabled={!target} onClick={() => void moveMeasures(ids, target).then((ok) => ok && setDialog(null))}>
                Move
              </button>
            </>
          }
        >
          <label>
            Measure package
            <select value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">Choose…</option>
              {nodes
                .filter((n) => n.level === 'package')
                .map((n) => (
                  <option key={n.id} value={n.id}>
                    {packagePath(n.id)}
                  </option>
                ))}
            </select>
          </label>
        </Modal>
      )}
    </section>
  );
}
