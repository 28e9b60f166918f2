import type { Database } from '../../db/connection.js';
import { NotFoundError } from '../../db/errors.js';
import { getNode, subtreeIds } from '../../db/repositories/nodes.js';

export const WHOLE_SCOPE = 'Whole program';

/** The hierarchy node a pack is built for (its subtree), or the whole program. */
export function scopeOf(db: Database, scopeId: string | null | undefined): { id: string | null; name: string; nodeIds: string[] | null } {
  if (!scopeId) return { id: null, name: WHOLE_SCOPE, nodeIds: null };
  const node = getNode(db, scopeId);
  if (!node) throw new NotFoundError(`No hierarchy node ${scopeId} to build a pack for (it may have been deleted).`);
  return { id: node.id, name: node.name, nodeIds: subtreeIds(db, node.id) };
}
