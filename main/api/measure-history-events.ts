import type { Database } from 'better-sqlite3';
import { decodeValue } from '../../db/changes.js';
import type { HistoryEntry } from '../../preload/contract/types.js';
import type { EffectLineType } from '../../preload/contract/value.js';
import { CRITERIA_LABELS } from '../domain/gates.js';
import { LINE_TYPE_RULES } from '../domain/value-lines.js';

/**
 * The decisions and value work on a measure, for its history: gate requests and their
 * outcome, each approval or rejection with its comment, confirmations, lifecycle decisions
 * with their reasons, edits of plan / forecast / actual per month, and validations and
 * reopenings of actuals with the reason. One entry per event (not one per column written).
 */
export function measureEvents(db: Database, measureId: string, people: Map<string, string>, system: (actor: string) => string): HistoryEntry[] {
  const name = (id: string | null) => (id ? (people.get(id) ?? id) : '');
  const out: HistoryEntry[] = [];
  const push = (at: string, actor: string, table: string, rowId: string, label: string, oldText: string, newText: string) =>
    out.push({ at, actor, table, rowId, field: label, oldValue: oldText || null, newValue: newText || null, label, oldText, newText });

  const requests = db
    .prepare("SELECT id, to_level, requester_id, comment, status, created_at, closed_at, close_reason FROM gate_requests WHERE measure_id = ? AND deleted = 0")
    .all(measureId) as { id: string; to_level: number; requester_id: string; comment: string; status: string; created_at: string; closed_at: string | null; close_reason: string }[];
  for (const r of requests) {
    const gate = `Gate DI${r.to_level}`;
    push(r.created_at, name(r.requester_id), 'gate_requests', r.id, gate, '', `requested${r.comment ? ` — ${r.comment}` : ''}`);
    if (r.status === 'withdrawn' && r.closed_at) push(r.closed_at, 'Steerco (system)', 'gate_requests', r.id, gate, 'requested', `withdrawn${r.close_reason ? ` — ${r.close_reason}` : ''}`);
  }
  const byRequest = new Map(requests.map((r) => [r.id, r]));
  const decisions = db
    .prepare(
      `SELECT d.id, d.request_id, d.person_id, d.decision, d.comment, d.at FROM gate_decisions d
       JOIN gate_requests r ON r.id = d.request_id WHERE r.measure_id = ? AND d.deleted = 0`,
    )
    .all(measureId) as { id: string; request_id: string; person_id: string; decision: string; comment: string; at: string }[];
  for (const d of decisions) {
    const r = byRequest.get(d.request_id);
    push(d.at, name(d.person_id), 'gate_decisions', d.id, `Gate DI${r?.to_level ?? '?'}`, 'requested', `${d.decision === 'approve' ? 'approved' : 'rejected'}${d.comment ? ` — ${d.comment}` : ''}`);
  }
  const attestations = db.prepare('SELECT id, key, person_id, note, at FROM gate_attestations WHERE measure_id = ? AND deleted = 0').all(measureId) as {
    id: string;
    key: string;
    person_id: string;
    note: string;
    at: string;
  }[];
  for (const a of attestations) push(a.at, name(a.person_id), 'gate_attestations', a.id, `Confirmed: ${CRITERIA_LABELS[a.key] ?? a.key}`, '', a.note || 'confirmed');

  const lifecycle = db
    .prepare('SELECT id, action, from_state, to_state, reason, review_date, person_id, at FROM lifecycle_decisions WHERE measure_id = ? AND deleted = 0')
    .all(measureId) as { id: string; action: string; from_state: string; to_state: string; reason: string; review_date: string | null; person_id: string; at: string }[];
  const state = (s: string) => ({ active: 'Active', on_hold: 'On hold', cancelled: 'Cancelled', closed: 'Closed' })[s] ?? s;
  for (const l of lifecycle) {
    const why = [l.reason, l.review_date ? `review on ${l.review_date}` : ''].filter(Boolean).join('; ');
    push(l.at, name(l.person_id), 'lifecycle_decisions', l.id, 'Lifecycle decision', state(l.from_state), `${state(l.to_state)}${why ? ` — ${why}` : ''}`);
  }

  // Value: each written month of each line, and each validation or reopening, from the change log.
  const rows = db
    .prepare(
      `SELECT l.hlc, l.actor, coalesce(p.name, CASE WHEN l.actor LIKE 'user:%' THEN substr(l.actor, 6) ELSE l.actor END) AS who,
              l.tbl, l.row_id, l.col, l.old_value, l.value
       FROM change_log l LEFT JOIN people p ON p.id = l.actor
       WHERE l.row_key IN (
               SELECT r.id FROM effect_values v JOIN effect_lines e ON e.id = v.line_id JOIN change_rows r ON r.tbl = 'effect_values' AND r.row_id = v.id WHERE e.measure_id = @id
               UNION ALL SELECT r.id FROM value_validations v JOIN change_rows r ON r.tbl = 'value_validations' AND r.row_id = v.id WHERE v.measure_id = @id)
         AND l.col IN ('plan', 'baseline', 'forecast', 'actual', 'state', 'reopen_reason')
       ORDER BY l.hlc, l.seq`,
    )
    .all({ id: measureId }) as { hlc: string; actor: string; who: string; tbl: string; row_id: string; col: string; old_value: string | null; value: string | null }[];
  const lines = new Map(
    (db.prepare('SELECT id, type, label FROM effect_lines WHERE measure_id = ?').all(measureId) as { id: string; type: EffectLineType; label: string }[]).map((l) => [l.id, l.label || LINE_TYPE_RULES[l.type]?.label || l.type]),
  );
  const money = (v: string | null) => {
    const x = decodeValue(v);
    return x === null || x === '' ? '' : (Number(x) / 100).toFixed(2);
  };
  const reasons = new Map(rows.filter((r) => r.col === 'reopen_reason').map((r) => [`${r.row_id}@${r.hlc}`, String(decodeValue(r.value) ?? '')]));
  for (const r of rows) {
    const at = new Date(Number(r.hlc.slice(0, 15))).toISOString();
    const who = system(r.who);
    if (r.tbl === 'effect_values') {
      // An insert writes the empty columns too; an empty value that stays empty is no event.
      if (!money(r.old_value) && !money(r.value)) continue;
      const [lineId, period] = [r.row_id.slice(0, r.row_id.lastIndexOf(':')), r.row_id.slice(r.row_id.lastIndexOf(':') + 1)];
      push(at, who, r.tbl, r.row_id, `${lines.get(lineId) ?? 'Effect'} ${period}: ${r.col}`, money(r.old_value), money(r.value));
    } else if (r.col === 'state') {
      const period = (db.prepare('SELECT period FROM value_validations WHERE id = ?').get(r.row_id) as { period: string } | undefined)?.period ?? '';
      const next = String(decodeValue(r.value) ?? '');
      const reason = reasons.get(`${r.row_id}@${r.hlc}`);
      push(at, who, r.tbl, r.row_id, `Actuals ${period}`, String(decodeValue(r.old_value) ?? ''), next === 'reopened' && reason ? `reopened — ${reason}` : next);
    }
  }
  return out;
}
