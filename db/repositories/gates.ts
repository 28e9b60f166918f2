import { MEASURE_FIELDS, type MeasureFieldDef } from '../../preload/contract/measure-fields.js';
import type { GateFacts } from '../../preload/contract/gates-types.js';
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Attestation, Evidence, GateLevelConfig, GateSettings, LifecycleDecision } from '../../preload/contract/gates-types.js';
import type { Writer } from '../changes.js';
import { nowIso } from '../clock.js';

/** SQL of the stage-gate feature: configuration, facts for the criteria, requests, evidence. */

export function getGateLevels(db: Database): GateLevelConfig[] {
  const rows = db
    .prepare('SELECT level, name, criteria, approver_roles, risk_weight_pct, self_approval, own_copy FROM gate_levels WHERE deleted = 0 ORDER BY level')
    .all() as { level: number; name: string; criteria: string; approver_roles: string; risk_weight_pct: number; self_approval: number; own_copy: number }[];
  return rows.map((r) => ({
    level: r.level,
    name: r.name,
    criteria: JSON.parse(r.criteria) as string[],
    approverRoles: JSON.parse(r.approver_roles) as string[],
    riskWeightPct: r.risk_weight_pct,
    selfApproval: r.self_approval === 1,
    ownCopy: r.own_copy === 1,
  }));
}

export function gateLevelId(db: Database, level: number): string | undefined {
  return (db.prepare('SELECT id FROM gate_levels WHERE level = ? AND deleted = 0').get(level) as { id: string } | undefined)?.id;
}

export function getGateSettings(db: Database): GateSettings {
  const r = db.prepare("SELECT reset_on_edit, evidence_max_bytes FROM gate_settings WHERE id = 'gates'").get() as
    | { reset_on_edit: number; evidence_max_bytes: number }
    | undefined;
  return { resetOnEdit: (r?.reset_on_edit ?? 1) === 1, evidenceMaxBytes: r?.evidence_max_bytes ?? 10 * 1024 * 1024 };
}

/** A measure's facts as the counting queries return them (attestations and custom fields are added after). */
type FactRow = Omit<MeasureFacts, 'attestations' | 'custom'>;

/**
 * Counts behind the criteria: one grouped aggregate per fact table, merged by measure id in
 * JS — a pass over each (small) fact table instead of an index probe per fact and measure.
 */
const MEASURE_SQL = `SELECT id, title, description, business_unit AS businessUnit, function, owner_id AS ownerId,
  sponsor_id AS sponsorId, controller_id AS controllerId FROM measures WHERE deleted = 0 AND (@m IS NULL OR id = @m)`;
const COUNT_SQL: [string, (keyof FactRow)[]][] = [
  ['SELECT measure_id AS id, count(*) AS a, count(target) AS b FROM effect_lines WHERE deleted = 0 AND (@m IS NULL OR measure_id = @m) GROUP BY measure_id', ['effectLines', 'targets']],
  [
    `SELECT l.measure_id AS id, count(v.baseline) AS a, count(DISTINCT CASE WHEN v.plan IS NOT NULL THEN v.period END) AS b
     FROM effect_values v JOIN effect_lines l ON l.id = v.line_id WHERE v.deleted = 0 AND l.deleted = 0 AND (@m IS NULL OR l.measure_id = @m) GROUP BY l.measure_id`,
    ['baselineValues', 'planPeriods'],
  ],
  ["SELECT measure_id AS id, count(*) AS a FROM raid_items WHERE deleted = 0 AND kind = 'risk' AND measure_id IS NOT NULL AND (@m IS NULL OR measure_id = @m) GROUP BY measure_id", ['risks']],
  [
    'SELECT measure_id AS id, count(*) AS a, count(due_date) AS b, sum(done) AS c FROM milestones WHERE deleted = 0 AND (@m IS NULL OR measure_id = @m) GROUP BY measure_id',
    ['milestones', 'milestonesDated', 'milestonesDone'],
  ],
  ['SELECT measure_id AS id, count(*) AS a FROM dependencies WHERE deleted = 0 AND (@m IS NULL OR measure_id = @m) GROUP BY measure_id', ['dependencies']],
  ['SELECT measure_id AS id, count(*) AS a FROM gate_evidence WHERE deleted = 0 AND (@m IS NULL OR measure_id = @m) GROUP BY measure_id', ['evidence']],
];

export type MeasureFacts = GateFacts & { id: string };

/** Facts for the criteria of every live measure (measureId = null) or of one. */
export function loadFacts(db: Database, measureId: string | null): Map<string, MeasureFacts> {
  const out = new Map<string, MeasureFacts>();
  // Built field by field: spreading 20k rows into new literals was the slowest part of the column.
  for (const r of db.prepare(MEASURE_SQL).all({ m: measureId }) as FactRow[]) {
    out.set(r.id, {
      id: r.id,
      title: r.title,
      description: r.description,
      businessUnit: r.businessUnit,
      function: r.function,
      ownerId: r.ownerId,
      sponsorId: r.sponsorId,
      controllerId: r.controllerId,
      effectLines: 0,
      targets: 0,
      baselineValues: 0,
      planPeriods: 0,
      risks: 0,
      milestones: 0,
      milestonesDated: 0,
      milestonesDone: 0,
      dependencies: 0,
      evidence: 0,
      attestations: {},
      custom: {},
    });
  }
  for (const [sql, keys] of COUNT_SQL) {
    for (const c of db.prepare(sql).all({ m: measureId }) as { id: string; a: number; b?: number; c?: number }[]) {
      const f = out.get(c.id);
      if (!f) continue;
      const vals = [c.a, c.b, c.c];
      keys.forEach((k, i) => ((f as unknown as Record<string, number>)[k] = vals[i] ?? 0));
    }
  }
  const fields = db.prepare('SELECT id, key, label FROM custom_fields WHERE deleted = 0').all() as { id: string; key: string; label: string }[];
  for (const f of out.values()) for (const cf of fields) f.custom[cf.key] = { label: cf.label, filled: false };
  const values = db
    .prepare(
      `SELECT v.measure_id AS m, f.key FROM custom_values v JOIN custom_fields f ON f.id = v.field_id
       WHERE v.deleted = 0 AND f.deleted = 0 AND v.value IS NOT NULL AND trim(v.value) NOT IN ('', '[]', 'false', '0') AND (@m IS NULL OR v.measure_id = @m)`,
    )
    .all({ m: measureId }) as { m: string; key: string }[];
  for (const v of values) {
    const c = out.get(v.m)?.custom[v.key];
    if (c) c.filled = true;
  }
  for (const a of listAttestations(db, measureId)) {
    const f = out.get(a.measureId);
    if (f && !f.attestations[a.key]) f.attestations[a.key] = { person: a.person, at: a.at };
  }
  return out;
}

/** Live attestations, newest first. */
export function listAttestations(db: Database, measureId: string | null): (Attestation & { id: string; measureId: string })[] {
  return db
    .prepare(
      `SELECT a.id, a.measure_id AS measureId, a.key, a.person_id AS personId, coalesce(p.name, a.person_id) AS person, a.note, a.at
       FROM gate_attestations a LEFT JOIN people p ON p.id = a.person_id
       WHERE a.deleted = 0 AND (@m IS NULL OR a.measure_id = @m) ORDER BY a.at DESC`,
    )
    .all({ m: measureId }) as (Attestation & { id: string; measureId: string })[];
}

/** Workspace role key → people holding it (live assignments). */
export function roleHolders(db: Database): Record<string, string[]> {
  const rows = db
    .prepare(
      `SELECT r.key, a.person_id AS personId FROM role_assignments a JOIN roles r ON r.id = a.role_id
       JOIN people p ON p.id = a.person_id WHERE a.deleted = 0 AND r.deleted = 0 AND p.deleted = 0`,
    )
    .all() as { key: string; personId: string }[];
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.key] ??= []).push(r.personId);
  return out;
}

export function personNames(db: Database): Map<string, string> {
  return new Map((db.prepare('SELECT id, name FROM people').all() as { id: string; name: string }[]).map((p) => [p.id, p.name]));
}

export interface RequestRow {
  id: string;
  measureId: string;
  code: string;
  title: string;
  measureDeleted: number;
  fromLevel: number;
  toLevel: number;
  requesterId: string;
  comment: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  createdAt: string;
  closedAt: string | null;
  closeReason: string;
}

const REQUEST_SQL = `SELECT r.id, r.measure_id AS measureId, m.code, m.title, m.deleted AS measureDeleted, r.from_level AS fromLevel,
  r.to_level AS toLevel, r.requester_id AS requesterId, r.comment, r.status, r.created_at AS createdAt, r.closed_at AS closedAt,
  r.close_reason AS closeReason FROM gate_requests r JOIN measures m ON m.id = r.measure_id WHERE r.deleted = 0`;

export function getRequest(db: Database, id: string): RequestRow | undefined {
  return db.prepare(`${REQUEST_SQL} AND r.id = ?`).get(id) as RequestRow | undefined;
}

export function listRequests(db: Database, filter: { measureId?: string; pendingOnly?: boolean }): RequestRow[] {
  return db
    .prepare(`${REQUEST_SQL} AND (@m IS NULL OR r.measure_id = @m) AND (@p = 0 OR (r.status = 'pending' AND m.deleted = 0)) ORDER BY r.created_at ${filter.pendingOnly ? 'ASC' : 'DESC'}`)
    .all({ m: filter.measureId ?? null, p: filter.pendingOnly ? 1 : 0 }) as RequestRow[];
}

export interface DecisionRow {
  id: string;
  requestId: string;
  personId: string;
  roles: string;
  decision: 'approve' | 'reject';
  comment: string;
  at: string;
  /** Clock stamp of the decision in the change log, comparable with lastDefinitionEdit(). */
  hlc: string;
}

export function listDecisions(db: Database, requestIds: string[]): DecisionRow[] {
  return db
    .prepare(
      `SELECT d.id, d.request_id AS requestId, d.person_id AS personId, d.roles, d.decision, d.comment, d.at,
              coalesce((SELECT max(l.hlc) FROM change_rows r JOIN change_log l ON l.row_key = r.id WHERE r.tbl = 'gate_decisions' AND r.row_id = d.id), '') AS hlc
       FROM gate_decisions d WHERE d.deleted = 0 AND d.request_id IN (SELECT value FROM json_each(?)) ORDER BY d.at`,
    )
    .all(JSON.stringify(requestIds)) as DecisionRow[];
}

const EVIDENCE_SQL = `SELECT e.id, e.measure_id AS measureId, e.request_id AS requestId, e.kind, e.name, e.sha256, e.size, e.mime, e.url, e.note,
  coalesce(p.name, e.added_by) AS addedBy, e.added_at AS addedAt FROM gate_evidence e LEFT JOIN people p ON p.id = e.added_by WHERE e.deleted = 0`;

export function listEvidence(db: Database, measureId: string): Evidence[] {
  return db.prepare(`${EVIDENCE_SQL} AND e.measure_id = ? ORDER BY e.added_at DESC`).all(measureId) as Evidence[];
}

export function getEvidence(db: Database, id: string): Evidence | undefined {
  return db.prepare(`${EVIDENCE_SQL} AND e.id = ?`).get(id) as Evidence | undefined;
}

/** Stores file content once per hash (immutable, so re-adding the same file is free). */
export function putBlob(db: Database, content: Buffer): { sha256: string; size: number } {
  const sha256 = createHash('sha256').update(content).digest('hex');
  db.prepare('INSERT OR IGNORE INTO evidence_blobs (sha256, size, content) VALUES (?, ?, ?)').run(sha256, content.length, content);
  return { sha256, size: content.length };
}

export function getBlob(db: Database, sha256: string): Buffer | undefined {
  return (db.prepare('SELECT content FROM evidence_blobs WHERE sha256 = ?').get(sha256) as { content: Buffer } | undefined)?.content;
}

export function insertEvidence(
  w: Writer,
  e: { measureId: string; requestId: string | null; kind: string; name: string; sha256?: string | null; size?: number | null; mime?: string; url?: string; note?: string; addedBy: string },
): string {
  return w.insert('gate_evidence', {
    measure_id: e.measureId,
    request_id: e.requestId,
    kind: e.kind,
    name: e.name,
    sha256: e.sha256 ?? null,
    size: e.size ?? null,
    mime: e.mime ?? '',
    url: e.url ?? '',
    note: e.note ?? '',
    added_by: e.addedBy,
    added_at: nowIso(),
  });
}

export function listLifecycleDecisions(db: Database, measureId: string): LifecycleDecision[] {
  const rows = db
    .prepare(
      `SELECT d.id, d.action, d.from_state AS fromState, d.to_state AS toState, d.reason, d.review_date AS reviewDate,
              coalesce(p.name, d.person_id) AS person, d.at
       FROM lifecycle_decisions d LEFT JOIN people p ON p.id = d.person_id WHERE d.deleted = 0 AND d.measure_id = ? ORDER BY d.at DESC`,
    )
    .all(measureId) as Omit<LifecycleDecision, 'enteredBy'>[];
  const by = enteredByOf(db, 'lifecycle_decisions', rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, enteredBy: by.get(r.id) ?? null }));
}

/**
 * For rows of `tbl`: who typed the row when it was entered for someone else on their copy
 * (the person's name, from the change that created the row); rows entered by their own
 * person are left out.
 */
export function enteredByOf(db: Database, tbl: string, ids: string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  const rows = db
    .prepare(
      `SELECT r.row_id AS id, coalesce(p.name, l.entered_by) AS name FROM change_rows r
       JOIN change_log l ON l.row_key = r.id AND l.col = 'deleted' AND l.base_hlc IS NULL AND l.entered_by IS NOT NULL
       LEFT JOIN people p ON p.id = l.entered_by
       WHERE r.tbl = ? AND r.row_id IN (SELECT value FROM json_each(?))`,
    )
    .all(tbl, JSON.stringify(ids)) as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

const DEFINITION_COLUMNS = (MEASURE_FIELDS as readonly MeasureFieldDef[]).filter((f) => f.definition).map((f) => f.column);

/** Clock stamp of the last edit of the measure's definition (title, description, people…); null if never edited since creation. */
export function lastDefinitionEdit(db: Database, measureId: string): string | null {
  const r = db
    .prepare(
      `SELECT max(hlc) AS h FROM change_log WHERE row_key = (SELECT id FROM change_rows WHERE tbl = 'measures' AND row_id = ?) AND base_hlc IS NOT NULL
       AND col IN (SELECT value FROM json_each(?))`,
    )
    .get(measureId, JSON.stringify(DEFINITION_COLUMNS)) as { h: string | null };
  return r.h;
}
