import type { Writer } from '../../db/changes.js';
import type { Database } from '../../db/connection.js';
import { now as clockNow } from '../../db/clock.js';

const DAY = 86_400_000;

interface Row {
  id: string;
  diLevel: number;
  lifecycle: string;
  ownerId: string | null;
  sponsorId: string | null;
  controllerId: string | null;
}

/**
 * Gives the demo program true gate data: confirmations and waiting requests of several ages
 * (so the approvals inbox and its aging have something to show), one with a first approval,
 * the DI5 gate and closing of the closed measures, and the decisions behind the demo's
 * on-hold and cancelled measures.
 */
export function seedGatesDemo(db: Database, w: Writer, now = clockNow()): void {
  const rows = db
    .prepare('SELECT id, di_level AS diLevel, lifecycle, owner_id AS ownerId, sponsor_id AS sponsorId, controller_id AS controllerId FROM measures WHERE deleted = 0 ORDER BY code')
    .all() as Row[];
  const iso = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  // The last DI2 measures with three distinct people: DI3 requests waiting 4 and 17 days.
  const candidates = rows.filter((m) => m.diLevel === 2 && m.lifecycle === 'active' && m.controllerId && new Set([m.ownerId, m.sponsorId, m.controllerId]).size === 3);
  const waiting = candidates.length > 3 ? candidates.slice(-2) : [];
  waiting.forEach((m, i) => {
    const age = i === 0 ? 17 : 4;
    w.insert('gate_attestations', { measure_id: m.id, key: 'business_case_validated', person_id: m.controllerId!, note: 'Business case reviewed', at: iso(age + 2) });
    w.insert('gate_attestations', { measure_id: m.id, key: 'approval_recommendation', person_id: m.ownerId!, note: '', at: iso(age + 1) });
    const req = w.insert('gate_requests', {
      measure_id: m.id,
      from_level: 2,
      to_level: 3,
      requester_id: m.ownerId!,
      comment: 'Business case and plan ready for the steering committee',
      status: 'pending',
      created_at: iso(age),
      closed_at: null,
      close_reason: '',
    });
    w.insert('gate_evidence', {
      measure_id: m.id,
      request_id: req,
      kind: 'note',
      name: 'Note',
      sha256: null,
      size: null,
      mime: '',
      url: '',
      note: 'Controller reviewed the savings model on the finance review point.',
      added_by: m.ownerId!,
      added_at: iso(age),
    });
    if (i === 0) w.insert('gate_decisions', { request_id: req, person_id: m.sponsorId!, roles: '["sponsor"]', decision: 'approve', comment: 'Supported', at: iso(age - 3) });
  });
  // Closed measures passed DI5 the way the app closes them: the controller confirmed the value, with closure evidence.
  for (const m of rows.filter((x) => x.lifecycle === 'closed' && x.diLevel === 5 && x.controllerId)) {
    const at = iso(25);
    w.insert('gate_attestations', { measure_id: m.id, key: 'value_confirmed', person_id: m.controllerId!, note: 'Realised run-rate checked against the ledger', at });
    const req = w.insert('gate_requests', { measure_id: m.id, from_level: 4, to_level: 5, requester_id: m.controllerId!, comment: 'Value realised', status: 'approved', created_at: at, closed_at: at, close_reason: '' });
    w.insert('gate_evidence', {
      measure_id: m.id,
      request_id: req,
      kind: 'note',
      name: 'Note',
      sha256: null,
      size: null,
      mime: '',
      url: '',
      note: 'Three months of validated actuals at or above plan; savings booked in the cost centre report.',
      added_by: m.controllerId!,
      added_at: at,
    });
    w.insert('gate_decisions', { request_id: req, person_id: m.controllerId!, roles: '["controller"]', decision: 'approve', comment: 'Value confirmed', at });
    w.insert('lifecycle_decisions', { measure_id: m.id, action: 'close', from_state: 'active', to_state: 'closed', reason: 'Value realised and confirmed', review_date: null, person_id: m.controllerId!, at });
  }
  for (const m of rows.filter((x) => (x.lifecycle === 'on_hold' || x.lifecycle === 'cancelled') && x.sponsorId)) {
    const hold = m.lifecycle === 'on_hold';
    w.insert('lifecycle_decisions', {
      measure_id: m.id,
      action: hold ? 'hold' : 'cancel',
      from_state: 'active',
      to_state: m.lifecycle,
      reason: hold ? 'Waiting for the pricing decision of the steering committee' : 'Superseded by the tiered service model',
      review_date: hold ? new Date(now + 30 * DAY).toISOString().slice(0, 10) : null,
      person_id: m.sponsorId!,
      at: iso(20),
    });
  }
}
