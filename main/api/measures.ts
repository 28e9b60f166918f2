import { NotFoundError, ValidationError } from '../../db/errors.js';
import { cachedStatement } from '../../db/statements.js';
import {
  getMeasure,
  getMeasureState,
  getMeasuresByIds,
  insertMeasure,
  listLiveMeasuresByIds,
  listMeasures,
  updateMeasureColumns,
} from '../../db/repositories/measures.js';
import { getNode, subtreeIds } from '../../db/repositories/nodes.js';
import type { Measure } from '../../preload/contract.js';
import { validateMeasurePatch, type PersonRef } from '../domain/measures.js';
import type { Handlers } from './handlers.js';
import { splitStatusColumns, writeMeasureColumns } from './measure-writes.js';
import { applyEdits } from './grid.js';
import { measureHistory } from './measure-history.js';
import type { ApiSession } from './session.js';

type K = 'measures:list' | 'measures:get' | 'measures:create' | 'measures:update' | 'measures:move' | 'measures:delete' | 'measures:history';

export function peopleRefs(s: ApiSession): PersonRef[] {
  return cachedStatement(s.db(), 'SELECT id, name FROM people WHERE deleted = 0').all() as PersonRef[];
}

const PERSON_FIELDS = ['owner', 'sponsor', 'controller'] as const;

/**
 * The people a patch's person fields can resolve to; none when it names nobody (most
 * edits). The grid sends person ids, and resolvePerson takes a match by id before any
 * match by name, so when every value is a live person's id those people are all it
 * needs; otherwise (names typed by a person) every live person is read.
 */
function peopleFor(s: ApiSession, patch: Partial<Record<(typeof PERSON_FIELDS)[number], string | null>>): PersonRef[] {
  const values = PERSON_FIELDS.map((k) => patch[k]?.trim()).filter((v): v is string => !!v);
  if (values.length === 0) return [];
  const byId = cachedStatement(s.db(), 'SELECT id, name FROM people WHERE deleted = 0 AND id IN (SELECT value FROM json_each(?))').all(
    JSON.stringify(values),
  ) as PersonRef[];
  return values.every((v) => byId.some((p) => p.id === v)) ? byId : peopleRefs(s);
}

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
    'measures:create': ({ nodeId, patch }) => {
      mustPackage(s, nodeId);
      const full = { title: 'New measure', ...patch };
      const { columns, issues } = validateMeasurePatch(null, full, peopleFor(s, full));
      if (issues.length) throw new ValidationError(issues.map((i) => i.message).join('; '), issues);
      const { plain, statuses } = splitStatusColumns(columns);
      const { value } = s.act(`Add measure ${columns.title}`, (w, db) => {
        const max = db.prepare('SELECT coalesce(max(sort_order), 0) + 1 AS n FROM measures WHERE node_id = ?').get(nodeId) as { n: number };
        const id = insertMeasure(w, db, { ...plain, node_id: nodeId, sort_order: max.n });
        if (Object.keys(statuses).length) writeMeasureColumns(w, db, id, statuses, { actor: w.actor });
        return id;
      });
      return mustMeasure(s, value);
    },
    'measures:update': ({ id, patch, custom }) => {
      // Validation needs only a few columns; the full row (people, custom values) is read once, after the write.
      const current = getMeasureState(s.db(), id);
      if (!current) throw new NotFoundError(`No measure ${id} (it may have been deleted).`);
      if (custom) {
        applyEdits(s, [{ id, patch, custom }]);
        return mustMeasure(s, id);
      }
      const { columns, issues } = validateMeasurePatch(current, patch, peopleFor(s, patch));
      if (issues.length) throw new ValidationError(issues.map((i) => i.message).join('; '), issues.map((i) => ({ ...i, row: current.code })));
      const fields = Object.keys(patch).join(', ');
      s.act(`Edit ${current.code} ${fields}`, (w, db) => writeMeasureColumns(w, db, id, columns, { actor: w.actor }));
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
