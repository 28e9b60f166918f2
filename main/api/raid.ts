import { NotFoundError, ValidationError } from '../../db/errors.js';
import { getMeasure, getMeasureByCode } from '../../db/repositories/measures.js';
import { getNode } from '../../db/repositories/nodes.js';
import { getRaid, getRaidByIds, insertRaid, listRaid, updateRaidColumns } from '../../db/repositories/raid.js';
import type { RaidItem } from '../../preload/contract.js';
import { validateRaidPatch } from '../domain/raid.js';
import type { Handlers } from './handlers.js';
import { peopleRefs } from './measure-edits.js';
import { staleDays, today, withFlags } from './raid-common.js';
import type { ApiSession } from './session.js';

type K = 'raid:list' | 'raid:create' | 'raid:update' | 'raid:delete';

export function raidHandlers(s: ApiSession): Pick<Handlers, K> {
  const flags = () => ({ day: today(), stale: staleDays(s.db()) });
  const mustItem = (id: string): RaidItem => {
    const r = getRaid(s.db(), id);
    if (!r) throw new NotFoundError(`No RAID item ${id} (it may have been deleted).`);
    const f = flags();
    return withFlags(r, f.day, f.stale);
  };
  const lookup = (code: string) => getMeasureByCode(s.db(), code);
  const nodes = () => s.db().prepare('SELECT id, name FROM nodes WHERE deleted = 0').all() as { id: string; name: string }[];
  return {
    'raid:list': ({ measureId, kind }) => {
      const f = flags();
      return listRaid(s.db(), { measureId, kind }).map((r) => withFlags(r, f.day, f.stale));
    },
    'raid:create': ({ kind, measureId, nodeId, patch }) => {
      if (measureId && !getMeasure(s.db(), measureId)) throw new NotFoundError(`No measure ${measureId} (it may have been deleted).`);
      if (nodeId && !getNode(s.db(), nodeId)) throw new NotFoundError(`No hierarchy node ${nodeId} (it may have been deleted).`);
      const defaultTitle = `New ${kind}`;
      const { columns, issues } = validateRaidPatch(null, { title: defaultTitle, ...patch, kind }, peopleRefs(s), lookup, nodes());
      if (issues.length) throw new ValidationError(issues.map((i) => i.message).join('; '), issues);
      const { value } = s.act(`Add ${kind} ${String(columns.title)}`, (w, db) =>
        insertRaid(w, db, { measure_id: measureId ?? null, node_id: measureId ? null : (nodeId ?? null), ...columns, kind }),
      );
      return mustItem(value);
    },
    'raid:update': ({ id, patch, locale }) => {
      const current = getRaid(s.db(), id);
      if (!current) throw new NotFoundError(`No RAID item ${id} (it may have been deleted).`);
      const { columns, issues } = validateRaidPatch(current, patch, peopleRefs(s), lookup, nodes(), locale);
      if (issues.length) throw new ValidationError(issues.map((i) => i.message).join('; '), issues.map((i) => ({ ...i, row: current.code })));
      s.act(`Edit ${current.code} ${Object.keys(patch).join(', ')}`, (w) => updateRaidColumns(w, id, columns));
      return mustItem(id);
    },
    'raid:delete': ({ ids }) => {
      const found = getRaidByIds(s.db(), ids);
      if (found.length !== ids.length) throw new NotFoundError('Some of the RAID items to delete no longer exist.');
      s.act(found.length === 1 ? `Delete ${found[0]!.code}` : `Delete ${found.length} RAID items`, (w) => found.forEach((r) => w.remove('raid_items', r.id)));
      return { deleted: found.length };
    },
  };
}
