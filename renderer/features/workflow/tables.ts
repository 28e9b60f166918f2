/** Tables whose changes move what a measure's workflow shows. */
export const WORKFLOW_TABLES = ['templates', 'measure_templates', 'template_values', 'template_checks', 'gate_evidence', 'people', 'role_assignments', 'roles', 'measures'];

/** Tables whose changes move KPIs and the service figures. */
export const KPI_TABLES = ['kpis', 'kpi_actuals', 'decisions', 'escalations', 'gate_requests', 'effect_values', 'effect_lines', 'template_values', 'template_checks', 'measure_templates', 'custom_values', 'measures', 'raid_items'];
