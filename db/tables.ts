import { MEASURE_FIELDS } from '../preload/contract/measure-fields.js';
import { PACK_TABLES } from './tables-pack.js';
import { RAID_TABLES } from './tables-raid.js';
import { WORKFLOW_TABLES } from './tables-workflow.js';

/**
 * Allow-list of the synced tables and their writable columns. Every identifier that
 * reaches SQL text in the change-log writer or in sync comes from here, never from input.
 * A later migration that adds a synced table or column adds it here too.
 */
export const SYNCED_TABLES = {
  nodes: ['parent_id', 'level', 'name', 'sort_order', 'deleted'],
  people: ['name', 'email', 'function', 'deleted'],
  roles: ['key', 'name', 'deleted'],
  role_assignments: ['person_id', 'role_id', 'node_id', 'deleted'],
  // The registry's fields (statuses are derived: their cache is not synced, a manual one is a status_overrides row).
  measures: ['code', 'node_id', ...MEASURE_FIELDS.filter((f) => f.kind !== 'status').map((f) => f.column), 'di_level', 'lifecycle', 'sort_order', 'updated_at', 'deleted'],
  custom_fields: ['key', 'label', 'type', 'choices', 'required_from_di', 'sort_order', 'deleted'],
  custom_values: ['measure_id', 'field_id', 'value', 'deleted'],
  milestones: ['measure_id', 'title', 'owner_id', 'due_date', 'forecast_date', 'done', 'done_date', 'sort_order', 'deleted'],
  effect_lines: ['measure_id', 'type', 'label', 'target', 'sort_order', 'updated_at', 'deleted'],
  effect_values: ['line_id', 'period', 'plan', 'baseline', 'forecast', 'actual', 'actual_validated', 'deleted'],
  raid_items: [
    'code',
    'kind',
    'title',
    'description',
    'node_id',
    'measure_id',
    'owner_id',
    'impact',
    'probability',
    'next_action',
    'due_date',
    'status',
    'escalated',
    'escalation_level',
    'updated_at',
    'deleted',
  ],
  dependencies: ['measure_id', 'on_measure_id', 'external_party', 'description', 'needed_by', 'status', 'deleted'],
  ...RAID_TABLES,
  gate_levels: ['level', 'name', 'criteria', 'approver_roles', 'risk_weight_pct', 'self_approval', 'own_copy', 'deleted'],
  ...PACK_TABLES,
  gate_settings: ['reset_on_edit', 'evidence_max_bytes', 'deleted'],
  gate_requests: ['measure_id', 'from_level', 'to_level', 'requester_id', 'comment', 'status', 'created_at', 'closed_at', 'close_reason', 'deleted'],
  gate_decisions: ['request_id', 'person_id', 'roles', 'decision', 'comment', 'at', 'deleted'],
  gate_attestations: ['measure_id', 'key', 'person_id', 'note', 'at', 'deleted'],
  gate_evidence: ['measure_id', 'request_id', 'kind', 'name', 'sha256', 'size', 'mime', 'url', 'note', 'added_by', 'added_at', 'deleted'],
  lifecycle_decisions: ['measure_id', 'action', 'from_state', 'to_state', 'reason', 'review_date', 'person_id', 'at', 'deleted'],
  saved_views: ['actor', 'name', 'state', 'deleted'],
  value_validations: ['measure_id', 'period', 'state', 'validated_by', 'validated_at', 'reopened_by', 'reopened_at', 'reopen_reason', 'deleted'],
  status_overrides: ['measure_id', 'kind', 'status', 'reason', 'set_by', 'set_at', 'deleted'],
  value_settings: ['tolerance_pct', 'stale_days', 'deleted'],
  sync_members: ['name', 'public_key', 'joined_vector', 'person_id', 'role', 'status', 'retired_seq', 'retired_reason', 'deleted'],
  ...WORKFLOW_TABLES,
} as const satisfies Record<string, readonly string[]>;

/**
 * Columns every copy derives for itself from the synced facts (the status cache, see
 * main/api/status-engine.ts): written with a plain UPDATE outside the change log, so they are
 * never in the history, never undone and never synced. Versions before schema 10 logged
 * them as edits; such changes are kept in the log (a relay still carries them) but
 * ignored by import, undo, conflicts and the history.
 */
export const DERIVED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  measures: ['implementation_status', 'potential_status'],
};

export function isDerivedColumn(table: string, column: string): boolean {
  return DERIVED_COLUMNS[table]?.includes(column) ?? false;
}

export type CellValue = string | number | null;

const registry = new Map<string, Set<string>>(
  Object.entries(SYNCED_TABLES).map(([t, cols]) => [t, new Set<string>(cols)]),
);

export function isSyncedTable(table: string): boolean {
  return registry.has(table);
}

export function isSyncedColumn(table: string, column: string): boolean {
  return registry.get(table)?.has(column) ?? false;
}

export function syncedColumns(table: string): string[] {
  return [...(registry.get(table) ?? [])];
}

export function syncedTableNames(): string[] {
  return [...registry.keys()];
}
