import type { PackSettings } from './pack-types.js';
/** Types of the stage-gate feature, shared by every layer. Pure types and constants. */
import type { TemplateInput } from './workflow-types.js';
import type { KpiInput } from './kpi-types.js';

export const LIFECYCLE_ACTIONS = ['hold', 'resume', 'cancel', 'close'] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

/** Criteria a person confirms (with their name and date) instead of data the app can count. */
export const ATTESTATION_KEYS = ['dependencies_reviewed', 'business_case_validated', 'approval_recommendation', 'value_confirmed'] as const;
export type AttestationKey = (typeof ATTESTATION_KEYS)[number];

export interface GateLevelConfig {
  level: number;
  name: string;
  criteria: string[];
  approverRoles: string[];
  riskWeightPct: number;
  /** May the requester fill an approver slot they hold on their own request? */
  selfApproval: boolean;
  /** Must each approval come from the approver's own copy (not entered for them by someone else)? */
  ownCopy: boolean;
}

export interface GateSettings {
  /** Editing a measure's definition voids approvals given before the edit on open requests. */
  resetOnEdit: boolean;
  evidenceMaxBytes: number;
}

export interface GateConfig {
  levels: GateLevelConfig[];
  settings: GateSettings;
  /** Every criterion key the configuration screen offers, with its label. */
  criteriaCatalog: { key: string; label: string }[];
  /** Measure-relative approver roles and the workspace's role keys. */
  approverCatalog: { key: string; label: string }[];
}

export interface CriterionResult {
  key: string;
  label: string;
  met: boolean;
  /** Why, in words: "3 milestones, all dated", "confirmed by Sofia Almeida on 2026-03-02". */
  detail: string;
}

export interface Evidence {
  id: string;
  measureId: string;
  requestId: string | null;
  kind: 'file' | 'link' | 'note';
  name: string;
  sha256: string | null;
  size: number | null;
  mime: string;
  url: string;
  note: string;
  addedBy: string;
  addedAt: string;
}

export interface GateDecision {
  id: string;
  personId: string;
  person: string;
  roles: string[];
  decision: 'approve' | 'reject';
  comment: string;
  at: string;
  /** False when a later edit of the measure's definition voided this approval. */
  valid: boolean;
  /** Who typed it, when it was entered for `person` on someone else's copy ("entered by X for Y"). */
  enteredBy: string | null;
}

export interface ApproverSlot {
  role: string;
  label: string;
  /** People who may fill the slot. */
  holders: { id: string; name: string }[];
  filledBy: string | null;
  /** Who typed the approval that filled it, when entered for the approver. */
  filledEnteredBy: string | null;
}

export interface GateRequest {
  id: string;
  measureId: string;
  code: string;
  title: string;
  fromLevel: number;
  toLevel: number;
  toName: string;
  requesterId: string;
  requester: string;
  /** Who typed the request, when it was entered for the requester on someone else's copy. */
  requesterEnteredBy: string | null;
  comment: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  createdAt: string;
  closedAt: string | null;
  closeReason: string;
  ageDays: number;
  slots: ApproverSlot[];
  decisions: GateDecision[];
  evidence: Evidence[];
}

export interface LifecycleDecision {
  id: string;
  action: LifecycleAction;
  fromState: string;
  toState: string;
  reason: string;
  reviewDate: string | null;
  person: string;
  /** Who typed it, when entered for `person` on someone else's copy. */
  enteredBy: string | null;
  at: string;
}

export interface Attestation {
  key: string;
  personId: string;
  person: string;
  note: string;
  at: string;
}

export interface GateStatus {
  measureId: string;
  code: string;
  diLevel: number;
  levelName: string;
  lifecycle: string;
  /** The top of the ladder (DI5 Closed by default): closing from the level below it moves the measure there. */
  topLevel: number;
  /** Null at the top of the ladder. */
  next: { level: number; name: string; criteria: CriterionResult[]; ready: boolean; approverRoles: string[] } | null;
  pending: GateRequest | null;
  /** With reset-on-edit: the definition changed after the approval of the current level, which now needs re-approval. */
  approvalReset: { level: number; approvedAt: string; editedAt: string } | null;
  requests: GateRequest[];
  evidence: Evidence[];
  attestations: Attestation[];
  lifecycleDecisions: LifecycleDecision[];
  /** Lifecycle actions the acting person may take now, and why others are refused. */
  lifecycleActions: { action: LifecycleAction; allowed: boolean; reason: string }[];
  /** The measure's workflow template, whose checklist, fields and approvers the gates add. */
  template?: { key: string; name: string } | null;
}

/** One row per measure for the grid's "Next gate" column. */
export interface GateReadiness {
  measureId: string;
  next: number | null;
  met: number;
  total: number;
  ready: boolean;
  pending: boolean;
  missing: string[];
}

export interface EvidenceInput {
  kind: 'file' | 'link' | 'note';
  name?: string;
  /** Base64 content of a file. */
  content?: string;
  mime?: string;
  url?: string;
  note?: string;
}

/** The reusable engagement method: gates, roles, custom fields, pack layout, templates, rights, escalation rules, tolerance, KPI definitions. */
export interface MethodFile {
  format: 'steerco-method';
  version: 1;
  name: string;
  exportedAt: string;
  gates: GateLevelConfig[];
  settings: GateSettings;
  roles: { key: string; name: string }[];
  customFields: { key: string; label: string; type: string; choices: string; requiredFromDi: number | null }[];
  /** The pack's layout and branding (logo, colours, font); absent in method files of older versions. */
  pack?: PackSettings;
  /** Workflow templates (absent in methods saved before templates existed). */
  templates?: TemplateInput[];
  /** Decision rights other than gate approvers (absent in older methods). */
  decisionRights?: { decisionType: string; role: string; right: string }[];
  /** Escalation rules by key: threshold, level, on/off (absent in older methods). */
  escalationRules?: { key: string; threshold: number; level: 'project' | 'program' | 'steering'; enabled: boolean }[];
  /** Value tolerance (% off plan before a measure is flagged) and the days after which figures are stale. */
  tolerance?: { tolerancePct: number; staleDays: number };
  /** KPI definitions, one per key, without actuals; a new workspace gets them as KPIs of the whole program. */
  kpis?: KpiInput[];
}

/** What a measure's gate criteria are evaluated on: its definition and the counts of its facts (db/repositories/gates.ts reads them). */
export interface GateFacts {
  title: string;
  description: string;
  businessUnit: string;
  function: string;
  ownerId: string | null;
  sponsorId: string | null;
  controllerId: string | null;
  effectLines: number;
  targets: number;
  baselineValues: number;
  planPeriods: number;
  risks: number;
  milestones: number;
  milestonesDated: number;
  milestonesDone: number;
  dependencies: number;
  evidence: number;
  attestations: Partial<Record<string, { person: string; at: string }>>;
  /** Custom fields by key: label and whether the measure has a value. */
  custom: Record<string, { label: string; filled: boolean }>;
}
