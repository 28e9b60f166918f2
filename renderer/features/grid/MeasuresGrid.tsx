import './grid.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import {
  AllCommunityModule,
  ModuleRegistry,
  themeQuartz,
  type CellEditRequestEvent,
  type CellKeyDownEvent,
  type ColumnState,
  type FullWidthCellKeyDownEvent,
  type GridApi,
  type IRowNode,
  type IsFullWidthRowParams,
  type PostSortRowsParams,
  type RowDragEndEvent,
  type RowDragMoveEvent,
} from 'ag-grid-community';
import type { Measure, MeasurePatch, ViewState } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { DetailPanel } from '../detail/DetailPanel';
import { ViewsMenu } from '../views/ViewsMenu';
import { BulkEditDialog } from './BulkEditDialog';
import { ColumnChooser } from './ColumnChooser';
import { measureColumns } from './columns';
import { CustomFieldsDialog } from './CustomFieldsDialog';
import { ExportDialog, type GridView } from './ExportDialog';
import { FilterChips } from './FilterChips';
import { arrange, isNodeRow, matchedNodes, measureDepth, nodeRows, treeShape, underCollapsed, type GridRow, type TreeShape } from './hierarchy';
import { HierarchyRow, type HierarchyContext } from './HierarchyRow';
import { MeasureDialogs, ReportDialog } from './MeasureDialogs';
import { chipsActive, chipsPass, type Chips } from './quick-filters';
import { useClipboard } from './useClipboard';

ModuleRegistry.registerModules([AllCommunityModule]);

const theme = themeQuartz.withParams({ fontSize: 13, headerFontSize: 13, rowHeight: 32, headerHeight: 34, spacing: 6 });
const today = () => new Date().toISOString().slice(0, 10);

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
const isFullWidthRow = (p: IsFullWidthRowParams<GridRow>) => isNodeRow(p.rowNode.data);

const HIERARCHY_KEY = 'steerco.grid.hierarchy';
const collapsedKey = (workspaceId: string | undefined) => `steerco.grid.collapsed.${workspaceId ?? ''}`;
function storedCollapsed(workspaceId: string | undefined): Set<string> {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(collapsedKey(workspaceId)) ?? '[]');
    return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}
const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((x) => b.has(x));

/** Reuses the previous node-row object when nothing it shows changed (the grid compares rows by reference). */
function keepNodeRows(prev: Map<string, { key: string; row: GridRow }>, next: GridRow[]): GridRow[] {
  const out = next.map((r) => {
    const key = JSON.stringify([r.title, r.tree]);
    const old = prev.get(r.id);
    return old && old.key === key ? old.row : (prev.set(r.id, { key, row: r }), r);
  });
  if (prev.size > out.length * 2) {
    const keep = new Set(out.map((r) => r.id));
    for (const id of prev.keys()) if (!keep.has(id)) prev.delete(id);
  }
  return out;
}

/** The measures of the selected node; edits, pastes and bulk edits go to the workspace. */
export function MeasuresGrid() {
  const measures = useApp((s) => s.measures);
  const nodes = useApp((s) => s.nodes);
  const people = useApp((s) => s.people);
  const customFields = useApp((s) => s.customFields);
  const cellErrors = useApp((s) => s.cellErrors);
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
  const gateReadiness = useApp((s) => s.gateReadiness);
  const readinessRef = useRef(gateReadiness);
  const idFilter = useApp((s) => s.idFilter);
  const setIdFilter = useApp((s) => s.setIdFilter);
  const shownMeasures = useMemo(() => (idFilter ? measures.filter((m) => idFilter.ids.includes(m.id)) : measures), [measures, idFilter]);
  const gridRef = useRef<AgGridReact<GridRow>>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [selection, setSelection] = useState<Measure[]>([]);
  const [search, setSearch] = useState('');
  const [chips, setChips] = useState<Chips>({});
  const chipsRef = useRef(chips);
  const searchTextRef = useRef(search);
  const idFilterRef = useRef(idFilter);
  const [shown, setShown] = useState(0);
  const [dialog, setDialog] = useState<'delete' | 'move' | 'bulk' | 'fields' | 'export' | null>(null);
  const selectedNode = nodes.find((n) => n.id === selectedNodeId);
  const { report, setReport } = useClipboard(hostRef, gridRef);

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

  // The hierarchy in the grid: node rows, collapse state and, while a filter is on, the nodes with matches.
  const [hierarchy, setHierarchy] = useState(() => localStorage.getItem(HIERARCHY_KEY) === '1');
  const hierarchyRef = useRef(hierarchy);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const shape = useMemo(() => treeShape(nodes, selectedNodeId), [nodesKey, selectedNodeId]);
  const shapeRef = useRef<TreeShape>(shape);
  shapeRef.current = shape;
  const [collapsed, setCollapsedState] = useState<Set<string>>(() => storedCollapsed(workspaceId));
  const collapsedRef = useRef(collapsed);
  const matchedRef = useRef<Set<string> | null>(null);
  const matchCountRef = useRef(new Map<string, number>());
  const nodeRowCache = useRef(new Map<string, { key: string; row: GridRow }>());
  const treeRows = useMemo(() => (hierarchy ? keepNodeRows(nodeRowCache.current, nodeRows(shape, shownMeasures)) : []), [hierarchy, shape, shownMeasures]);
  const rowData = useMemo<GridRow[]>(() => (hierarchy ? [...treeRows, ...shownMeasures] : shownMeasures), [hierarchy, treeRows, shownMeasures]);

  useEffect(() => {
    const c = storedCollapsed(workspaceId);
    collapsedRef.current = c;
    setCollapsedState(c);
  }, [workspaceId]);

  const filtering = useCallback(
    () => chipsActive(chipsRef.current) || searchTextRef.current.trim() !== '' || !!idFilterRef.current || !!gridRef.current?.api?.isColumnFilterPresent(),
    [],
  );
  const isExternalFilterPresent = useCallback(() => hierarchyRef.current || chipsActive(chipsRef.current), []);
  const doesExternalFilterPass = useCallback(
    (n: IRowNode<GridRow>) => {
      const d = n.data;
      if (!d || isNodeRow(d)) return false; // node rows are let through by alwaysPassFilter only
      if (chipsActive(chipsRef.current) && !chipsPass(d, chipsRef.current, today())) return false;
      return !(hierarchyRef.current && !filtering() && underCollapsed(shapeRef.current, d.nodeId, collapsedRef.current, true));
    },
    [filtering],
  );
  /** Node rows show when nothing above them is collapsed, or, while filtering, when a match is below them. */
  const alwaysPassFilter = useCallback(
    (n: IRowNode<GridRow>) => {
      const t = n.data?.tree;
      if (!t || !hierarchyRef.current) return false;
      if (filtering()) return matchedRef.current ? matchedRef.current.has(t.nodeId) : true;
      return !underCollapsed(shapeRef.current, t.nodeId, collapsedRef.current, false);
    },
    [filtering],
  );
  /** A sort orders measures within their package, and sibling nodes by name when sorting by title. */
  const postSortRows = useCallback((p: PostSortRowsParams<GridRow>) => {
    if (!hierarchyRef.current) return;
    const first = p.api
      .getColumnState()
      .filter((c) => c.sort)
      .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))[0];
    const sorted = arrange(p.nodes, shapeRef.current, { byName: first?.colId === 'title' ? (first.sort ?? null) : null });
    for (let i = 0; i < sorted.length; i++) p.nodes[i] = sorted[i]!;
  }, []);

  const redrawNodeRows = useCallback((only?: string[]) => {
    const api = gridRef.current?.api;
    if (!api) return;
    const rowNodes: IRowNode<GridRow>[] = [];
    if (only) for (const id of only) {
      const r = api.getRowNode(`node:${id}`);
      if (r) rowNodes.push(r);
    }
    else api.forEachNode((r) => isNodeRow(r.data) && rowNodes.push(r));
    if (rowNodes.length) api.redrawRows({ rowNodes });
  }, []);

  /** After each filter/sort/data pass: the count of shown measures and, while filtering, the nodes with matches. */
  const onModelUpdated = useCallback(() => {
    const api = gridRef.current?.api;
    if (!api) return;
    let count = 0;
    const on = hierarchyRef.current && filtering();
    const counts = new Map<string, number>();
    api.forEachNodeAfterFilter((r) => {
      const d = r.data;
      if (!d || isNodeRow(d)) return;
      count++;
      if (on) counts.set(d.nodeId, (counts.get(d.nodeId) ?? 0) + 1);
    });
    setShown(count);
    if (!hierarchyRef.current) return;
    if (!on) {
      if (matchedRef.current) {
        matchedRef.current = null;
        redrawNodeRows();
      }
      return;
    }
    const matched = matchedNodes(shapeRef.current, counts.keys());
    const perNode = new Map<string, number>();
    for (const [id, c] of counts) for (const a of shapeRef.current.path.get(id) ?? []) perNode.set(a, (perNode.get(a) ?? 0) + c);
    const countsChanged = perNode.size !== matchCountRef.current.size || [...perNode].some(([k, v]) => matchCountRef.current.get(k) !== v);
    matchCountRef.current = perNode;
    if (!matchedRef.current || !sameSet(matchedRef.current, matched)) {
      matchedRef.current = matched;
      // A second filter pass shows the nodes above the matches (the measures' results do not change).
      setTimeout(() => {
        gridRef.current?.api?.onFilterChanged();
        redrawNodeRows();
      });
    } else if (countsChanged) redrawNodeRows();
  }, [filtering, redrawNodeRows]);

  const setCollapsed = useCallback(
    (next: Set<string>) => {
      collapsedRef.current = next;
      setCollapsedState(next);
      localStorage.setItem(collapsedKey(workspaceId), JSON.stringify([...next]));
      gridRef.current?.api?.onFilterChanged();
      redrawNodeRows();
    },
    [workspaceId, redrawNodeRows],
  );
  const toggleNode = useCallback(
    (id: string, open?: boolean) => {
      const next = new Set(collapsedRef.current);
      const isOpen = !next.has(id);
      if ((open ?? !isOpen) === isOpen) return;
      if (isOpen) next.add(id);
      else next.delete(id);
      setCollapsed(next);
    },
    [setCollapsed],
  );

  /** Widens the code column so the deepest indented code still shows in full. */
  const fitCodeColumn = useCallback(() => {
    const api = gridRef.current?.api;
    const col = api?.getColumn('code');
    if (!api || !col) return;
    let depth = 0;
    for (const p of shapeRef.current.path.values()) depth = Math.max(depth, p.length);
    const needed = 104 + depth * 14;
    if (col.getActualWidth() < needed) api.setColumnWidths([{ key: 'code', newWidth: needed }]);
  }, []);

  useEffect(() => {
    hierarchyRef.current = hierarchy;
    localStorage.setItem(HIERARCHY_KEY, hierarchy ? '1' : '0');
    matchedRef.current = null;
    const api = gridRef.current?.api;
    if (!api) return;
    api.onFilterChanged();
    api.refreshCells({ columns: ['code'], force: true });
    if (hierarchy) fitCodeColumn();
  }, [hierarchy, fitCodeColumn]);

  // A new tree shape (another node selected, nodes added or moved): indentation and order follow.
  useEffect(() => {
    const api = gridRef.current?.api;
    if (!api || !hierarchyRef.current) return;
    matchedRef.current = null;
    api.onFilterChanged();
    api.refreshCells({ columns: ['code'], force: true });
    fitCodeColumn();
  }, [shape, fitCodeColumn]);

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
  }, [gateReadiness]);
  const readiness = useCallback((id: string) => readinessRef.current[id], []);
  const openRaid = useCallback((id: string) => openMeasureRaid(id, 'deps'), [openMeasureRaid]);
  const indent = useCallback((m: Measure) => (hierarchyRef.current ? measureDepth(shapeRef.current, m.nodeId) : null), []);
  const columnDefs = useMemo(
    () =>
      measureColumns({
        peopleNames,
        cellErrors: () => errorsRef.current,
        packagePath,
        customFields: stableFields,
        onOpen: openDetail,
        onOpenEffects: (id) => void openEffects(id),
        conflictCells: () => conflictsRef.current,
        indent,
        readiness,
        onOpenGate: openGate,
        onOpenRaid: openRaid,
      }),
    [peopleNames, packagePath, stableFields, openDetail, openEffects, indent, readiness, openGate, openRaid],
  );

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

  const addMeasureTo = useCallback(
    (nodeId: string) => {
      // Open the package (and what is above it) so the new row is visible.
      const path = shapeRef.current.path.get(nodeId) ?? [];
      if (path.some((id) => collapsedRef.current.has(id))) setCollapsed(new Set([...collapsedRef.current].filter((id) => !path.includes(id))));
      void createMeasure(nodeId).then((m) => {
        if (m) editTitleOf(m.id);
      });
    },
    [createMeasure, editTitleOf, setCollapsed],
  );

  const context = useMemo<HierarchyContext>(
    () => ({
      isCollapsed: (id) => collapsedRef.current.has(id),
      filtering,
      matches: (id) => matchCountRef.current.get(id) ?? 0,
      toggle: (id) => toggleNode(id),
      addMeasure: addMeasureTo,
    }),
    [filtering, toggleNode, addMeasureTo],
  );

  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<GridRow>) => {
      const field = e.colDef.field ?? '';
      const value = e.newValue === undefined || e.newValue === null ? '' : String(e.newValue);
      if (!e.data || isNodeRow(e.data) || String(e.oldValue ?? '') === value) return;
      if (field.startsWith('custom.')) void updateCustom(e.data.id, field.slice('custom.'.length), value);
      else void updateMeasure(e.data.id, { [field as keyof MeasurePatch]: value });
    },
    [updateMeasure, updateCustom],
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
      if (k !== 'Enter' || !('column' in e) || !e.data) return;
      // Enter on a cell with a button does what a click does.
      const col = e.column.getColId();
      if (col === 'code') openDetail(e.data.id);
      else if (col === 'nextGate') openGate(e.data.id);
      else if (col === 'raid') openRaid(e.data.id);
      else if (col === 'effects') void openEffects(e.data.id);
    },
    [toggleNode, openDetail, openGate, openRaid, openEffects],
  );

  /** While dragging, the package row the measures would land in is highlighted. */
  const dropTargetRef = useRef<string | null>(null);
  const setDropTarget = useCallback(
    (id: string | null) => {
      const before = dropTargetRef.current;
      if (before === id) return;
      dropTargetRef.current = id;
      redrawNodeRows([before, id].filter((x): x is string => !!x));
    },
    [redrawNodeRows],
  );
  const onRowDragMove = useCallback(
    (e: RowDragMoveEvent<GridRow>) => {
      const over = e.overNode?.data;
      const target = over ? (over.tree ? over.tree.nodeId : over.nodeId) : null;
      setDropTarget(target && nodes.find((n) => n.id === target)?.level === 'package' ? target : null);
    },
    [nodes, setDropTarget],
  );
  const rowClassRules = useMemo(() => ({ 'drop-target': (p: { data?: GridRow }) => !!p.data?.tree && p.data.tree.nodeId === dropTargetRef.current }), []);

  /** Dropping measures on a package row (or on a measure in it) moves them there: one undo step. */
  const onRowDragEnd = useCallback(
    (e: RowDragEndEvent<GridRow>) => {
      setDropTarget(null);
      const over = e.overNode?.data;
      if (!over) return;
      const target = over.tree ? over.tree.nodeId : over.nodeId;
      const pkg = nodes.find((n) => n.id === target);
      if (!pkg || pkg.level !== 'package') {
        notify('error', `Drop measures on a measure package (${pkg?.name ?? 'this row'} is not one).`);
        return;
      }
      const ids = (e.nodes.length ? e.nodes : [e.node]).map((n) => n.data).filter((d): d is GridRow => !!d && !isNodeRow(d) && d.nodeId !== pkg.id).map((d) => d.id);
      if (!ids.length) return;
      void moveMeasures(ids, pkg.id).then((ok) => ok && notify('info', `Moved ${ids.length} measure${ids.length === 1 ? '' : 's'} to ${pkg.name} — one undo step (Ctrl+Z)`));
    },
    [nodes, moveMeasures, notify, setDropTarget],
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
  const allCollapsible = () => [...shape.path.keys()].filter((id) => treeRows.find((r) => r.tree?.nodeId === id)?.tree?.hasContent);
  const ids = selection.map((m) => m.id);
  const filtered = shown !== shownMeasures.length;
  return (
    <section className="grid-pane" aria-label="Measures">
      <div className="grid-toolbar">
        <button
          className="primary"
          disabled={selectedNode?.level !== 'package'}
          title={selectedNode?.level === 'package' ? `Add a measure to ${selectedNode.name}` : 'Select a measure package in the hierarchy to add a measure'}
          onClick={() =>
            void createMeasure(selectedNode!.id).then((m) => {
              if (m) editTitleOf(m.id);
            })
          }
        >
          + Add measure
        </button>
        <button disabled={ids.length === 0} onClick={() => setDialog('bulk')}>
          Set field…{ids.length ? ` (${ids.length})` : ''}
        </button>
        <button disabled={ids.length === 0} onClick={() => setDialog('move')}>
          Move to package…
        </button>
        <button disabled={ids.length === 0} onClick={() => setDialog('delete')}>
          Delete{ids.length ? ` (${ids.length})` : ''}
        </button>
        <input ref={searchRef} className="search" type="search" aria-label="Search measures" placeholder="Search… (Ctrl+F)" value={search} onChange={(e) => setSearch(e.target.value)} />
        <button
          aria-pressed={hierarchy}
          className={hierarchy ? 'toggle on' : 'toggle'}
          title="Show the hierarchy in the grid: packages and the nodes above them as rows, with roll-up counts"
          onClick={() => setHierarchy(!hierarchy)}
        >
          Hierarchy
        </button>
        {hierarchy && (
          <>
            <button title="Expand every node" disabled={collapsed.size === 0} onClick={() => setCollapsed(new Set())}>
              Expand all
            </button>
            <button title="Collapse every node" onClick={() => setCollapsed(new Set(allCollapsible()))}>
              Collapse all
            </button>
          </>
        )}
        <ColumnChooser api={api as () => GridApi<Measure> | undefined} />
        <button onClick={() => setDialog('fields')}>Fields…</button>
        <button onClick={() => setDialog('export')} title="Export to an Excel workbook or CSV">
          Export…
        </button>
        <ViewsMenu getState={getState} applyState={applyState} />
        {idFilter && (
          <span className="filter-chip" data-testid="id-filter">
            {idFilter.label}
            <button aria-label="Clear filter" onClick={() => setIdFilter(null)}>
              ✕
            </button>
          </span>
        )}
        <span className="muted" data-testid="row-count">
          {filtered ? `${shown} of ` : ''}
          {shownMeasures.length} measure{shownMeasures.length === 1 ? '' : 's'}
          {selectedNode ? ` in ${selectedNode.name}` : ''}
        </span>
      </div>
      <FilterChips measures={measures} chips={chips} onChange={setChips} />
      <div className="grid-body">
        <div className="grid-host" ref={hostRef}>
          <AgGridReact<GridRow>
            ref={gridRef}
            theme={theme}
            rowData={rowData}
            columnDefs={columnDefs}
            getRowId={getRowId}
            context={context}
            isFullWidthRow={isFullWidthRow}
            fullWidthCellRenderer={HierarchyRow}
            readOnlyEdit
            onCellEditRequest={onCellEditRequest}
            quickFilterText={search}
            isExternalFilterPresent={isExternalFilterPresent}
            doesExternalFilterPass={doesExternalFilterPass}
            alwaysPassFilter={alwaysPassFilter}
            postSortRows={postSortRows}
            onModelUpdated={onModelUpdated}
            rowSelection={ROW_SELECTION}
            onSelectionChanged={(e) => setSelection((e.api as GridApi<GridRow>).getSelectedRows())}
            onCellKeyDown={onCellKeyDown}
            onCellDoubleClicked={(e) => e.column.getColId() === 'code' && e.data && openDetail(e.data.id)}
            rowDragMultiRow
            onRowDragMove={onRowDragMove}
            onRowDragEnd={onRowDragEnd}
            onRowDragCancel={() => setDropTarget(null)}
            rowClassRules={rowClassRules}
            stopEditingWhenCellsLoseFocus
            enterNavigatesVerticallyAfterEdit
            tooltipShowDelay={200}
            enableBrowserTooltips
            defaultColDef={DEFAULT_COL_DEF}
            animateRows={false}
            suppressColumnVirtualisation={false}
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
