import type { Database } from '../../db/connection.js';
import { getMeta } from '../../db/connection.js';
import { getNode, subtreeIds } from '../../db/repositories/nodes.js';
import { previousSnapshot, readPackSettings, readPackTexts, snapshotData } from '../../db/repositories/pack.js';
import { dependencies, gateLevels, measureValues, milestonesDue, monthlyValues, raidItems, scopeMeasures } from '../../db/repositories/pack-facts.js';
import { NotFoundError } from '../../db/errors.js';
import type { PackFacts } from '../../preload/contract/pack-facts.js';
import type { Pack } from '../../preload/contract/pack-types.js';
import { addDays } from '../domain/pack-format.js';
import { DEFAULT_TEXTS, MILESTONE_WINDOW_DAYS, normalizeSettings } from '../domain/pack.js';
import { meetingById, meetingDecisions, meetingActions } from './pack-meetings.js';

export const WHOLE_SCOPE = 'Whole program';

export interface PackRequest {
  scopeId?: string | null;
  meetingId?: string | null;
  /** The day the pack is built for (YYYY-MM-DD); today when absent. */
  asOf?: string;
}

export function scopeOf(db: Database, scopeId: string | null | undefined): { id: string | null; name: string; nodeIds: string[] | null } {
  if (!scopeId) return { id: null, name: WHOLE_SCOPE, nodeIds: null };
  const node = getNode(db, scopeId);
  if (!node) throw new NotFoundError(`No hierarchy node ${scopeId} to build a pack for (it may have been deleted).`);
  return { id: node.id, name: node.name, nodeIds: subtreeIds(db, node.id) };
}

/** Reads everything a pack shows for a scope and meeting, from the repositories of each feature. */
export function gatherFacts(db: Database, req: PackRequest): PackFacts {
  const scope = scopeOf(db, req.scopeId);
  const meeting = req.meetingId ? meetingById(db, req.meetingId) : null;
  if (req.meetingId && !meeting) throw new NotFoundError(`No meeting ${req.meetingId} (it may have been deleted).`);
  const now = new Date();
  const today = req.asOf ?? meeting?.date ?? now.toISOString().slice(0, 10);
  const meetingId = meeting?.id ?? null;
  const prev = previousSnapshot(db, scope.id, meetingId, today);
  let previous: PackFacts['previous'] = null;
  if (prev) {
    const frozen = JSON.parse(snapshotData(db, prev.id) ?? '{}') as Partial<Pack>;
    if (frozen.baseline) previous = { snapshotId: prev.id, date: prev.date, meetingTitle: prev.meetingTitle, baseline: frozen.baseline };
  }
  return {
    workspaceName: getMeta(db, 'name') ?? 'Workspace',
    currency: getMeta(db, 'currency') ?? 'EUR',
    today,
    generatedAt: now.toISOString(),
    scope: { id: scope.id, name: scope.name },
    meeting,
    settings: normalizeSettings(readPackSettings(db)),
    texts: readPackTexts(db, meetingId, scope.id) ?? DEFAULT_TEXTS,
    measures: scopeMeasures(db, scope.nodeIds),
    gateLevels: gateLevels(db),
    values: measureValues(db, scope.nodeIds),
    months: monthlyValues(db, scope.nodeIds),
    milestones: milestonesDue(db, scope.nodeIds, addDays(today, MILESTONE_WINDOW_DAYS)),
    raid: raidItems(db, scope.nodeIds),
    dependencies: dependencies(db, scope.nodeIds),
    decisions: meetingDecisions(db, scope.nodeIds),
    actions: meetingActions(db, meetingId, prev?.meetingId ?? null),
    previous,
  };
}
