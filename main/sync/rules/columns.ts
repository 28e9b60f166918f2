import type { Database } from '../../../db/connection.js';
import { syncedColumns, syncedTableNames, type CellValue } from '../../../db/tables.js';
import { isIsoDate } from '../../../preload/contract/parse.js';

/**
 * What an imported value must be, column by column: the same limits a local edit meets
 * (text lengths, no control characters, dates, URL schemes, enumerations, integers, JSON),
 * checked for every change whether or not it ends up winning its cell — so every copy
 * refuses the same changes whatever order they arrive in.
 */
type Spec =
  | { t: 'text'; max?: number; required?: boolean; long?: boolean }
  | { t: 'date'; required?: boolean }
  | { t: 'period' }
  | { t: 'ts'; required?: boolean }
  | { t: 'int'; min?: number; max?: number }
  | { t: 'enum'; values: readonly string[] }
  | { t: 'json'; shape: 'array' | 'object' | 'any'; max: number }
  | { t: 'url' };

const LINE = 500;
const LONG = 1_000_000;
const RAG = ['green', 'amber', 'red', 'grey'] as const;
const bool = { t: 'int', min: 0, max: 1 } as const;
const line = (required = false): Spec => ({ t: 'text', max: LINE, required });
const long: Spec = { t: 'text', max: LONG, long: true };
const ts: Spec = { t: 'ts' };
const date: Spec = { t: 'date' };
const money: Spec = { t: 'int', min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
const jsonArray = (max = 100_000): Spec => ({ t: 'json', shape: 'array', max });

const SPECS: Record<string, Record<string, Spec>> = {
  nodes: { level: { t: 'enum', values: ['organization', 'portfolio', 'program', 'project', 'package'] }, name: line(true), sort_order: { t: 'int' } },
  people: { name: line(true), email: line(), function: line() },
  roles: { key: { t: 'text', max: 100, required: true }, name: line(true) },
  measures: {
    code: { t: 'text', max: 100, required: true },
    title: line(true),
    description: long,
    business_unit: line(),
    function: line(),
    legal_entity: line(),
    start_date: date,
    due_date: date,
    di_level: { t: 'int', min: 0, max: 5 },
    lifecycle: { t: 'enum', values: ['active', 'on_hold', 'cancelled', 'closed'] },
    implementation_status: { t: 'enum', values: RAG },
    potential_status: { t: 'enum', values: RAG },
    closure_criteria: long,
    sort_order: { t: 'int' },
    updated_at: ts,
  },
  custom_fields: {
    key: { t: 'text', max: 100, required: true },
    label: line(true),
    type: { t: 'enum', values: ['text', 'number', 'money', 'date', 'choice', 'multi', 'person', 'checkbox'] },
    choices: jsonArray(),
    required_from_di: { t: 'int', min: 0, max: 5 },
    sort_order: { t: 'int' },
  },
  custom_values: { value: long },
  milestones: { title: line(true), due_date: date, forecast_date: date, done: bool, done_date: date, sort_order: { t: 'int' } },
  effect_lines: {
    type: {
      t: 'enum',
      values: [
        'recurring_benefit', 'one_time_benefit', 'one_time_cost', 'recurring_cost', 'capex', 'baseline_service_cost', 'target_margin',
        'forecast_margin', 'actual_service_cost', 'billing_leakage', 'customer_profitability', 'capacity_impact',
      ],
    },
    label: line(),
    target: money,
    sort_order: { t: 'int' },
    updated_at: ts,
  },
  effect_values: { period: { t: 'period' }, plan: money, baseline: money, forecast: money, actual: money, actual_validated: bool },
  raid_items: {
    code: { t: 'text', max: 100, required: true },
    kind: { t: 'enum', values: ['risk', 'assumption', 'issue', 'dependency'] },
    title: line(true),
    description: long,
    impact: { t: 'enum', values: ['low', 'medium', 'high', 'critical'] },
    probability: { t: 'enum', values: ['low', 'medium', 'high'] },
    next_action: long,
    due_date: date,
    status: { t: 'enum', values: ['open', 'in_progress', 'mitigated', 'closed'] },
    escalated: bool,
    escalation_level: { t: 'enum', values: ['project', 'program', 'steering'] },
    updated_at: ts,
  },
  dependencies: { external_party: line(), description: long, needed_by: date, status: { t: 'enum', values: ['open', 'resolved'] } },
  meetings: {
    title: line(true),
    date: { t: 'date', required: true },
    status: { t: 'enum', values: ['planned', 'held', 'closed'] },
    attendees: jsonArray(),
    agenda: long,
  },
  decisions: { code: { t: 'text', max: 100, required: true }, text: long, decided_by: line(), date: { t: 'date', required: true }, status: { t: 'enum', values: ['open', 'decided'] } },
  decision_links: { target_kind: { t: 'enum', values: ['measure', 'gate_request', 'raid_item'] }, target_id: { t: 'text', max: 200, required: true } },
  actions: {
    code: { t: 'text', max: 100, required: true },
    title: line(true),
    due_date: date,
    status: { t: 'enum', values: ['open', 'in_progress', 'done', 'cancelled'] },
  },
  escalation_rules: {
    key: { t: 'text', max: 100, required: true },
    name: line(true),
    threshold: { t: 'int', min: 0 },
    level: { t: 'enum', values: ['project', 'program', 'steering'] },
    enabled: bool,
  },
  escalations: {
    subject_key: line(true),
    rule_key: line(true),
    subject_kind: { t: 'enum', values: ['measure', 'raid_item', 'dependency', 'gate_request'] },
    subject_id: { t: 'text', max: 200, required: true },
    level: { t: 'enum', values: ['project', 'program', 'steering'] },
    reason: long,
    raised_at: { t: 'ts', required: true },
    status: { t: 'enum', values: ['open', 'resolved'] },
    resolved_at: ts,
  },
  gate_levels: {
    level: { t: 'int', min: 0, max: 5 },
    name: line(true),
    criteria: jsonArray(),
    approver_roles: jsonArray(),
    risk_weight_pct: { t: 'int', min: 0, max: 100 },
    self_approval: bool,
    own_copy: bool,
  },
  pack_settings: {
    sections: jsonArray(),
    paper: { t: 'enum', values: ['A4', 'Letter'] },
    orientation: { t: 'enum', values: ['landscape', 'portrait'] },
    confidentiality: line(),
    // The logo (at most 300 KB, base64) travels inside it.
    branding: { t: 'json', shape: 'object', max: 450_000 },
  },
  pack_texts: { overall_status: { t: 'enum', values: RAG }, status_reason: long, summary: long, key_achievement: long, key_concern: long },
  pack_snapshots: {
    meeting_title: line(),
    scope_name: line(),
    pack_date: { t: 'date', required: true },
    taken_at: { t: 'ts', required: true },
    data: { t: 'json', shape: 'object', max: 50_000_000 },
  },
  gate_settings: { reset_on_edit: bool, evidence_max_bytes: { t: 'int', min: 1024, max: 104_857_600 } },
  gate_requests: {
    from_level: { t: 'int', min: 0, max: 5 },
    to_level: { t: 'int', min: 0, max: 5 },
    comment: long,
    status: { t: 'enum', values: ['pending', 'approved', 'rejected', 'withdrawn'] },
    created_at: { t: 'ts', required: true },
    closed_at: ts,
    close_reason: long,
  },
  gate_decisions: { roles: jsonArray(10_000), decision: { t: 'enum', values: ['approve', 'reject'] }, comment: long, at: { t: 'ts', required: true } },
  gate_attestations: {
    key: { t: 'enum', values: ['dependencies_reviewed', 'business_case_validated', 'approval_recommendation', 'value_confirmed'] },
    note: long,
    at: { t: 'ts', required: true },
  },
  gate_evidence: {
    kind: { t: 'enum', values: ['file', 'link', 'note'] },
    name: line(),
    sha256: { t: 'text', max: 64 },
    size: { t: 'int', min: 0 },
    mime: line(),
    url: { t: 'url' },
    note: long,
    added_at: { t: 'ts', required: true },
  },
  lifecycle_decisions: {
    action: { t: 'enum', values: ['hold', 'resume', 'cancel', 'close'] },
    from_state: { t: 'enum', values: ['active', 'on_hold', 'cancelled', 'closed'] },
    to_state: { t: 'enum', values: ['active', 'on_hold', 'cancelled', 'closed'] },
    reason: long,
    review_date: date,
    at: { t: 'ts', required: true },
  },
  saved_views: { name: line(true), state: { t: 'json', shape: 'object', max: 1_000_000 } },
  value_validations: {
    period: { t: 'period' },
    state: { t: 'enum', values: ['validated', 'reopened'] },
    validated_at: ts,
    reopened_at: ts,
    reopen_reason: long,
  },
  status_overrides: { kind: { t: 'enum', values: ['implementation', 'potential'] }, status: { t: 'enum', values: RAG }, reason: long, set_at: ts },
  value_settings: { tolerance_pct: { t: 'int', min: 0, max: 100 }, stale_days: { t: 'int', min: 1, max: 3650 } },
  sync_members: {
    name: line(true),
    public_key: { t: 'text', max: 200, required: true },
    joined_vector: { t: 'json', shape: 'object', max: 1_000_000 },
    role: { t: 'enum', values: ['admin', 'member'] },
    status: { t: 'enum', values: ['active', 'retired'] },
    retired_seq: { t: 'int', min: 0 },
    retired_reason: long,
  },
  templates: {
    key: { t: 'text', max: 100, required: true },
    name: line(true),
    owner_role: { t: 'text', max: 100 },
    description: long,
    spec: { t: 'json', shape: 'object', max: 1_000_000 },
    sort_order: { t: 'int' },
  },
  template_values: { field_key: { t: 'text', max: 100, required: true }, value: long },
  template_checks: { item_key: { t: 'text', max: 100, required: true }, done: bool, note: long, at: ts },
  decision_rights: {
    decision_type: { t: 'text', max: 100, required: true },
    role_key: { t: 'text', max: 100, required: true },
    right: { t: 'enum', values: ['decide', 'approve', 'consult', 'inform', 'none'] },
  },
  kpis: {
    key: { t: 'text', max: 100, required: true },
    name: line(true),
    unit: { t: 'text', max: 40 },
    direction: { t: 'enum', values: ['higher', 'lower'] },
    sort_order: { t: 'int' },
  },
  kpi_actuals: { period: { t: 'period' } },
};

interface ColumnInfo {
  type: 'TEXT' | 'INTEGER' | 'REAL';
  notNull: boolean;
  hasDefault: boolean;
  /** Foreign key target table. */
  ref: string | null;
}

const schemaCache = new WeakMap<Database, Map<string, Map<string, ColumnInfo>>>();

/** Declared type, NOT NULL and foreign keys of every synced column, read from the schema once. */
export function columnInfo(db: Database): Map<string, Map<string, ColumnInfo>> {
  let m = schemaCache.get(db);
  if (m) return m;
  m = new Map();
  for (const tbl of syncedTableNames()) {
    const fks = new Map((db.pragma(`foreign_key_list(${tbl})`) as { from: string; table: string }[]).map((f) => [f.from, f.table]));
    const cols = new Map<string, ColumnInfo>();
    for (const c of db.pragma(`table_info(${tbl})`) as { name: string; type: string; notnull: number; dflt_value: unknown }[]) {
      cols.set(c.name, { type: c.type === 'INTEGER' ? 'INTEGER' : c.type === 'REAL' ? 'REAL' : 'TEXT', notNull: c.notnull === 1, hasDefault: c.dflt_value !== null, ref: fks.get(c.name) ?? null });
    }
    m.set(tbl, cols);
  }
  schemaCache.set(db, m);
  return m;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const LINE_BREAK_OR_CONTROL = /[\u0000-\u001f\u007f]/;
const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function jsonDepth(v: unknown, depth = 0): number {
  if (depth > 64 || v === null || typeof v !== 'object') return depth;
  let max = depth + 1;
  for (const x of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) max = Math.max(max, jsonDepth(x, depth + 1));
  return max;
}

function checkSpec(spec: Spec, v: string | number): string | null {
  switch (spec.t) {
    case 'text': {
      if (typeof v !== 'string') return 'is not text';
      const s = spec.long ? v : v.trim();
      if (spec.required && s.length === 0) return 'is required and cannot be empty';
      if (s.length > (spec.max ?? LONG)) return `is too long (${s.length} characters, at most ${spec.max ?? LONG})`;
      if (spec.long ? CONTROL.test(s) : LINE_BREAK_OR_CONTROL.test(s)) return 'contains a control character';
      return null;
    }
    case 'date':
      return typeof v === 'string' && isIsoDate(v) ? null : `"${String(v).slice(0, 40)}" is not a date (YYYY-MM-DD)`;
    case 'period':
      return typeof v === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? null : `"${String(v).slice(0, 40)}" is not a month (YYYY-MM)`;
    case 'ts':
      return typeof v === 'string' && TS_RE.test(v) && !Number.isNaN(Date.parse(v)) ? null : `"${String(v).slice(0, 40)}" is not a date and time`;
    case 'int':
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) return `${String(v).slice(0, 40)} is not a whole number`;
      if (spec.min !== undefined && v < spec.min) return `${v} is below ${spec.min}`;
      if (spec.max !== undefined && v > spec.max) return `${v} is above ${spec.max}`;
      return null;
    case 'enum':
      return typeof v === 'string' && spec.values.includes(v) ? null : `"${String(v).slice(0, 40)}" is not one of ${spec.values.join(', ')}`;
    case 'json': {
      if (typeof v !== 'string') return 'is not JSON text';
      if (v.length > spec.max) return `is too large (${v.length} characters, at most ${spec.max})`;
      let x: unknown;
      try {
        x = JSON.parse(v);
      } catch {
        return 'is not valid JSON';
      }
      if (spec.shape === 'array' && !Array.isArray(x)) return 'is not a list';
      if (spec.shape === 'object' && (!x || typeof x !== 'object' || Array.isArray(x))) return 'is not an object';
      if (jsonDepth(x) > 32) return 'is nested too deeply';
      return null;
    }
    case 'url':
      if (typeof v !== 'string') return 'is not text';
      if (v === '') return null;
      return /^https?:\/\/[^\s]+$/i.test(v) && v.length <= 2000 ? null : `"${v.slice(0, 40)}" is not a web link (http:// or https://)`;
  }
}

/** Why a value cannot be stored in `tbl.col` (same limits as a local edit), or null. */
export function columnProblem(db: Database, tbl: string, col: string, value: CellValue): string | null {
  const info = columnInfo(db).get(tbl)?.get(col);
  if (!info) return `${tbl}.${col} is not a column of this workspace`;
  if (value === null) return info.notNull ? 'cannot be empty' : null;
  if (info.type === 'INTEGER' && (typeof value !== 'number' || !Number.isSafeInteger(value))) return `${String(value).slice(0, 40)} is not a whole number`;
  if (info.type === 'TEXT' && typeof value !== 'string') return 'is not text';
  // REAL columns (KPI values): any finite number.
  if (info.type === 'REAL') return typeof value === 'number' && Number.isFinite(value) ? null : `${String(value).slice(0, 40)} is not a number`;
  if (col === 'deleted') return value === 0 || value === 1 ? null : 'is not 0 or 1';
  if (info.ref) return typeof value === 'string' && value.length > 0 && value.length <= 200 && !LINE_BREAK_OR_CONTROL.test(value) ? null : 'is not a row id';
  const spec = SPECS[tbl]?.[col];
  if (spec) return checkSpec(spec, value);
  // Unlisted columns (ids of people, free text): bounded text without control characters.
  return typeof value === 'string' && (value.length > LONG || CONTROL.test(value)) ? 'is too long or contains a control character' : null;
}

const requiredCache = new WeakMap<Database, Map<string, string[]>>();

/** Columns a new row must be given (NOT NULL without a default). */
export function requiredOnInsert(db: Database, tbl: string): string[] {
  let m = requiredCache.get(db);
  if (!m) requiredCache.set(db, (m = new Map()));
  let list = m.get(tbl);
  if (!list) {
    const cols = columnInfo(db).get(tbl);
    list = cols ? syncedColumns(tbl).filter((c) => cols.get(c)?.notNull === true && !cols.get(c)!.hasDefault) : [];
    m.set(tbl, list);
  }
  return list;
}

/** Synced columns that refer to another table's row (foreign keys). */
export function referenceOf(db: Database, tbl: string, col: string): string | null {
  return columnInfo(db).get(tbl)?.get(col)?.ref ?? null;
}

const uniqueCache = new WeakMap<Database, Map<string, string[]>>();

/** Single-column UNIQUE constraints of a synced table (e.g. measures.code), read from the schema. */
export function uniqueColumns(db: Database, tbl: string): string[] {
  let m = uniqueCache.get(db);
  if (!m) uniqueCache.set(db, (m = new Map()));
  let cols = m.get(tbl);
  if (!cols) {
    cols = [];
    for (const ix of db.pragma(`index_list(${tbl})`) as { name: string; unique: number; origin: string }[]) {
      if (ix.unique !== 1 || ix.origin === 'pk') continue;
      const info = db.pragma(`index_info(${ix.name})`) as { name: string }[];
      if (info.length === 1 && syncedColumns(tbl).includes(info[0]!.name)) cols.push(info[0]!.name);
    }
    m.set(tbl, cols);
  }
  return cols;
}
