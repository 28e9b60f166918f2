import { LEVELS, type HierarchyNode, type Level } from '../../../preload/contract';

export interface TreeItem {
  node: HierarchyNode;
  depth: number;
  /** Measures in this node and everything under it. */
  total: number;
  hasChildren: boolean;
}

/** Flattens the hierarchy into visible rows (depth-first), skipping collapsed subtrees. */
export function flattenTree(nodes: HierarchyNode[], collapsed: Record<string, boolean>): TreeItem[] {
  const children = new Map<string | null, HierarchyNode[]>();
  for (const n of nodes) {
    const list = children.get(n.parentId) ?? [];
    list.push(n);
    children.set(n.parentId, list);
  }
  const totals = new Map<string, number>();
  const total = (n: HierarchyNode): number => {
    const cached = totals.get(n.id);
    if (cached !== undefined) return cached;
    const t = n.measureCount + (children.get(n.id) ?? []).reduce((a, c) => a + total(c), 0);
    totals.set(n.id, t);
    return t;
  };
  const out: TreeItem[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const n of children.get(parent) ?? []) {
      const kids = children.get(n.id) ?? [];
      out.push({ node: n, depth, total: total(n), hasChildren: kids.length > 0 });
      if (!collapsed[n.id]) walk(n.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function parentLevel(level: Level): Level | null {
  const i = LEVELS.indexOf(level);
  return i > 0 ? LEVELS[i - 1]! : null;
}

/** Nodes that may hold a node of `level` (the level above), as "path" labels sorted by path (a picker's order). */
export function validParents(nodes: HierarchyNode[], level: Level): { id: string; label: string }[] {
  const want = parentLevel(level);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const path = (n: HierarchyNode): string => {
    const p = n.parentId ? byId.get(n.parentId) : undefined;
    return p ? `${path(p)} › ${n.name}` : n.name;
  };
  return nodes
    .filter((n) => n.level === want)
    .map((n) => ({ id: n.id, label: path(n) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
