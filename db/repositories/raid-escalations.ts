import type { Database } from 'better-sqlite3';
import type { EscalationRuleRow } from '../../preload/contract/raid-types.js';
import { decodeValue } from '../changes.js';

export function listRules(db: Database): EscalationRuleRow[] {
  const rows = db
    .prepare('SELECT id, key, name, threshold, level, enabled FROM escalation_rules WHERE deleted = 0 ORDER BY rowid')
    .all() as (Omit<EscalationRuleRow, 'enabled'> & { enabled: number })[];
  return rows.map((r) => ({ ...r, enabled: r.enabled === 1 }));
}

/**
 * The reported implementation status after each update of every measure that is red now,
 * oldest first, read from the change log (the one mechanism for history). An update is one
 * user action (one tx) that touched the measure or its manual implementation status; the
 * status after it is the manual status (a status report) then in force, else grey. The
 * derived status is not in the log (every copy derives it, nobody edits it), so streaks
 * count what people reported; "red now" is the current (cached) status.
 */
export function redStatusHistories(db: Database): { measureId: string; code: string; statuses: string[] }[] {
  const rows = db
    .prepare(
      `SELECT id, code, tx, tbl, col, value FROM (
         SELECT m.id, m.code, l.tx, l.tbl, l.col, l.value, l.hlc, l.seq FROM measures m
         JOIN change_rows r ON r.tbl = 'measures' AND r.row_id = m.id
         JOIN change_log l ON l.row_key = r.id
         WHERE m.deleted = 0 AND m.implementation_status = 'red' AND l.col NOT IN ('updated_at', 'implementation_status', 'potential_status')
         UNION ALL
         SELECT m.id, m.code, l.tx, l.tbl, l.col, l.value, l.hlc, l.seq FROM measures m
         JOIN change_rows r ON r.tbl = 'status_overrides' AND r.row_id = m.id || ':implementation'
         JOIN change_log l ON l.row_key = r.id
         WHERE m.deleted = 0 AND m.implementation_status = 'red' AND l.col IN ('status', 'deleted'))
       ORDER BY id, hlc, seq`,
    )
    .all() as { id: string; code: string; tx: string; tbl: string; col: string; value: string | null }[];
  const out: { measureId: string; code: string; statuses: string[] }[] = [];
  let cur: { measureId: string; code: string; statuses: string[] } | undefined;
  let reported = 'grey';
  let live = false;
  let lastTx = '';
  for (const r of rows) {
    if (cur?.measureId !== r.id) {
      cur = { measureId: r.id, code: r.code, statuses: [] };
      out.push(cur);
      reported = 'grey';
      live = false;
      lastTx = '';
    }
    if (r.tbl === 'status_overrides' && r.col === 'status') reported = String(decodeValue(r.value) ?? 'grey');
    if (r.tbl === 'status_overrides') live = r.col === 'deleted' ? decodeValue(r.value) !== 1 : live || r.col === 'status';
    const status = live ? reported : 'grey';
    if (r.tx !== lastTx) {
      cur.statuses.push(status);
      lastTx = r.tx;
    } else cur.statuses[cur.statuses.length - 1] = status;
  }
  return out;
}

/**
 * Pending gate approvals, when the gates feature's table exists in this workspace.
 * Assumed columns: gate_requests(id, measure_id, status, created_at, deleted), pending = status 'pending'.
 */
export function pendingApprovals(db: Database): { requestId: string; measureId: string; createdAt: string; code: string }[] {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gate_requests'").get();
  if (!exists) return [];
  try {
    return db
      .prepare(
        `SELECT g.id AS requestId, g.measure_id AS measureId, g.created_at AS createdAt, m.code || ' gate request' AS code
         FROM gate_requests g JOIN measures m ON m.id = g.measure_id AND m.deleted = 0
         WHERE g.deleted = 0 AND g.status = 'pending'`,
      )
      .all() as { requestId: string; measureId: string; createdAt: string; code: string }[];
  } catch {
    // The table exists with other columns than assumed: no facts rather than a broken list.
    return [];
  }
}

export interface EscalationRow {
  id: string;
  subjectKey: string;
  ruleKey: string;
  subjectKind: string;
  subjectId: string;
  level: string;
  reason: string;
  raisedAt: string;
  status: 'open' | 'resolved';
}

export function listEscalations(db: Database, includeResolved: boolean): EscalationRow[] {
  return db
    .prepare(
      `SELECT id, subject_key AS subjectKey, rule_key AS ruleKey, subject_kind AS subjectKind, subject_id AS subjectId,
              level, reason, raised_at AS raisedAt, status
       FROM escalations WHERE deleted = 0 AND (? OR status = 'open') ORDER BY raised_at DESC, subject_key`,
    )
    .all(includeResolved ? 1 : 0) as EscalationRow[];
}

/** Open escalations by subject key → id. */
export function openEscalationKeys(db: Database): Map<string, string> {
  const rows = db.prepare("SELECT id, subject_key AS k FROM escalations WHERE deleted = 0 AND status = 'open'").all() as { id: string; k: string }[];
  return new Map(rows.map((r) => [r.k, r.id]));
}
