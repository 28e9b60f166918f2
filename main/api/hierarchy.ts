import { NotFoundError, ValidationError } from '../../db/errors.js';
import { getNode, insertNode, listNodes, subtreeIds, updateNode } from '../../db/repositories/nodes.js';
import type { HierarchyNode } from '../../preload/contract.js';
import { childLevel, placementError } from '../domain/hierarchy.js';
import type { Handlers } from './handlers.js';
import type { ApiSession } from './session.js';

type K = 'nodes:list' | 'nodes:create' | 'nodes:rename' | 'nodes:move' | 'nodes:delete';

function mustNode(s: ApiSession, id: string): HierarchyNode {
  const n = getNode(s.db(), id);
  if (!n) throw new NotFoundError(`No hierarchy node ${id} (it may have been deleted).`);
  return n;
}

/**
 * Two children of one parent cannot share a name (compared without case and outer spaces):
 * a picker, a path or an import by package path could not tell them apart.
 */
function refuseSiblingName(s: ApiSession, parentId: string | null, name: string, self?: string): void {
  const key = name.trim().toLocaleLowerCase();
  const twin = listNodes(s.db()).find((n) => n.parentId === parentId && n.id !== self && n.name.trim().toLocaleLowerCase() === key);
  if (!twin) return;
  const parent = parentId ? getNode(s.db(), parentId) : null;
  throw new ValidationError(`${parent ? parent.name : 'The top level'} already has a ${twin.level === 'package' ? 'measure package' : twin.level} named "${twin.name}"; choose another name.`);
}

export function hierarchyHandlers(s: ApiSession): Pick<Handlers, K> {
  return {
    'nodes:list': () => listNodes(s.db()),
    'nodes:create': ({ parentId, name, level }) => {
      const parent = parentId ? mustNode(s, parentId) : null;
      const lvl = level ?? childLevel(parent?.level ?? null);
      if (!lvl) throw new ValidationError('A measure package holds measures only; add a measure instead.');
      const err = placementError(lvl, parent?.level ?? null);
      if (err) throw new ValidationError(err);
      refuseSiblingName(s, parentId ?? null, name);
      const { value } = s.act(`Add ${name}`, (w, db) => insertNode(w, db, { parentId, level: lvl, name }));
      return mustNode(s, value);
    },
    'nodes:rename': ({ id, name }) => {
      const node = mustNode(s, id);
      refuseSiblingName(s, node.parentId, name, id);
      s.act(`Rename to ${name}`, (w) => updateNode(w, id, { name }));
      return mustNode(s, id);
    },
    'nodes:move': ({ id, parentId, index }) => {
      const node = mustNode(s, id);
      const parent = parentId ? mustNode(s, parentId) : null;
      const err = placementError(node.level, parent?.level ?? null);
      if (err) throw new ValidationError(err);
      if (parentId !== node.parentId) refuseSiblingName(s, parentId ?? null, node.name, id);
      s.act(`Move ${node.name}`, (w, db) => {
        const siblings = listNodes(db).filter((n) => n.parentId === parentId && n.id !== id);
        const at = Math.min(index ?? siblings.length, siblings.length);
        siblings.splice(at, 0, { ...node, parentId });
        siblings.forEach((n, i) => updateNode(w, n.id, n.id === id ? { parentId, sortOrder: i + 1 } : { sortOrder: i + 1 }));
      });
      return mustNode(s, id);
    },
    'nodes:delete': ({ id }) => {
      const node = mustNode(s, id);
      const r = s.act(`Delete ${node.name}`, (w, db) => {
        const ids = subtreeIds(db, id);
        const measures = db
          .prepare('SELECT id FROM measures WHERE deleted = 0 AND node_id IN (SELECT value FROM json_each(?))')
          .all(JSON.stringify(ids)) as { id: string }[];
        for (const m of measures) w.remove('measures', m.id);
        for (const n of ids.reverse()) w.remove('nodes', n);
        return { nodes: ids.length, measures: measures.length };
      });
      return r.value;
    },
  };
}
