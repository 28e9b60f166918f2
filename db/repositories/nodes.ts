import type { Database } from 'better-sqlite3';
import type { HierarchyNode, Level } from '../../preload/contract/types.js';
import type { Writer } from '../changes.js';

const SELECT = `
  SELECT n.id, n.parent_id AS parentId, n.level, n.name, n.sort_order AS sortOrder,
         (SELECT count(*) FROM measures m WHERE m.node_id = n.id AND m.deleted = 0) AS measureCount
  FROM nodes n`;

export function listNodes(db: Database): HierarchyNode[] {
  return db.prepare(`${SELECT} WHERE n.deleted = 0 ORDER BY n.sort_order, n.name`).all() as HierarchyNode[];
}

export function getNode(db: Database, id: string): HierarchyNode | undefined {
  return db.prepare(`${SELECT} WHERE n.id = ? AND n.deleted = 0`).get(id) as HierarchyNode | undefined;
}

/** Ids of a node and every live node under it (recursive CTE). */
export function subtreeIds(db: Database, id: string): string[] {
  return (
    db
      .prepare(
        `WITH RECURSIVE t(id) AS (SELECT id FROM nodes WHERE id = ? AND deleted = 0
           UNION ALL SELECT n.id FROM nodes n JOIN t ON n.parent_id = t.id WHERE n.deleted = 0)
         SELECT id FROM t`,
      )
      .all(id) as { id: string }[]
  ).map((r) => r.id);
}

export function nextSortOrder(db: Database, parentId: string | null): number {
  const r = db
    .prepare('SELECT coalesce(max(sort_order), 0) + 1 AS n FROM nodes WHERE parent_id IS ? AND deleted = 0')
    .get(parentId) as { n: number };
  return r.n;
}

export function insertNode(w: Writer, db: Database, n: { parentId: string | null; level: Level; name: string; id?: string }): string {
  return w.insert('nodes', { parent_id: n.parentId, level: n.level, name: n.name, sort_order: nextSortOrder(db, n.parentId) }, n.id);
}

export function updateNode(w: Writer, id: string, patch: { name?: string; parentId?: string | null; sortOrder?: number }): void {
  const v: Record<string, string | number | null> = {};
  if (patch.name !== undefined) v.name = patch.name;
  if (patch.parentId !== undefined) v.parent_id = patch.parentId;
  if (patch.sortOrder !== undefined) v.sort_order = patch.sortOrder;
  w.update('nodes', id, v);
}
