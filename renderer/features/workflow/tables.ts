/** Tables whose changes move what a measure's workflow shows. */
export const WORKFLOW_TABLES = ['templates', 'measure_templates', 'template_values', 'template_checks', 'gate_evidence', 'people', 'role_assignments', 'roles', 'measures'];
