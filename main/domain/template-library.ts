import type { ChecklistItem, TemplateField, TemplateGate, TemplateInput } from '../../preload/contract/workflow-types.js';

/**
 * The built-in workflow library every new workspace starts with: the article's eight service
 * workflows and a service-desk template. Ordinary rows once seeded: a workspace changes or
 * removes them like its own.
 */

const choice = (key: string, label: string, choices: string[]): TemplateField => ({ key, label, type: 'choice', choices });
const text = (key: string, label: string): TemplateField => ({ key, label, type: 'text', choices: [] });
const date = (key: string, label: string): TemplateField => ({ key, label, type: 'date', choices: [] });
const num = (key: string, label: string): TemplateField => ({ key, label, type: 'number', choices: [] });
const step = (key: string, label: string, role: string, evidence = false, decision?: string): ChecklistItem => ({ key, label, role, evidence, ...(decision ? { decision } : {}) });
const gate = (level: number, g: Partial<Omit<TemplateGate, 'level'>>): TemplateGate => ({ level, fields: [], checklist: [], approvers: [], evidence: '', ...g });
const LMH = ['Low', 'Medium', 'High'];

export const TEMPLATE_LIBRARY: TemplateInput[] = [
  {
    key: 'service_request_intake',
    name: 'Service request intake',
    ownerRole: 'process_owner',
    description: 'How a service request enters, is categorised, checked against the entitlement and assigned.',
    fields: [choice('request_type', 'Request type', ['Standard', 'Change', 'Access', 'Information']), choice('intake_channel', 'Intake channel', ['Portal', 'Email', 'Phone']), choice('request_priority', 'Priority', ['Low', 'Medium', 'High', 'Critical'])],
    checklist: [step('categorised', 'Request categorised', 'process_owner'), step('entitlement_checked', 'Entitlement checked against the tier', 'service_owner'), step('assigned', 'Assigned to a resolver', 'operations_lead')],
    gates: [gate(1, { fields: ['request_type', 'request_priority'], checklist: ['categorised'] }), gate(2, { checklist: ['entitlement_checked', 'assigned'] })],
    triggers: [{ key: 'critical_request', name: 'Critical request open', level: 'program', field: 'request_priority', equals: 'Critical' }],
    reporting: ['request_type', 'request_priority'],
  },
  {
    key: 'contract_approval',
    name: 'Contract approval',
    ownerRole: 'commercial_owner',
    description: 'Approval path by deal size and margin, with discount exceptions approved by the commercial owner.',
    fields: [num('deal_value', 'Deal value'), num('discount_pct', 'Discount %'), num('deal_margin_pct', 'Margin %'), choice('approval_path', 'Approval path', ['Standard', 'Discount exception', 'Non-standard terms'])],
    checklist: [step('legal_review', 'Legal review of the terms', 'quality_reviewer'), step('margin_validated', 'Margin validated by finance', 'finance_controller', true, 'service_cost'), step('discount_approved', 'Discount exception approved', 'commercial_owner', true, 'discount_exception')],
    gates: [gate(2, { fields: ['deal_value', 'approval_path'] }), gate(3, { checklist: ['legal_review', 'margin_validated'], approvers: ['finance_controller'], evidence: 'Signed approval memo' })],
    triggers: [{ key: 'discount_exception', name: 'Discount exception requested', level: 'steering', field: 'approval_path', equals: 'Discount exception' }],
    reporting: ['deal_value', 'deal_margin_pct', 'approval_path'],
  },
  {
    key: 'customer_onboarding',
    name: 'Customer onboarding',
    ownerRole: 'service_owner',
    description: 'From the sales handoff to the go/no-go decision: readiness, data and configuration checked before a customer goes live.',
    fields: [
      date('launch_date', 'Launch date'),
      choice('configuration_status', 'Configuration status', ['Not started', 'In progress', 'Done', 'Blocked']),
      text('risk_note', 'Risk note'),
      choice('go_no_go', 'Go/no-go decision', ['Pending', 'Go', 'No go']),
      choice('onboarding_sla_risk', 'SLA risk', LMH),
    ],
    checklist: [
      step('sales_handoff', 'Sales handoff approval', 'commercial_owner', true),
      step('ops_readiness', 'Operations readiness review', 'operations_lead', true),
      step('data_validation', 'Customer data validation', 'it_workflow_owner'),
      step('go_no_go_decided', 'Go/no-go decision taken', 'steering_sponsor', true),
    ],
    gates: [
      gate(2, { fields: ['launch_date'], checklist: ['sales_handoff'] }),
      gate(3, { fields: ['configuration_status', 'risk_note'], checklist: ['ops_readiness', 'data_validation'], approvers: ['operations_lead'] }),
      gate(4, { fields: ['go_no_go'], checklist: ['go_no_go_decided'], evidence: 'Go/no-go minutes' }),
    ],
    triggers: [
      { key: 'sla_risk_high', name: 'SLA risk high for 2 updates', level: 'program', field: 'onboarding_sla_risk', equals: 'High', updates: 2 },
      { key: 'go_no_go_late', name: 'Go/no-go not decided 5 days before launch', level: 'steering', unticked: 'go_no_go_decided', date: 'launch_date', daysBefore: 5 },
    ],
    reporting: ['launch_date', 'configuration_status', 'go_no_go', 'onboarding_sla_risk'],
  },
  {
    key: 'issue_escalation',
    name: 'Issue escalation',
    ownerRole: 'operations_lead',
    description: 'Severity, impact and the escalation path of a service issue until its root cause is closed.',
    fields: [choice('severity', 'Severity', ['Sev1', 'Sev2', 'Sev3', 'Sev4']), num('affected_customers', 'Affected customers'), choice('escalation_tier', 'Escalated to', ['Team', 'Management', 'Steering committee']), text('root_cause', 'Root cause')],
    checklist: [step('impact_assessed', 'Impact assessed', 'operations_lead'), step('customer_informed', 'Customers informed', 'service_owner', true), step('root_cause_found', 'Root cause found', 'it_workflow_owner')],
    gates: [gate(2, { fields: ['severity'], checklist: ['impact_assessed'] }), gate(4, { fields: ['root_cause'], checklist: ['customer_informed', 'root_cause_found'] })],
    triggers: [{ key: 'sev1_open', name: 'Severity 1 issue open', level: 'steering', field: 'severity', equals: 'Sev1' }],
    reporting: ['severity', 'escalation_tier'],
  },
  {
    key: 'capacity_allocation',
    name: 'Capacity allocation',
    ownerRole: 'operations_lead',
    description: 'Delivery capacity requested, approved by finance and allocated to a resource pool.',
    fields: [num('fte_requested', 'FTE requested'), num('fte_allocated', 'FTE allocated'), choice('resource_pool', 'Resource pool', ['Service desk', 'Field engineering', 'Onboarding team']), choice('capacity_risk', 'Capacity impact', LMH)],
    checklist: [step('demand_confirmed', 'Demand confirmed by the service owner', 'service_owner'), step('capacity_funded', 'Capacity funded by finance', 'finance_controller', true, 'service_cost')],
    gates: [gate(3, { fields: ['fte_requested', 'resource_pool'], checklist: ['demand_confirmed', 'capacity_funded'], approvers: ['finance_controller'] })],
    triggers: [{ key: 'capacity_high', name: 'Capacity impact high for 2 updates', level: 'program', field: 'capacity_risk', equals: 'High', updates: 2 }],
    reporting: ['fte_requested', 'fte_allocated', 'capacity_risk'],
  },
  {
    key: 'quality_review',
    name: 'Quality review',
    ownerRole: 'quality_reviewer',
    description: 'A sampled review with its exceptions and outcome, shared with the process owner.',
    fields: [choice('review_type', 'Review type', ['Process audit', 'Service review', 'Compliance check']), date('review_date', 'Review date'), num('review_exceptions', 'Exceptions found'), choice('review_outcome', 'Outcome', ['Pending', 'Passed', 'Passed with exceptions', 'Failed'])],
    checklist: [step('sample_checked', 'Sample checked', 'quality_reviewer', true), step('findings_shared', 'Findings shared with the process owner', 'process_owner')],
    gates: [gate(4, { fields: ['review_outcome'], checklist: ['sample_checked', 'findings_shared'], evidence: 'Review report' })],
    triggers: [
      { key: 'review_failed', name: 'Quality review failed', level: 'steering', field: 'review_outcome', equals: 'Failed' },
      { key: 'review_overdue', name: 'Sample not checked by the review date', level: 'project', unticked: 'sample_checked', date: 'review_date', daysBefore: 0 },
    ],
    reporting: ['review_exceptions', 'review_outcome'],
  },
  {
    key: 'billing_exception',
    name: 'Billing exception handling',
    ownerRole: 'finance_controller',
    description: 'A billing exception analysed, corrected and approved, with leakage recorded.',
    fields: [choice('exception_type', 'Exception type', ['Credit note', 'Wrong tier', 'Unbilled usage', 'Dispute']), num('exception_amount', 'Amount'), choice('leakage', 'Billing leakage', ['No', 'Yes'])],
    checklist: [step('cause_analysed', 'Root cause analysed', 'finance_controller'), step('correction_approved', 'Correction approved', 'commercial_owner', true)],
    gates: [gate(3, { fields: ['exception_type'], checklist: ['cause_analysed'], approvers: ['finance_controller'] }), gate(4, { checklist: ['correction_approved'] })],
    triggers: [{ key: 'leakage_found', name: 'Billing leakage found', level: 'program', field: 'leakage', equals: 'Yes' }],
    reporting: ['exception_type', 'exception_amount', 'leakage'],
  },
  {
    key: 'performance_reporting',
    name: 'Performance reporting',
    ownerRole: 'process_owner',
    description: 'A recurring report: data validated, reconciled with finance and published.',
    fields: [choice('report_set', 'Report set', ['Launch', 'Run', 'Executive']), text('data_source', 'Data source'), choice('report_status', 'Report status', ['Draft', 'Reviewed', 'Published'])],
    checklist: [step('data_validated', 'Data validated', 'it_workflow_owner'), step('finance_reconciled', 'Reconciled with finance', 'finance_controller', true, 'service_cost'), step('sla_reviewed', 'SLA performance reviewed', 'service_owner', false, 'sla_review'), step('published', 'Published to the audience', 'process_owner')],
    gates: [gate(4, { fields: ['report_status'], checklist: ['data_validated', 'finance_reconciled', 'published'] })],
    triggers: [{ key: 'report_not_published', name: 'Report not published by its due date', level: 'project', unticked: 'published', date: 'due_date', daysBefore: 0 }],
    reporting: ['report_set', 'report_status'],
  },
  {
    key: 'service_desk',
    name: 'Service desk',
    ownerRole: 'service_owner',
    description: 'A service-desk workflow: category, subservice, SLA, impact and urgency, resolver group, escalation path and closure reason.',
    fields: [
      choice('category', 'Category', ['Incident', 'Service request', 'Problem', 'Change']),
      text('subservice', 'Subservice'),
      choice('sla', 'SLA', ['Bronze 8h', 'Silver 4h', 'Gold 1h']),
      choice('impact', 'Impact', LMH),
      choice('urgency', 'Urgency', LMH),
      text('resolver_group', 'Resolver group'),
      text('escalation_path', 'Escalation path'),
      choice('closure_reason', 'Closure reason', ['Resolved', 'Workaround', 'Duplicate', 'Cancelled by customer']),
      choice('sla_risk', 'SLA risk', LMH),
    ],
    checklist: [step('categorised', 'Categorised', 'service_owner'), step('resolver_assigned', 'Resolver group assigned', 'operations_lead'), step('closure_confirmed', 'Closure confirmed with the customer', 'service_owner', true)],
    gates: [
      gate(1, { fields: ['category', 'subservice', 'sla', 'impact', 'urgency'] }),
      gate(2, { fields: ['resolver_group', 'escalation_path'], checklist: ['categorised', 'resolver_assigned'] }),
      gate(4, { fields: ['closure_reason'], checklist: ['closure_confirmed'] }),
    ],
    triggers: [{ key: 'sla_risk_high', name: 'SLA risk high for 2 updates', level: 'program', field: 'sla_risk', equals: 'High', updates: 2 }],
    reporting: ['category', 'sla', 'sla_risk', 'closure_reason'],
  },
];

/** Demo measures (by title) and the template each follows. */
export const DEMO_TEMPLATE_OF: Record<string, string> = {
  'Single intake channel for service requests': 'service_request_intake',
  'Contract approval workflow': 'contract_approval',
  'Customer onboarding checklist': 'customer_onboarding',
  'Onboarding lead time below 10 days': 'customer_onboarding',
  'Escalation matrix to steering committee': 'issue_escalation',
  'Capacity allocation model': 'capacity_allocation',
  'Quality review of first 20 Gold tickets': 'quality_review',
  'Quality gate before go-live per customer': 'quality_review',
  'Billing exception handling process': 'billing_exception',
  'Reduce billing leakage below 1%': 'billing_exception',
  'Monthly service report per customer': 'performance_reporting',
  'Weekly operations scorecard': 'performance_reporting',
  'Triage rules by tier and severity': 'service_desk',
  'Automated request routing': 'service_desk',
};
