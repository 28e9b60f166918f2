import { NotFoundError, ValidationError } from '../../db/errors.js';
import {
  getGateLevels,
  getRequest,
  listAttestations,
  listEvidence,
  listLifecycleDecisions,
  listRequests,
  loadFacts,
  personNames,
  roleHolders,
} from '../../db/repositories/gates.js';
import { LIFECYCLE_ACTIONS, type GateReadiness, type GateRequest, type GateStatus } from '../../preload/contract.js';
import { decisionRefusal, evaluateCriteria, holdersOf, lifecycleRefusal, missingMessage, requestRefusal, unapprovableRefusal } from '../domain/gates.js';
import { listMembers } from '../../db/repositories/sync.js';
import { replicaId } from '../../db/changes.js';
import { ApiError } from './errors.js';
import { actingPerson, approvalReset, approverContext, buildRequests, checkEvidence, measurePeople, roleLabel, storeEvidence } from './gates-view.js';
import type { Handlers } from './handlers.js';
import { writeMeasureColumns } from './measure-writes.js';
import type { ApiSession } from './session.js';
import { nowIso } from '../../db/clock.js';
import { lifecycleRights } from './rights.js';
import { levelForMeasure, templateCriteriaBatch, templateCriteriaFor, templateRef } from './template-gates.js';

type K = 'gates:status' | 'gates:readiness' | 'gates:request' | 'gates:decide' | 'gates:withdraw' | 'gates:inbox';

interface LiveMeasure {
  id: string;
  code: string;
  diLevel: number;
  lifecycle: string;
  sponsorId: string | null;
  controllerId: string | null;
}

function mustLive(s: ApiSession, id: string): LiveMeasure {
  const m = s
    .db()
    .prepare('SELECT id, code, di_level AS diLevel, lifecycle, sponsor_id AS sponsorId, controller_id AS controllerId FROM measures WHERE id = ? AND deleted = 0')
    .get(id) as LiveMeasure | undefined;
  if (!m) throw new NotFoundError(`No measure ${id} (it may have been deleted).`);
  return m;
}

/** Whether every approver slot of the gate has someone who could fill it, as the request is made. */
function nobodyCouldApprove(s: ApiSession, measureId: string, toLevel: number, requesterId: string): string | null {
  const db = s.db();
  const level = levelForMeasure(db, measureId, getGateLevels(db).find((l) => l.level === toLevel));
  const m = measurePeople(db, measureId);
  if (!level || !m) return null;
  const ctx = approverContext(db, m);
  const names = personNames(db);
  // Only a copy that belongs to a person can tell "own copy" apart; a copy of nobody's counts as everyone's.
  const here = s.enteredBy() === null ? s.actor() : null;
  const copyOwners = new Set(listMembers(db).filter((x) => x.status === 'active' && x.personId).map((x) => x.personId!));
  const linked = listMembers(db).some((x) => x.id === replicaId(db) && x.personId);
  const slots = level.approverRoles.map((role) => ({
    label: roleLabel(db, role),
    holders: holdersOf(role, ctx).map((id) => ({ id, name: names.get(id) ?? id, canApproveHere: !level.ownCopy || !linked || copyOwners.has(id) || id === here })),
  }));
  return unapprovableRefusal(toLevel, slots, requesterId, level.selfApproval);
}

export function nextCriteria(s: ApiSession, measureId: string, toLevel: number) {
  const level = levelForMeasure(s.db(), measureId, getGateLevels(s.db()).find((l) => l.level === toLevel));
  if (!level) return null;
  const facts = loadFacts(s.db(), measureId).get(measureId)!;
  return { level, results: [...evaluateCriteria(level.criteria, facts), ...templateCriteriaFor(s.db(), measureId, toLevel)] };
}

/** Status of one measure: next gate's criteria, open request, history, evidence, lifecycle. */
export function gateStatus(s: ApiSession, measureId: string): GateStatus {
  const db = s.db();
  const m = mustLive(s, measureId);
  const levels = getGateLevels(db);
  const next = nextCriteria(s, measureId, m.diLevel + 1);
  const requests = buildRequests(db, listRequests(db, { measureId }));
  const evidence = listEvidence(db, measureId);
  const actor = s.actor();
  const steering = (roleHolders(db).steering_sponsor ?? []).includes(actor);
  const peopleCtx = approverContext(db, measurePeople(db, measureId)!);
  return {
    measureId,
    code: m.code,
    diLevel: m.diLevel,
    levelName: levels.find((l) => l.level === m.diLevel)?.name ?? `DI${m.diLevel}`,
    lifecycle: m.lifecycle,
    topLevel: Math.max(...levels.map((l) => l.level)),
    next: next
      ? { level: next.level.level, name: next.level.name, criteria: next.results, ready: next.results.every((r) => r.met), approverRoles: next.level.approverRoles }
      : null,
    pending: requests.find((r) => r.status === 'pending') ?? null,
    approvalReset: approvalReset(db, measureId, m.diLevel),
    requests,
    evidence,
    attestations: listAttestations(db, measureId),
    template: templateRef(db, measureId),
    lifecycleDecisions: listLifecycleDecisions(db, measureId),
    lifecycleActions: LIFECYCLE_ACTIONS.map((action) => {
      const refusal = lifecycleRefusal({
        action,
        lifecycle: m.lifecycle,
        reason: 'x',
        reviewDate: '2000-01-01',
        actorId: actor,
        sponsorId: m.sponsorId,
        controllerId: m.controllerId,
        actorIsSteering: steering,
        evidence: evidence.length,
        rights: lifecycleRights(db, action, actor, peopleCtx),
      });
      return { action, allowed: refusal === null, reason: refusal?.message ?? '' };
    }),
  };
}

export function gateHandlers(s: ApiSession): Pick<Handlers, K> {
  const oneRequest = (id: string): GateRequest => {
    const row = getRequest(s.db(), id);
    if (!row) throw new NotFoundError(`No gate request ${id}.`);
    return buildRequests(s.db(), [row])[0]!;
  };
  return {
    'gates:status': ({ measureId }) => gateStatus(s, measureId),
    'gates:readiness': ({ ids }) => {
      const db = s.db();
      const levels = getGateLevels(db);
      const pending = new Set(listRequests(db, { pendingOnly: true }).map((r) => r.measureId));
      const rows = ids
        ? (db.prepare('SELECT id, di_level AS diLevel FROM measures WHERE deleted = 0 AND id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as { id: string; diLevel: number }[])
        : (db.prepare('SELECT id, di_level AS diLevel FROM measures WHERE deleted = 0').all() as { id: string; diLevel: number }[]);
      // A few measures: their facts one by one; many: one pass over all.
      const facts = ids && rows.length <= 200 ? new Map(rows.flatMap((m) => [...loadFacts(db, m.id)])) : loadFacts(db, null);
      const fromTemplate = templateCriteriaBatch(db);
      return rows.map((m): GateReadiness => {
        const level = levels.find((l) => l.level === m.diLevel + 1);
        if (!level) return { measureId: m.id, next: null, met: 0, total: 0, ready: false, pending: false, missing: [] };
        const results = [...evaluateCriteria(level.criteria, facts.get(m.id)!), ...fromTemplate(m.id, level.level)];
        const missing = results.filter((r) => !r.met).map((r) => r.label);
        return { measureId: m.id, next: level.level, met: results.length - missing.length, total: results.length, ready: missing.length === 0, pending: pending.has(m.id), missing };
      });
    },
    'gates:request': ({ measureId, toLevel, comment, evidence }) => {
      const db = s.db();
      const actor = actingPerson(s);
      const m = mustLive(s, measureId);
      const maxLevel = Math.max(...getGateLevels(db).map((l) => l.level));
      const hasPending = listRequests(db, { measureId, pendingOnly: true }).length > 0;
      const reapproval = toLevel === m.diLevel && approvalReset(db, measureId, m.diLevel) !== null;
      const refusal = requestRefusal({ diLevel: m.diLevel, toLevel, lifecycle: m.lifecycle, hasPending, maxLevel, reapproval });
      if (refusal) throw new ValidationError(refusal);
      const nobody = nobodyCouldApprove(s, measureId, toLevel, actor);
      if (nobody) throw new ValidationError(nobody);
      if (evidence?.length) checkEvidence(db, evidence);
      // Evidence given with the request counts for its criteria (closure evidence): check after adding it.
      const { value } = s.act(`${reapproval ? 'Request re-approval of' : 'Request'} DI${toLevel} for ${m.code}`, (w) => {
        const id = w.insert('gate_requests', {
          measure_id: measureId,
          from_level: m.diLevel,
          to_level: toLevel,
          requester_id: actor,
          comment: comment ?? '',
          status: 'pending',
          created_at: nowIso(),
          closed_at: null,
          close_reason: '',
        });
        if (evidence?.length) storeEvidence(w, db, measureId, id, evidence, actor);
        const next = nextCriteria(s, measureId, toLevel)!;
        const missing = next.results.filter((r) => !r.met);
        if (missing.length) {
          throw new ValidationError(
            missingMessage(toLevel, next.results),
            missing.map((r) => ({ field: r.key, message: `${r.label}: ${r.detail}` })),
          );
        }
        return id;
      });
      return oneRequest(value);
    },
    'gates:decide': ({ requestId, decision, comment }) => {
      const db = s.db();
      const actor = actingPerson(s);
      const req = oneRequest(requestId);
      const m = measurePeople(db, req.measureId)!;
      const level = levelForMeasure(db, req.measureId, getGateLevels(db).find((l) => l.level === req.toLevel))!;
      const ctx = approverContext(db, m);
      const actorRoles = level.approverRoles.filter((r) => holdersOf(r, ctx).includes(actor));
      const actorSlots = actorRoles.filter((r) => !req.slots.find((x) => x.role === r)?.filledBy);
      const refusal = decisionRefusal({
        status: req.status,
        measureDeleted: m.deleted === 1,
        actorId: actor,
        requesterId: req.requesterId,
        selfApproval: level.selfApproval,
        actorSlots,
        actorRoles,
        approverRoles: req.slots.map((x) => x.label),
      });
      if (refusal) throw refusal.code === 'forbidden' ? new ApiError({ code: 'forbidden', message: refusal.message }) : new ValidationError(refusal.message);
      const enteredBy = s.enteredBy();
      if (level.ownCopy && enteredBy) {
        const names = personNames(db);
        throw new ApiError({
          code: 'forbidden',
          message: `DI${req.toLevel} approvals come from the approver's own copy: ${names.get(actor) ?? actor} approves on their copy of the workspace; this one is ${names.get(enteredBy) ?? enteredBy}'s.`,
        });
      }
      if (decision === 'reject' && !comment) throw new ValidationError('A rejection needs a reason (comment).', [{ field: 'comment', message: 'Give the reason' }]);
      const complete = decision === 'approve' && req.slots.every((x) => x.filledBy || actorSlots.includes(x.role));
      if (complete) {
        const next = nextCriteria(s, req.measureId, req.toLevel)!;
        if (next.results.some((r) => !r.met)) throw new ValidationError(`Cannot complete the approval: ${missingMessage(req.toLevel, next.results)}`);
        const live = mustLive(s, req.measureId);
        if (live.diLevel !== req.fromLevel) throw new ValidationError(`The measure is now at DI${live.diLevel}; this request from DI${req.fromLevel} is out of date.`);
      }
      const now = nowIso();
      const label = `${decision === 'approve' ? 'Approve' : 'Reject'} DI${req.toLevel} for ${req.code}`;
      s.act(label, (w, db) => {
        w.insert('gate_decisions', { request_id: requestId, person_id: actor, roles: JSON.stringify(actorSlots), decision, comment: comment ?? '', at: now });
        if (decision === 'reject') w.update('gate_requests', requestId, { status: 'rejected', closed_at: now, close_reason: comment ?? '' });
        if (complete) {
          w.update('gate_requests', requestId, { status: 'approved', closed_at: now });
          writeMeasureColumns(w, db, req.measureId, { di_level: req.toLevel }, { actor });
        }
      });
      return oneRequest(requestId);
    },
    'gates:withdraw': ({ requestId, comment }) => {
      const actor = actingPerson(s);
      const req = oneRequest(requestId);
      if (req.status !== 'pending') throw new ValidationError(`This request is already ${req.status}; it cannot be withdrawn.`);
      if (req.requesterId !== actor) throw new ApiError({ code: 'forbidden', message: `Only ${req.requester}, who made the request, may withdraw it.` });
      s.act(`Withdraw DI${req.toLevel} request for ${req.code}`, (w) =>
        w.update('gate_requests', requestId, { status: 'withdrawn', closed_at: nowIso(), close_reason: comment ?? 'Withdrawn' }),
      );
      return oneRequest(requestId);
    },
    'gates:inbox': ({ mine }) => {
      const all = buildRequests(s.db(), listRequests(s.db(), { pendingOnly: true }));
      if (!mine) return all;
      const actor = s.actor();
      return all.filter((r) => r.slots.some((x) => !x.filledBy && x.holders.some((h) => h.id === actor)));
    },
  };
}
