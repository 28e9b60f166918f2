import { getMeta } from '../../db/connection.js';
import { previousSnapshot, readPackSettings, snapshotData } from '../../db/repositories/pack.js';
import { milestonesDue, raidItems, scopeMeasures } from '../../db/repositories/pack-facts.js';
import { NotFoundError, ValidationError } from '../../db/errors.js';
import type { PackFacts } from '../../preload/contract/pack-facts.js';
import type { Pack } from '../../preload/contract/pack-types.js';
import { addDays } from '../domain/pack-format.js';
import { assemblePack, MILESTONE_WINDOW_DAYS, normalizeSettings } from '../domain/pack.js';
import { textsFor } from './pack-texts.js';
import { scopeOf } from './pack-scope.js';
import { blockedMeasures, lastMeetingActions, meetingById, pendingGateRequests, scopeDecisions, scopeEscalations, today } from './pack-meetings.js';
import type { ApiSession } from './session.js';
import { blockedList } from './raid-deps.js';
import { dashboard, rollupFor } from './value-dashboard.js';
import { nowIso } from '../../db/clock.js';
import { workflowFacts } from './template-pack.js';
import { rightsMatrix } from './rights.js';
import { serviceKpis } from './kpi-figures.js';

export interface PackRequest {
  scopeId?: string | null;
  meetingId?: string | null;
  /** The day the pack is built for (YYYY-MM-DD); the meeting's date, else today, when absent. */
  asOf?: string;
  /** The locale its dates are written in (the requester's); ISO when absent. */
  locale?: string;
}

/**
 * Reads everything a pack shows for a scope and meeting: measures, milestones and RAID by
 * SQL here; value from the value feature's roll-ups; meetings, decisions, actions and
 * escalations through the RAID feature. A scope without measures is refused first, before
 * anything (escalation rules included) runs.
 */
export async function gatherFacts(s: ApiSession, req: PackRequest): Promise<PackFacts> {
  const db = s.db();
  const scope = scopeOf(db, req.scopeId);
  const meeting = req.meetingId ? meetingById(db, req.meetingId) : null;
  if (req.meetingId && !meeting) throw new NotFoundError(`No meeting ${req.meetingId} (it may have been deleted).`);
  const measures = scopeMeasures(db, scope.nodeIds);
  if (measures.length === 0) {
    const where = scope.id ? `"${scope.name}"` : 'This workspace';
    throw new ValidationError(`${where} has no measures: there is nothing to put in a steering pack. Choose another scope.`);
  }
  const day = req.asOf ?? meeting?.date ?? today();
  const meetingId = meeting?.id ?? null;
  const prev = previousSnapshot(db, scope.id, meetingId, day);
  let previous: PackFacts['previous'] = null;
  if (prev) {
    const frozen = JSON.parse(snapshotData(db, prev.id) ?? '{}') as Partial<Pack>;
    if (frozen.baseline) previous = { snapshotId: prev.id, date: prev.date, meetingTitle: prev.meetingTitle, baseline: frozen.baseline };
  }
  const nodeId = scope.id ?? undefined;
  const inScope = scope.id ? new Set(measures.map((m) => m.id)) : null;
  const raid = raidItems(db, scope.nodeIds);
  // One read of the dependency graph for the summary's question and the blocked section.
  const blocked = blockedList(db);
  const values: PackFacts['values'] = {};
  for (const r of rollupFor(s, { nodeId, by: ['measure'] })) values[String(r.keys.measure)] = { target: r.target, plan: r.plan, forecast: r.forecast, actual: r.actual };
  return {
    workspaceName: getMeta(db, 'name') ?? 'Workspace',
    currency: getMeta(db, 'currency') ?? 'EUR',
    today: day,
    generatedAt: nowIso(),
    locale: req.locale ?? null,
    scope: { id: scope.id, name: scope.name },
    meeting: meeting && { id: meeting.id, title: meeting.title, date: meeting.date },
    settings: normalizeSettings(readPackSettings(db)),
    texts: textsFor(db, meetingId, scope.id).texts,
    measures,
    dashboard: dashboard(s, nodeId, blocked),
    values,
    runRates: rollupFor(s, { nodeId, by: ['period'] }).map((r) => ({ period: String(r.keys.period), runRate: r.runRate })),
    milestones: milestonesDue(db, scope.nodeIds, addDays(day, MILESTONE_WINDOW_DAYS)),
    milestoneWindowEnd: addDays(day, MILESTONE_WINDOW_DAYS),
    raid,
    decisions: scopeDecisions(db, inScope),
    escalations: await scopeEscalations(s, inScope, new Set(raid.map((r) => r.id))),
    workflows: workflowFacts(db, inScope, day, req.locale),
    rights: rightsMatrix(db),
    service: await serviceKpis(s, nodeId, req.locale),
    gateRequests: await pendingGateRequests(s, inScope),
    blocked: blockedMeasures(blocked, inScope),
    actions: lastMeetingActions(db, meetingId, day, req.locale),
    previous,
  };
}

/** Assembles the live pack; a scope without measures has nothing to show, so it is refused. */
export async function buildPack(s: ApiSession, req: PackRequest): Promise<Pack> {
  return assemblePack(await gatherFacts(s, req));
}
