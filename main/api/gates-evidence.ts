import { NotFoundError, ValidationError } from '../../db/errors.js';
import { getBlob, getEvidence, listAttestations, listEvidence, roleHolders } from '../../db/repositories/gates.js';
import { updateMeasureColumns } from '../../db/repositories/measures.js';
import { attestationRefusal, LIFECYCLE_TARGET, lifecycleRefusal } from '../domain/gates.js';
import { ApiError } from './errors.js';
import { gateStatus } from './gates.js';
import { actingPerson, checkEvidence, storeEvidence } from './gates-view.js';
import type { Handlers } from './handlers.js';
import type { ApiSession } from './session.js';
import { nowIso } from '../../db/clock.js';

type K = 'gates:attest' | 'gates:addEvidence' | 'gates:evidenceFile' | 'gates:lifecycle';

interface M {
  id: string;
  code: string;
  lifecycle: string;
  ownerId: string | null;
  sponsorId: string | null;
  controllerId: string | null;
}

function mustMeasure(s: ApiSession, id: string): M {
  const m = s
    .db()
    .prepare('SELECT id, code, lifecycle, owner_id AS ownerId, sponsor_id AS sponsorId, controller_id AS controllerId FROM measures WHERE id = ? AND deleted = 0')
    .get(id) as M | undefined;
  if (!m) throw new NotFoundError(`No measure ${id} (it may have been deleted).`);
  return m;
}

const refuse = (r: { code: 'validation' | 'forbidden'; message: string }) =>
  r.code === 'forbidden' ? new ApiError({ code: 'forbidden', message: r.message }) : new ValidationError(r.message);

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
    'gates:lifecycle': ({ measureId, action, reason, reviewDate, evidence }) => {
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
      });
      if (refusal) throw refuse(refusal);
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
        if (action !== 'resume') {
          db.prepare("SELECT id FROM gate_requests WHERE measure_id = ? AND status = 'pending' AND deleted = 0")
            .all(measureId)
            .forEach((r) => w.update('gate_requests', (r as { id: string }).id, { status: 'withdrawn', closed_at: nowIso(), close_reason: `Measure ${labels[action].toLowerCase()}: ${reason ?? ''}` }));
        }
      });
      return gateStatus(s, measureId);
    },
  };
}
