import { NotFoundError, ValidationError } from '../../db/errors.js';
import { getBlob, getEvidence, getGateLevels, listAttestations, listEvidence, roleHolders } from '../../db/repositories/gates.js';
import { updateMeasureColumns } from '../../db/repositories/measures.js';
import type { Writer } from '../../db/changes.js';
import type { Database } from '../../db/connection.js';
import type { EvidenceInput, GateStatus } from '../../preload/contract.js';
import { attestationRefusal, closeOutcome, holdersOf, LIFECYCLE_TARGET, lifecycleRefusal, missingMessage } from '../domain/gates.js';
import { ApiError } from './errors.js';
import { gateStatus, nextCriteria } from './gates.js';
import { actingPerson, approverContext, checkEvidence, measurePeople, storeEvidence } from './gates-view.js';
import { writeMeasureColumns } from './measure-writes.js';
import type { Handlers } from './handlers.js';
import type { ApiSession } from './session.js';
import { nowIso } from '../../db/clock.js';
import { lifecycleRights } from './rights.js';

type K = 'gates:attest' | 'gates:addEvidence' | 'gates:evidenceFile' | 'gates:lifecycle';

interface M {
  id: string;
  code: string;
  diLevel: number;
  lifecycle: string;
  ownerId: string | null;
  sponsorId: string | null;
  controllerId: string | null;
}

function mustMeasure(s: ApiSession, id: string): M {
  const m = s
    .db()
    .prepare('SELECT id, code, di_level AS diLevel, lifecycle, owner_id AS ownerId, sponsor_id AS sponsorId, controller_id AS controllerId FROM measures WHERE id = ? AND deleted = 0')
    .get(id) as M | undefined;
  if (!m) throw new NotFoundError(`No measure ${id} (it may have been deleted).`);
  return m;
}

const refuse = (r: { code: 'validation' | 'forbidden'; message: string }) =>
  r.code === 'forbidden' ? new ApiError({ code: 'forbidden', message: r.message }) : new ValidationError(r.message);

function withdrawPending(w: Writer, db: Database, measureId: string, why: string): void {
  db.prepare("SELECT id FROM gate_requests WHERE measure_id = ? AND status = 'pending' AND deleted = 0")
    .all(measureId)
    .forEach((r) => w.update('gate_requests', (r as { id: string }).id, { status: 'withdrawn', closed_at: nowIso(), close_reason: why }));
}

/**
 * Closing, by the measure's controller (lifecycleRefusal checked that): from the level below
 * the top it is the top gate's decision too — the value confirmation is recorded, the gate's
 * criteria are checked with the closure evidence in place, and the level moves up in the same
 * step (one undo). Closing anywhere else is explicit and keeps the level.
 */
function closeMeasure(
  s: ApiSession,
  m: M,
  o: { reason: string; evidence: EvidenceInput[]; confirmValue: boolean; withoutValueConfirmation: boolean },
): GateStatus {
  const db = s.db();
  const actor = actingPerson(s);
  const levels = getGateLevels(db);
  const topLevel = Math.max(...levels.map((l) => l.level));
  const confirmed = listAttestations(db, m.id).some((a) => a.key === 'value_confirmed');
  const outcome = closeOutcome({ diLevel: m.diLevel, topLevel, valueConfirmed: confirmed || o.confirmValue, withoutValueConfirmation: o.withoutValueConfirmation });
  if ('refusal' in outcome) throw new ValidationError(outcome.refusal, [{ field: 'confirmValue', message: outcome.refusal }]);
  const passes = outcome.toLevel > m.diLevel;
  const top = levels.find((l) => l.level === topLevel)!;
  if (passes) {
    const ctx = approverContext(db, measurePeople(db, m.id)!);
    const others = top.approverRoles.filter((r) => !holdersOf(r, ctx).includes(actor));
    if (others.length) {
      throw new ApiError({ code: 'forbidden', message: `DI${topLevel} ${top.name} also needs ${others.join(' + ')}: request DI${topLevel} in the gate panel, then close the measure.` });
    }
  }
  const now = nowIso();
  const label = passes ? `Close ${m.code}: DI${topLevel} ${top.name}` : `Close ${m.code} at DI${m.diLevel} without value confirmation`;
  s.act(label, (w) => {
    let requestId: string | null = null;
    if (passes) {
      if (!confirmed) w.insert('gate_attestations', { measure_id: m.id, key: 'value_confirmed', person_id: actor, note: o.reason, at: now });
      withdrawPending(w, db, m.id, 'Measure closed');
      requestId = w.insert('gate_requests', {
        measure_id: m.id,
        from_level: m.diLevel,
        to_level: topLevel,
        requester_id: actor,
        comment: o.reason,
        status: 'pending',
        created_at: now,
        closed_at: null,
        close_reason: '',
      });
    }
    if (o.evidence.length) storeEvidence(w, db, m.id, requestId, o.evidence, actor);
    if (passes && requestId) {
      const next = nextCriteria(s, m.id, topLevel)!;
      if (next.results.some((r) => !r.met)) throw new ValidationError(`Cannot close: ${missingMessage(topLevel, next.results)}`);
      w.insert('gate_decisions', { request_id: requestId, person_id: actor, roles: JSON.stringify(top.approverRoles), decision: 'approve', comment: o.reason, at: now });
      w.update('gate_requests', requestId, { status: 'approved', closed_at: now });
      writeMeasureColumns(w, db, m.id, { di_level: topLevel }, { actor });
    } else withdrawPending(w, db, m.id, `Measure closed: ${o.reason}`);
    w.insert('lifecycle_decisions', { measure_id: m.id, action: 'close', from_state: m.lifecycle, to_state: 'closed', reason: o.reason, review_date: null, person_id: actor, at: now });
    updateMeasureColumns(w, m.id, { lifecycle: 'closed' });
  });
  return gateStatus(s, m.id);
}

export function gateEvidenceHandlers(s: ApiSession): Pick<Handlers, K> {
  return {
    'gates:attest': ({ measureId, key, note, withdraw }) => {
      const actor = actingPerson(s);
      const m = mustMeasure(s, measureId);
      const isSteering = (roleHolders(s.db()).steering_sponsor ?? []).includes(actor);
      const refusal = attestationRefusal(key, actor, { ownerId: m.ownerId, sponsorId: m.sponsorId, controllerId: m.controllerId, isSteering });
      if (refusal) throw new ApiError({ code: 'forbidden', message: refusal });
      const existing = listAttestations(s.db(), measureId).filter((a) => a.key === key);
      s.act(`${withdraw ? 'Withdraw' : 'Confirm'} ${key.replace(/_/g, ' ')} for ${m.code}`, (w) => {
        if (withdraw) existing.forEach((a) => w.remove('gate_attestations', a.id));
        else if (existing.length === 0) w.insert('gate_attestations', { measure_id: measureId, key, person_id: actor, note: note ?? '', at: nowIso() });
      });
      return gateStatus(s, measureId);
    },
    'gates:addEvidence': ({ measureId, requestId, evidence }) => {
      const m = mustMeasure(s, measureId);
      if (requestId) {
        const r = s.db().prepare('SELECT measure_id AS measureId FROM gate_requests WHERE id = ? AND deleted = 0').get(requestId) as { measureId: string } | undefined;
        if (!r || r.measureId !== measureId) throw new NotFoundError(`No gate request ${requestId} on ${m.code}.`);
      }
      checkEvidence(s.db(), [evidence]);
      const { value } = s.act(`Add evidence to ${m.code}`, (w, db) => storeEvidence(w, db, measureId, requestId ?? null, [evidence], s.actor())[0]!);
      return getEvidence(s.db(), value)!;
    },
    'gates:evidenceFile': ({ id }) => {
      const e = getEvidence(s.db(), id);
      if (!e || e.kind !== 'file' || !e.sha256) throw new NotFoundError(`No evidence file ${id}.`);
      const content = getBlob(s.db(), e.sha256);
      if (!content) throw new NotFoundError(`The content of "${e.name}" is not in this copy of the workspace yet (it arrives through the sync folder once the copy that added it syncs).`);
      return { name: e.name, mime: e.mime || 'application/octet-stream', size: content.length, sha256: e.sha256, content: content.toString('base64') };
    },
    'gates:lifecycle': ({ measureId, action, reason, reviewDate, evidence, confirmValue, withoutValueConfirmation }) => {
      const db = s.db();
      const actor = actingPerson(s);
      const m = mustMeasure(s, measureId);
      if (evidence?.length) checkEvidence(db, evidence);
      const refusal = lifecycleRefusal({
        action,
        lifecycle: m.lifecycle,
        reason: reason ?? '',
        reviewDate: reviewDate || null,
        actorId: actor,
        sponsorId: m.sponsorId,
        controllerId: m.controllerId,
        actorIsSteering: (roleHolders(db).steering_sponsor ?? []).includes(actor),
        evidence: listEvidence(db, measureId).length + (evidence?.length ?? 0),
        rights: lifecycleRights(db, action, actor, approverContext(db, measurePeople(db, measureId)!)),
      });
      if (refusal) throw refuse(refusal);
      if (action === 'close') return closeMeasure(s, m, { reason: reason ?? '', evidence: evidence ?? [], confirmValue: confirmValue ?? false, withoutValueConfirmation: withoutValueConfirmation ?? false });
      const to = LIFECYCLE_TARGET[action];
      const labels = { hold: 'Put on hold', resume: 'Resume', cancel: 'Cancel', close: 'Close' };
      s.act(`${labels[action]} ${m.code}`, (w) => {
        if (evidence?.length) storeEvidence(w, db, measureId, null, evidence, actor);
        w.insert('lifecycle_decisions', {
          measure_id: measureId,
          action,
          from_state: m.lifecycle,
          to_state: to,
          reason: reason ?? '',
          review_date: action === 'hold' ? (reviewDate ?? null) : null,
          person_id: actor,
          at: nowIso(),
        });
        updateMeasureColumns(w, measureId, { lifecycle: to });
        // A measure that leaves the active state takes its open request with it.
        if (action !== 'resume') withdrawPending(w, db, measureId, `Measure ${labels[action].toLowerCase()}: ${reason ?? ''}`);
      });
      return gateStatus(s, measureId);
    },
  };
}
