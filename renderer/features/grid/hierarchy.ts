import { blankFieldValues, LEVEL_LABELS, type HierarchyNode, type Level, type Measure, type Rag } from '../../../preload/contract';

/*
 * The hierarchy inside the measures grid (ag-grid Community has no tree data): every node
 * below the selected one is a full-width row of its own, measures follow their package, a
 * sort reorders measures within their package (and sibling nodes by name when sorting by
 * title), collapsed nodes hide what is below them, and a filter shows every match with
 * the nodes above it. Pure functions here; MeasuresGrid wires them into the grid.
 */

export interface TreeInfo {
  nodeId: string;
  level: Level;
  levelLabel: string;
  /** 0 for the children of the node the grid shows. */
  depth: number;
  /** Measures below this node (roll-up). */
  total: number;
  /** Implementation status of those measures. */
  rag: Record<Rag, number>;
  /** Whether anything (a node or a measure) is below it, i.e. whether it can collapse. */
  hasContent: boolean;
}

/** A grid row: a measure, or a hierarchy node (then `tree` is set and the measure fields are blank). */
export type GridRow = Measure & { tree?: TreeInfo };

export const NODE_ROW_PREFIX = 'node:';
export const isNodeRow = (r: { tree?: TreeInfo } | undefined | null): boolean => !!r?.tree;

const BLANK: Omit<Measure, 'id' | 'nodeId' | 'title' | 'sortOrder'> = {
  ...blankFieldValues(),
  code: '',
  diLevel: 0,
  lifecycle: 'active',
  updatedAt: null,
};

/** The shape of the tree below `rootId` (null: the whole hierarchy). */
export interface TreeShape {
  rootId: string | null;
  /** Child node ids in the hierarchy's order, by parent (key '' for the top). */
  children: Map<string, string[]>;
  byId: Map<string, HierarchyNode>;
  /** For each node shown: itself and its ancestors up to (not including) the root, nearest first. */
  path: Map<string, string[]>;
}

const key = (id: string | null) => id ?? '';

export function treeShape(nodes: HierarchyNode[], rootId: string | null): TreeShape {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const all = new Map<string, HierarchyNode[]>();
  for (const n of nodes) {
    const k = key(n.parentId && byId.has(n.parentId) ? n.parentId : null);
    let list = all.get(k);
    if (!list) all.set(k, (list = []));
    list.push(n);
  }
  const children = new Map<string, string[]>();
  for (const [k, list] of all) children.set(k, list.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name)).map((n) => n.id));
  const path = new Map<string, string[]>();
  const walk = (parent: string | null, above: string[]) => {
    for (const id of children.get(key(parent)) ?? []) {
      const p = [id, ...above];
      path.set(id, p);
      walk(id, p);
    }
  };
  walk(rootId, []);
  return { rootId, children, byId, path };
}

/** Node rows for every node below the root, with roll-up counts over `measures`. */
export function nodeRows(shape: TreeShape, measures: Measure[]): GridRow[] {
  const counts = new Map<string, { total: number; rag: Record<Rag, number> }>();
  const countOf = (id: string) => {
    let c = counts.get(id);
    if (!c) counts.set(id, (c = { total: 0, rag: { green: 0, amber: 0, red: 0, grey: 0 } }));
    return c;
  };
  for (const m of measures) {
    for (const id of shape.path.get(m.nodeId) ?? []) {
      const c = countOf(id);
      c.total++;
      c.rag[m.implementationStatus] = (c.rag[m.implementationStatus] ?? 0) + 1;
    }
  }
  const rows: GridRow[] = [];
  for (const [id, p] of shape.path) {
    const n = shape.byId.get(id)!;
    const c = countOf(id);
    rows.push({
      ...BLANK,
      id: NODE_ROW_PREFIX + id,
      nodeId: id,
      title: n.name,
      sortOrder: n.sortOrder,
      tree: {
        nodeId: id,
        level: n.level,
        levelLabel: LEVEL_LABELS[n.level],
        depth: p.length - 1,
        total: c.total,
        rag: c.rag,
        hasContent: c.total > 0 || (shape.children.get(id)?.length ?? 0) > 0,
      },
    });
  }
  return rows;
}

/** Depth at which a measure's row is indented (its package's depth + 1; 0 directly under the root). */
export function measureDepth(shape: TreeShape, nodeId: string): number {
  return shape.path.get(nodeId)?.length ?? 0;
}

/** True when a node on the way from `nodeId` up to the root (itself included when `self`) is collapsed. */
export function underCollapsed(shape: TreeShape, nodeId: string, collapsed: ReadonlySet<string>, self: boolean): boolean {
  if (collapsed.size === 0) return false;
  const p = shape.path.get(nodeId);
  if (!p) return false;
  for (let i = self ? 0 : 1; i < p.length; i++) if (collapsed.has(p[i]!)) return true;
  return false;
}

/** Nodes to show while a filter is on: those with a matching measure below them. */
export function matchedNodes(shape: TreeShape, matchingNodeIds: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const id of matchingNodeIds) for (const a of shape.path.get(id) ?? []) out.add(a);
  return out;
}

export interface SiblingOrder {
  /** Sort sibling nodes by name in this direction; null keeps the hierarchy's own order. */
  byName: 'asc' | 'desc' | null;
}

/**
 * Puts rows (already filtered and sorted by the grid) into hierarchy order: each node row,
 * then what is below it — its child nodes, then its measures in the grid's sort order.
 * Rows the tree does not know keep their place at the end. Returns a new array.
 */
export function arrange<R extends { data?: GridRow }>(rows: readonly R[], shape: TreeShape, order: SiblingOrder = { byName: null }): R[] {
  const nodeRow = new Map<string, R>();
  const measuresOf = new Map<string, R[]>();
  const loose: R[] = [];
  for (const r of rows) {
    const d = r.data;
    if (!d) loose.push(r);
    else if (d.tree) nodeRow.set(d.tree.nodeId, r);
    else {
      const k = shape.path.has(d.nodeId) || d.nodeId === shape.rootId ? d.nodeId : null;
      if (k === null) loose.push(r);
      else {
        let list = measuresOf.get(k);
        if (!list) measuresOf.set(k, (list = []));
        list.push(r);
      }
    }
  }
  const out: R[] = [];
  const siblings = (parent: string | null) => {
    const ids = shape.children.get(key(parent)) ?? [];
    if (!order.byName) return ids;
    const dir = order.byName === 'asc' ? 1 : -1;
    return [...ids].sort((a, b) => dir * shape.byId.get(a)!.name.localeCompare(shape.byId.get(b)!.name));
  };
  const visit = (id: string) => {
    const r = nodeRow.get(id);
    if (r) out.push(r);
    for (const c of siblings(id)) visit(c);
    const ms = measuresOf.get(id);
    if (ms) for (const m of ms) out.push(m);
  };
  if (shape.rootId !== null) for (const m of measuresOf.get(shape.rootId) ?? []) out.push(m);
  for (const c of siblings(shape.rootId)) visit(c);
  for (const r of loose) out.push(r);
  return out;
}
