import { NotFoundError, ValidationError } from '../../db/errors.js';
import {
  getMeasure,
  getMeasuresByIds,
  insertMeasure,
  listLiveMeasuresByIds,
  listMeasures,
  updateMeasureColumns,
} from '../../db/repositories/measures.js';
import { getNode, subtreeIds } from '../../db/repositories/nodes.js';
import type { Measure } from '../../preload/contract.js';
import { validateMeasurePatch } from '../domain/measures.js';
import { newMeasureStatusIssues } from '../domain/manual-status.js';
import type { Handlers } from './handlers.js';
import { applyEdits, peopleFor } from './measure-edits.js';
import { measureHistory } from './measure-history.js';
import type { ApiSession } from './session.js';

type K = 'measures:list' | 'measures:get' | 'measures:create' | 'measures:update' | 'measures:move' | 'measures:delete' | 'measures:history';

export function mustMeasure(s: ApiSession, id: string): Measure {
  const m = getMeasure(s.db(), id);
  if (!m) throw new NotFoundError(`No measure ${id} (it may have been deleted).`);
  return m;
}

function mustPackage(s: ApiSession, nodeId: string): void {
  const node = getNode(s.db(), nodeId);
  if (!node) throw new NotFoundError(`No hierarchy node ${nodeId} (it may have been deleted).`);
  if (node.level !== 'package') throw new ValidationError(`Measures live in measure packages; "${node.name}" is a ${node.level}.`);
}

export function measureHandlers(s: ApiSession): Pick<Handlers, K> {
  return {
    'measures:list': ({ nodeId, ids }) => {
      if (!ids) return listMeasures(s.db(), nodeId ? subtreeIds(s.db(), nodeId) : undefined);
      const inTree = nodeId ? new Set(subtreeIds(s.db(), nodeId)) : null;
      return listLiveMeasuresByIds(s.db(), ids).filter((m) => !inTree || inTree.has(m.nodeId));
    },
    'measures:get': ({ id }) => mustMeasure(s, id),
    'measures:create': ({ nodeId, patch, locale }) => {
      mustPackage(s, nodeId);
      const full = { title: 'New measure', ...patch };
      const { columns, issues } = validateMeasurePatch(null, full, peopleFor(s, [{ id: '', patch: full }]), locale);
      issues.push(...newMeasureStatusIssues(columns));
      if (issues.length) throw new ValidationError(issues.map((i) => i.message).join('; '), issues);
      const { value } = s.act(`Add measure ${columns.title}`, (w, db) => {
        const max = db.prepare('SELECT coalesce(max(sort_order), 0) + 1 AS n FROM measures WHERE node_id = ?').get(nodeId) as { n: number };
        return insertMeasure(w, db, { ...columns, node_id: nodeId, sort_order: max.n });
      });
      return mustMeasure(s, value);
    },
    'measures:update': ({ id, patch, custom, locale, reason }) => {
      // The one edit path; the full row (people, custom values) is read once, after the write.
      applyEdits(s, [{ id, patch, ...(custom ? { custom } : {}) }], { locale, reason });
      return mustMeasure(s, id);
    },
    'measures:move': ({ ids, nodeId }) => {
      mustPackage(s, nodeId);
      const found = getMeasuresByIds(s.db(), ids);
      if (found.length !== ids.length) throw new NotFoundError('Some of the measures to move no longer exist.');
      s.act(`Move ${ids.length} measure${ids.length === 1 ? '' : 's'}`, (w) => {
        for (const m of found) updateMeasureColumns(w, m.id, { node_id: nodeId });
      });
      return getMeasuresByIds(s.db(), ids);
    },
    'measures:delete': ({ ids }) => {
      const found = getMeasuresByIds(s.db(), ids);
      if (found.length !== ids.length) throw new NotFoundError('Some of the measures to delete no longer exist.');
      const label = found.length === 1 ? `Delete ${found[0]!.code}` : `Delete ${found.length} measures`;
      s.act(label, (w) => found.forEach((m) => w.remove('measures', m.id)));
      return { deleted: found.length };
    },
    'measures:history': ({ id }) => measureHistory(s.db(), id),
  };
}
