import './grid.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { VanillaGrid, type GridHandle } from '../../components/VanillaGrid';
import {
  AllCommunityModule,
  ModuleRegistry,
  themeQuartz,
  type CellEditRequestEvent,
  type CellKeyDownEvent,
  type ColumnState,
  type FullWidthCellKeyDownEvent,
  type GridApi,
  type IOverlayComp,
  type IOverlayParams,
  type IRowNode,
} from 'ag-grid-community';
import type { Measure, MeasurePatch, Rag, StatusKind, ViewState } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { DetailPanel } from '../detail/DetailPanel';
import { BulkEditDialog } from './BulkEditDialog';
import { measureColumns } from './columns';
import type { TypedEditorParams } from './TypedCellEditor';
import { typedText } from './typed-values';
import { CustomFieldsDialog } from './CustomFieldsDialog';
import { ExportDialog, type GridView } from './ExportDialog';
import { FilterChips } from './FilterChips';
import { isNodeRow, type GridRow } from './hierarchy';
import { MeasureDialogs, ReportDialog } from './MeasureDialogs';
import { GridToolbar, type GridDialog } from './GridToolbar';
import type { Chips } from './quick-filters';
import { useClipboard } from './useClipboard';
import { useGridHierarchy } from './useGridHierarchy';
import { statusCellKey } from '../status/status-keys';
import { useImportDrop } from '../import/useImportDrop';
import { exposeGrid } from '../../app/grid-handles';
import { useTemplateGrid } from '../workflow/useTemplateGrid';

ModuleRegistry.registerModules([AllCommunityModule]);

// Compact rows in the app's own font and scale (13 px): 28 rows and more at 1440 × 900.
// Presentation mode enlarges them through the grid's CSS variables (styles.css).
const theme = themeQuartz.withParams({ fontFamily: 'inherit', fontSize: 13, headerFontSize: 13, rowHeight: 26, headerHeight: 30, spacing: 5 });
/** The tick column stays at the left with the code, whatever is scrolled. */
const SELECTION_COLUMN = { pinned: 'left', width: 40 } as const;

// Grid options passed as props must keep their identity across renders: a new object makes
// the grid re-apply the option, which rebuilds columns and ends an edit in progress.
const ROW_SELECTION = {
  mode: 'multiRow',
  checkboxes: true,
  headerCheckbox: true,
  enableClickSelection: false,
  selectAll: 'filtered',
  isRowSelectable: (n: IRowNode<GridRow>) => !isNodeRow(n.data),
} as const;
const DEFAULT_COL_DEF = { resizable: true, sortable: true, filter: true };
const getRowId = (p: { data: GridRow }) => p.data.id;

/** What an empty grid says instead of the grid's own "No Rows To Show": what to do next. */
class NoMeasures implements IOverlayComp {
  private readonly el = document.createElement('div');
  init(p: IOverlayParams & { text: string }): void {
    this.el.className = 'grid-empty';
    this.el.setAttribute('role', 'status');
    this.el.textContent = p.text;
  }
  getGui(): HTMLElement {
    return this.el;
  }
  refresh(p: IOverlayParams & { text: string }): void {
    this.el.textContent = p.text;
  }
}

/** The measures of the selected node; edits, pastes and bulk edits go to the workspace. */
export function MeasuresGrid() {
  const measures = useApp((s) => s.measures);
  const nodes = useApp((s) => s.nodes);
  const people = useApp((s) => s.people);
  const customFields = useApp((s) => s.customFields);
  const cellErrors = useApp((s) => s.cellErrors);
  const cellDrafts = useApp((s) => s.cellDrafts);
  const takeDraftText = useApp((s) => s.takeDraft);
  const conflictCells = useApp((s) => s.conflictCells);
  const selectedNodeId = useApp((s) => s.selectedNodeId);
  const workspaceId = useApp((s) => s.workspace?.workspaceId);
  const updateMeasure = useApp((s) => s.updateMeasure);
  const updateCustom = useApp((s) => s.updateCustom);
  const createMeasure = useApp((s) => s.createMeasure);
  const moveMeasures = useApp((s) => s.moveMeasures);
  const notify = useApp((s) => s.notify);
  const openDetail = useApp((s) => s.openDetail);
  const openEffects = useApp((s) => s.openEffects);
  const openGate = useApp((s) => s.openGate);
  const openMeasureRaid = useApp((s) => s.openMeasureRaid);
  const openStatusDialog = useApp((s) => s.openStatusDialog);
  const gateReadiness = useApp((s) => s.gateReadiness);
  const readinessRef = useRef(gateReadiness);
  const idFilter = useApp((s) => s.idFilter);
  const shownMeasures = useMemo(() => (idFilter ? measures.filter((m) => idFilter.ids.includes(m.id)) : measures), [measures, idFilter]);
  const gridRef = useRef<GridHandle<GridRow>>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [selection, setSelection] = useState<Measure[]>([]);
  const [search, setSearch] = useState('');
  const [chips, setChips] = useState<Chips>({});
  const chipsRef = useRef(chips);
  const searchTextRef = useRef(search);
  const idFilterRef = useRef(idFilter);
  const [shown, setShown] = useState(0);
  const [dialog, setDialog] = useState<GridDialog | null>(null);
  const selectedNode = nodes.find((n) => n.id === selectedNodeId);
  const { report, setReport } = useClipboard(hostRef, gridRef);
  const drop = useImportDrop();
  const { grid: templateGrid, save: saveTemplateField } = useTemplateGrid(gridRef);

  // Columns are rebuilt only when what they show changes: a rebuild ends an edit in progress,
  // and every save reloads nodes, people and fields as new (equal) arrays.
  const nodesKey = JSON.stringify(nodes.map((n) => [n.id, n.parentId, n.name, n.level, n.sortOrder]));
  const fieldsKey = JSON.stringify(customFields);
  const peopleKey = people.map((p) => p.name).join('\n');
  const packagePath = useMemo(() => {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    return (id: string) => {
      const parts: string[] = [];
      for (let n = byId.get(id); n && n.level !== 'program'; n = n.parentId ? byId.get(n.parentId) : undefined) parts.unshift(n.name);
      return parts.join(' › ');
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nodesKey]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const peopleNames = useMemo(() => people.map((p) => p.name), [peopleKey]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stableFields = useMemo(() => customFields, [fieldsKey]);
  const errorsRef = useRef(cellErrors);
  const conflictsRef = useRef(conflictCells);

  /** Starts editing the title of a new measure as soon as the grid has rendered its row. */
  const editTitleOf = useCallback((id: string, tries = 20) => {
    const api = gridRef.current?.api;
    const row = api?.getRowNode(id);
    if (!api || row?.rowIndex === null || row?.rowIndex === undefined) {
      if (tries > 0) requestAnimationFrame(() => editTitleOf(id, tries - 1));
      return;
    }
    api.ensureIndexVisible(row.rowIndex);
    api.setFocusedCell(row.rowIndex, 'title');
    api.startEditingCell({ rowIndex: row.rowIndex, colKey: 'title' });
  }, []);

  const { hierarchy, setHierarchy, collapsed, setCollapsed, toggleNode, indent, rowData, allCollapsible, gridProps } = useGridHierarchy({
    gridRef,
    nodes,
    nodesKey,
    selectedNodeId,
    workspaceId,
    shownMeasures,
    chipsRef,
    searchTextRef,
    idFilterRef,
    setShown,
    createMeasure,
    editTitleOf,
    moveMeasures,
    notify,
  });


  // Conflicts reload after every change (sync status); like refusals, they redraw only their rows.
  useEffect(() => {
    const before = conflictsRef.current;
    conflictsRef.current = conflictCells;
    const api = gridRef.current?.api;
    if (!api || before === conflictCells) return;
    const changed = [...before, ...conflictCells].filter((k) => before.has(k) !== conflictCells.has(k));
    const rowNodes = [...new Set(changed.map((k) => k.slice(0, k.indexOf(':'))))].map((id) => api.getRowNode(id)).filter((n) => !!n);
    if (rowNodes.length) api.refreshCells({ rowNodes, force: true });
  }, [conflictCells]);
  // Readiness reloads after edits: redraw the next-gate cells in view (not the columns).
  useEffect(() => {
    if (readinessRef.current === gateReadiness) return;
    readinessRef.current = gateReadiness;
    gridRef.current?.api?.refreshCells({ columns: ['nextGate'], force: true });
    // The search's per-row text (cached, cacheQuickFilter) includes the next-gate text.
    gridRef.current?.api?.resetQuickFilter();
  }, [gateReadiness]);
  // (Renamed nodes, new fields or people rebuild the columns, which resets that cache too.)
  const readiness = useCallback((id: string) => readinessRef.current[id], []);
  const openRaid = useCallback((id: string) => openMeasureRaid(id, 'deps'), [openMeasureRaid]);
  const takeDraft = useCallback(
    (key: string) => {
      const text = takeDraftText(key);
      return text === undefined ? undefined : { text, message: errorsRef.current[key] ?? '' };
    },
    [takeDraftText],
  );
  const setStatus = useCallback((id: string, kind: StatusKind, preset?: Rag) => openStatusDialog({ ids: [id], kind, preset }), [openStatusDialog]);
  const columnDefs = useMemo(
    () =>
      measureColumns({
        peopleNames,
        cellErrors: () => errorsRef.current,
        takeDraft,
        packagePath,
        customFields: stableFields,
        onOpen: openDetail,
        onOpenEffects: (id) => void openEffects(id),
        onSetStatus: setStatus,
        conflictCells: () => conflictsRef.current,
        indent,
        readiness,
        onOpenGate: openGate,
        onOpenRaid: openRaid,
        templateGrid,
      }),
    [peopleNames, packagePath, stableFields, openDetail, openEffects, setStatus, indent, readiness, openGate, openRaid, takeDraft, templateGrid],
  );

  // An edit the workspace refused (due before start, a required field) reopens its cell with
  // the typed text and the reason, unless another cell is being edited by then.
  const draftsRef = useRef(cellDrafts);
  useEffect(() => {
    const before = draftsRef.current;
    draftsRef.current = cellDrafts;
    const api = gridRef.current?.api;
    const key = Object.keys(cellDrafts).find((k) => before[k] !== cellDrafts[k]);
    if (!api || !key || api.getEditingCells().length > 0) return;
    const at = key.indexOf(':');
    const row = api.getRowNode(key.slice(0, at));
    const colKey = key.slice(at + 1);
    if (row?.rowIndex === null || row?.rowIndex === undefined || api.getColumnDef(colKey)?.cellEditorParams?.takeDraft === undefined) return;
    api.ensureIndexVisible(row.rowIndex);
    api.setFocusedCell(row.rowIndex, colKey);
    api.startEditingCell({ rowIndex: row.rowIndex, colKey });
  }, [cellDrafts]);

  useEffect(() => {
    // Redraw only the rows whose refusals changed: a grid-wide redraw would end an edit in progress elsewhere.
    const before = errorsRef.current;
    errorsRef.current = cellErrors;
    const api = gridRef.current?.api;
    if (!api || before === cellErrors) return;
    const keys = new Set([...Object.keys(before), ...Object.keys(cellErrors)].filter((k) => before[k] !== cellErrors[k]));
    const rowIds = new Set([...keys].map((k) => k.slice(0, k.indexOf(':'))));
    const rowNodes = [...rowIds].map((id) => api.getRowNode(id)).filter((n) => !!n);
    if (rowNodes.length) api.refreshCells({ rowNodes, force: true });
  }, [cellErrors]);

  useEffect(() => () => exposeGrid('measures', null), []);

  useEffect(() => {
    chipsRef.current = chips;
    searchTextRef.current = search;
    idFilterRef.current = idFilter;
    gridRef.current?.api?.onFilterChanged();
  }, [chips, search, idFilter]);

  // Ctrl+F finds: the search box filters the grid on every column.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);



  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<GridRow>) => {
      const field = e.colDef.field ?? '';
      const value = e.newValue === undefined || e.newValue === null ? '' : String(e.newValue);
      const kind = (e.colDef.cellEditorParams as Partial<TypedEditorParams> | undefined)?.kind;
      if (!e.data || isNodeRow(e.data) || String(e.oldValue ?? '') === value || (kind && typedText(kind, e.oldValue) === value)) return;
      // A typed cell reopens with the text and the reason beside it; a list cell gets a notice too.
      const shownAt = kind ? 'field' : undefined;
      if (field.startsWith('custom.')) void updateCustom(e.data.id, field.slice('custom.'.length), value, shownAt);
      else if (field.startsWith('tpl.')) void saveTemplateField(e.data.id, field.slice('tpl.'.length), value, shownAt);
      else void updateMeasure(e.data.id, { [field as keyof MeasurePatch]: value }, shownAt);
    },
    [updateMeasure, updateCustom, saveTemplateField],
  );

  const onCellKeyDown = useCallback(
    (e: CellKeyDownEvent<GridRow> | FullWidthCellKeyDownEvent<GridRow>) => {
      const k = (e.event as KeyboardEvent | null)?.key;
      const t = e.data?.tree;
      if (t) {
        // On a node row: → / ← expand and collapse, Enter or Space toggles.
        if (k === 'ArrowRight') toggleNode(t.nodeId, true);
        else if (k === 'ArrowLeft') toggleNode(t.nodeId, false);
        else if (k === 'Enter' || k === ' ') {
          (e.event as KeyboardEvent).preventDefault();
          toggleNode(t.nodeId);
        }
        return;
      }
      if (!k || !('column' in e) || !e.data) return;
      const col = e.column.getColId();
      if (statusCellKey(col, e.data.id, e.event as KeyboardEvent, setStatus) || k !== 'Enter') return;
      // Enter on a cell with a button does what a click does.
      if (col === 'code') openDetail(e.data.id);
      else if (col === 'nextGate') openGate(e.data.id);
      else if (col === 'raid') openRaid(e.data.id);
      else if (col === 'effects') void openEffects(e.data.id);
    },
    [toggleNode, openDetail, openGate, openRaid, openEffects, setStatus],
  );


  const api = () => gridRef.current?.api as GridApi<GridRow> | undefined;
  const getState = (): ViewState => ({
    columns: api()?.getColumnState(),
    filters: api()?.getFilterModel() ?? {},
    chips: chips as Record<string, string>,
    search,
    hierarchy,
    collapsed: [...collapsed],
  });
  const applyState = (s: ViewState) => {
    const a = api();
    if (!a) return;
    if (s.columns) a.applyColumnState({ state: s.columns as ColumnState[], applyOrder: true });
    else a.resetColumnState();
    a.setFilterModel(s.filters ?? null);
    setChips((s.chips as Chips | undefined) ?? {});
    setSearch(s.search ?? '');
    if (typeof s.hierarchy === 'boolean') setHierarchy(s.hierarchy);
    if (Array.isArray(s.collapsed)) setCollapsed(new Set(s.collapsed.filter((x): x is string => typeof x === 'string')));
  };

  /** The rows shown (filtered, sorted; in the hierarchy, expanded) and the visible columns, in order. */
  const currentView = (): GridView => {
    const a = api();
    const ids: string[] = [];
    a?.forEachNodeAfterFilterAndSort((n) => {
      if (n.data && !isNodeRow(n.data)) ids.push(n.data.id);
    });
    const columns = (a?.getAllDisplayedColumns() ?? []).map((c) => c.getColId()).filter((c) => c !== 'ag-Grid-SelectionColumn');
    return { ids, columns };
  };
  const ids = selection.map((m) => m.id);
  const filtered = shown !== shownMeasures.length;
  const emptyText =
    shownMeasures.length > 0
      ? 'No measure matches the search or the filters. Clear them to see every measure.'
      : selectedNode?.level === 'package'
        ? `${selectedNode.name} has no measures yet. Add one with “+ Add measure”, or import a workbook (More ▾ › Import…).`
        : selectedNode
          ? `No measures under ${selectedNode.name} yet. Select one of its measure packages in the hierarchy to add measures.`
          : 'No measures yet. Select a measure package in the hierarchy and choose “+ Add measure”, or import a workbook (More ▾ › Import…).';
  const noRowsParams = useMemo(() => ({ text: emptyText }), [emptyText]);
  return (
    <section className={drop.dropping ? 'grid-pane drop-target' : 'grid-pane'} aria-label="Measures" {...drop.handlers}>
      <GridToolbar
        selectedNode={selectedNode}
        ids={ids}
        onAdd={() =>
          void createMeasure(selectedNode!.id).then((m) => {
            if (m) editTitleOf(m.id);
          })
        }
        setDialog={setDialog}
        searchRef={searchRef}
        search={search}
        setSearch={setSearch}
        hierarchy={hierarchy}
        setHierarchy={setHierarchy}
        collapsedCount={collapsed.size}
        expandAll={() => setCollapsed(new Set())}
        collapseAll={() => setCollapsed(new Set(allCollapsible()))}
        api={api}
        getState={getState}
        applyState={applyState}
        countText={`${filtered ? `${shown} of ` : ''}${shownMeasures.length} measure${shownMeasures.length === 1 ? '' : 's'}${selectedNode ? ` in ${selectedNode.name}` : ''}`}
      />
      <FilterChips measures={measures} chips={chips} onChange={setChips} />
      <div className="grid-body">
        <div className="grid-host" ref={hostRef}>
          <VanillaGrid<GridRow>
            ref={gridRef}
            theme={theme}
            rowData={rowData}
            columnDefs={columnDefs}
            getRowId={getRowId}
            {...gridProps}
            readOnlyEdit
            invalidEditValueMode="block"
            onCellEditRequest={onCellEditRequest}
            quickFilterText={search}
            cacheQuickFilter
            rowSelection={ROW_SELECTION}
            selectionColumnDef={SELECTION_COLUMN}
            onSelectionChanged={(e) => setSelection((e.api as GridApi<GridRow>).getSelectedRows())}
            onCellKeyDown={onCellKeyDown}
            onCellDoubleClicked={(e) => e.column.getColId() === 'code' && e.data && openDetail(e.data.id)}
            rowDragMultiRow
            stopEditingWhenCellsLoseFocus
            enterNavigatesVerticallyAfterEdit
            enableBrowserTooltips
            defaultColDef={DEFAULT_COL_DEF}
            animateRows={false}
            suppressColumnVirtualisation={false}
            noRowsOverlayComponent={NoMeasures}
            noRowsOverlayComponentParams={noRowsParams}
            onGridReady={(e) => exposeGrid('measures', e.api as GridApi)}
          />
        </div>
        <DetailPanel />
      </div>
      {(dialog === 'delete' || dialog === 'move') && <MeasureDialogs dialog={dialog} ids={ids} nodes={nodes} packagePath={packagePath} onClose={() => setDialog(null)} />}
      {dialog === 'bulk' && <BulkEditDialog ids={ids} customFields={customFields} onClose={() => setDialog(null)} />}
      {dialog === 'fields' && <CustomFieldsDialog onClose={() => setDialog(null)} />}
      {dialog === 'export' && (
        <ExportDialog view={currentView} total={measures.length} scopeName={selectedNode?.name ?? null} nodeId={selectedNodeId} onClose={() => setDialog(null)} />
      )}
      {report && <ReportDialog report={report} onClose={() => setReport(null)} />}
    </section>
  );
}
