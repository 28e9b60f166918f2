/** Synced tables of service workflows: templates and what measures of a template carry (migration 0012), decision rights (0013), service KPIs (0014). */
export const WORKFLOW_TABLES = {
  templates: ['key', 'name', 'owner_role', 'description', 'spec', 'sort_order', 'deleted'],
  measure_templates: ['measure_id', 'template_id', 'deleted'],
  template_values: ['measure_id', 'field_key', 'value', 'deleted'],
  template_checks: ['measure_id', 'item_key', 'done', 'person_id', 'note', 'evidence_id', 'at', 'deleted'],
  decision_rights: ['decision_type', 'role_key', 'right', 'deleted'],
  kpis: ['key', 'name', 'measure_id', 'node_id', 'unit', 'direction', 'baseline', 'target', 'amber', 'red', 'sort_order', 'deleted'],
  kpi_actuals: ['kpi_id', 'period', 'value', 'deleted'],
} as const;
