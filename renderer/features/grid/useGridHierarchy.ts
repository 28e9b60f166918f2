import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { GridHandle } from '../../components/VanillaGrid';
import type { IRowNode, IsFullWidthRowParams, PostSortRowsParams, RowDragEndEvent, RowDragMoveEvent } from 'ag-grid-community';
import type { HierarchyNode, Measure } from '../../../preload/contract';
import { arrange, isNodeRow, matchedNodes, measureDepth, nodeRows, treeShape, underCollapsed, type GridRow, type TreeShape } from './hierarchy';
import { HierarchyRow, type HierarchyContext } from './HierarchyRow';
import { chipsActive, chipsPass, type Chips } from './quick-filters';
import { today } from '../../app/clock';

/*
 * The grid side of the hierarchy (see hierarchy.ts for the pure rules): node rows, their
 * collapse state, the filter that shows nodes above matches, the sort that keeps the tree,
 * and dragging measures onto a package. Everything the grid calls back is stable (refs),
 * so toggling or filtering never rebuilds the grid's options (which would end an edit).
 */

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

export interface HierarchyInput {
  gridRef: { current: GridHandle<GridRow> | null };
  nodes: HierarchyNode[];
  /** Changes only when the tree's shape or names change. */
  nodesKey: string;
  selectedNodeId: string | null;
  workspaceId: string | undefined;
  /** The measures the grid holds (after the dashboard's id filter). */
  shownMeasures: Measure[];
  chipsRef: { current: Chips };
  searchTextRef: { current: string };
  idFilterRef: { current: unknown };
  setShown(n: number): void;
  createMeasure(nodeId: string): Promise<Measure | null>;
  editTitleOf(id: string): void;
  moveMeasures(ids: string[], nodeId: string): Promise<boolean>;
  notify(kind: 'info' | 'error', message: string): void;
}

export function useGridHierarchy(input: HierarchyInput) {
  const { gridRef, nodes, nodesKey, selectedNodeId, workspaceId, shownMeasures, chipsRef, searchTextRef, idFilterRef, setShown, createMeasure, editTitleOf, moveMeasures, notify } = input;
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
    [chipsRef, searchTextRef, idFilterRef, gridRef],
  );
  const isExternalFilterPresent = useCallback(() => hierarchyRef.current || chipsActive(chipsRef.current), [chipsRef]);
  const doesExternalFilterPass = useCallback(
    (n: IRowNode<GridRow>) => {
      const d = n.data;
      if (!d || isNodeRow(d)) return false; // node rows are let through by alwaysPassFilter only
      if (chipsActive(chipsRef.current) && !chipsPass(d, chipsRef.current, today())) return false;
      return !(hierarchyRef.current && !filtering() && underCollapsed(shapeRef.current, d.nodeId, collapsedRef.current, true));
    },
    [filtering, chipsRef],
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

  /**
   * Draws the node rows again: in place (the row renderer's refresh), so the row that has the keyboard
   * focus keeps it and the next ← or → reaches it. `classes` recreates the rows instead, for the
   * drop-target row class, which only a redraw re-evaluates (during a drag, where focus does not matter).
   */
  const redrawNodeRows = useCallback((only?: string[], classes = false) => {
    const api = gridRef.current?.api;
    if (!api) return;
    const rowNodes: IRowNode<GridRow>[] = [];
    if (only) for (const id of only) {
      const r = api.getRowNode(`node:${id}`);
      if (r) rowNodes.push(r);
    }
    else api.forEachNode((r) => isNodeRow(r.data) && rowNodes.push(r));
    if (!rowNodes.length) return;
    if (classes) api.redrawRows({ rowNodes });
    else api.refreshCells({ rowNodes, force: true });
  }, [gridRef]);

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
  }, [filtering, redrawNodeRows, gridRef, setShown]);

  const setCollapsed = useCallback(
    (next: Set<string>) => {
      collapsedRef.current = next;
      setCollapsedState(next);
      localStorage.setItem(collapsedKey(workspaceId), JSON.stringify([...next]));
      gridRef.current?.api?.onFilterChanged();
      redrawNodeRows();
    },
    [workspaceId, redrawNodeRows, gridRef],
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
  }, [gridRef]);

  useEffect(() => {
    hierarchyRef.current = hierarchy;
    localStorage.setItem(HIERARCHY_KEY, hierarchy ? '1' : '0');
    matchedRef.current = null;
    const api = gridRef.current?.api;
    if (!api) return;
    api.onFilterChanged();
    api.refreshCells({ columns: ['code'], force: true });
    if (hierarchy) fitCodeColumn();
  }, [hierarchy, fitCodeColumn, gridRef]);

  // A new tree shape (another node selected, nodes added or moved): indentation and order follow.
  useEffect(() => {
    const api = gridRef.current?.api;
    if (!api || !hierarchyRef.current) return;
    matchedRef.current = null;
    api.onFilterChanged();
    api.refreshCells({ columns: ['code'], force: true });
    fitCodeColumn();
  }, [shape, fitCodeColumn, gridRef]);

  const indent = useCallback((m: Measure) => (hierarchyRef.current ? measureDepth(shapeRef.current, m.nodeId) : null), []);

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

  /** While dragging, the package row the measures would land in is highlighted. */
  const dropTargetRef = useRef<string | null>(null);
  const setDropTarget = useCallback(
    (id: string | null) => {
      const before = dropTargetRef.current;
      if (before === id) return;
      dropTargetRef.current = id;
      redrawNodeRows([before, id].filter((x): x is string => !!x), true);
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
  const onRowDragCancel = useCallback(() => setDropTarget(null), [setDropTarget]);
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

  const allCollapsible = () => [...shape.path.keys()].filter((id) => treeRows.find((r) => r.tree?.nodeId === id)?.tree?.hasContent);

  return {
    hierarchy,
    setHierarchy,
    collapsed,
    setCollapsed,
    toggleNode,
    indent,
    rowData,
    allCollapsible,
    /** Grid options the hierarchy needs, each stable across renders. */
    gridProps: {
      context,
      isFullWidthRow,
      fullWidthCellRenderer: HierarchyRow,
      isExternalFilterPresent,
      doesExternalFilterPass,
      alwaysPassFilter,
      postSortRows,
      onModelUpdated,
      onRowDragMove,
      onRowDragEnd,
      onRowDragCancel,
      rowClassRules,
    },
  };
}
