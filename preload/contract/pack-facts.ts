/** The facts a pack is assembled from (read by db/repositories, assembled by main/domain). */
import type { PackBaseline, PackSettings, PackTexts } from './pack-types.js';
import type { Lifecycle, Rag } from './types.js';
import type { DashboardData } from './value.js';
import type { RightsMatrix } from './rights-types.js';
import type { ServiceKpis } from './kpi-types.js';

export interface FactMeasure {
  id: string;
  code: string;
  title: string;
  owner: string | null;
  sponsor: string | null;
  function: string;
  /** Name of the project (workstream) the measure sits in, '' when not under a project. */
  workstream: string;
  diLevel: number;
  lifecycle: Lifecycle;
  implementationStatus: Rag;
  potentialStatus: Rag;
  dueDate: string | null;
}

/** Net value of a measure in minor units (the value feature's roll-up by measure). */
export interface FactMeasureValue {
  target: number;
  plan: number;
  forecast: number;
  actual: number;
}

/** The value feature's annualised run-rate per month. */
export interface FactRunRate {
  period: string;
  runRate: number;
}

/** An open milestone of a measure that is neither cancelled nor closed, with a plan date. */
export interface FactMilestone {
  measureCode: string;
  measureTitle: string;
  /** The measure's lifecycle (active or on hold). */
  lifecycle: Lifecycle;
  title: string;
  owner: string | null;
  /** Plan date (YYYY-MM-DD). */
  dueDate: string;
  forecastDate: string | null;
  /** The measure's implementation (delivery) status. */
  status: Rag;
}

export interface FactRaid {
  id: string;
  code: string;
  kind: string;
  title: string;
  owner: string | null;
  impact: string | null;
  probability: string | null;
  status: string;
  escalated: boolean;
  escalationLevel: string | null;
  nextAction: string;
  dueDate: string | null;
  measureId: string | null;
  measureCode: string | null;
}

export interface FactDecision {
  id: string;
  code: string;
  text: string;
  date: string;
  decidedBy: string;
  meetingTitle: string | null;
  /** Labels of the measures, requests and RAID items it concerns. */
  links: string;
}

/** An open escalation (raised by a rule or escalated by hand in the RAID log). */
export interface FactEscalation {
  subject: string;
  measureId: string | null;
  level: 'project' | 'program' | 'steering';
  ruleName: string;
  reason: string;
  raisedAt: string;
  dueDate: string | null;
}

/** A measure blocked by a late or red measure upstream (the RAID feature's dependency graph). */
export interface FactBlocked {
  code: string;
  title: string;
  depth: number;
  culpritCode: string;
  culpritTitle: string;
  why: string;
  culpritDue: string | null;
}

/** A gate request waiting for approvers (the gates feature's inbox). */
export interface FactGateRequest {
  code: string;
  title: string;
  toLevel: number;
  toName: string;
  comment: string;
  ageDays: number;
  createdAt: string;
  /** Approver roles still to decide. */
  waitingFor: string[];
}

export interface FactAction {
  code: string;
  title: string;
  owner: string | null;
  dueDate: string | null;
  status: string;
  overdue: boolean;
}

export interface PackFacts {
  workspaceName: string;
  currency: string;
  /** Today (YYYY-MM-DD) as the pack sees it: due windows and "overdue" are relative to it. */
  today: string;
  generatedAt: string;
  /** The locale the pack writes its dates in (the requester's); null: ISO. */
  locale?: string | null;
  scope: { id: string | null; name: string };
  meeting: { id: string; title: string; date: string } | null;
  settings: PackSettings;
  texts: PackTexts;
  measures: FactMeasure[];
  /** The value feature's dashboard for the scope: pipeline, months, bridge, totals, the five questions. */
  dashboard: DashboardData;
  values: Record<string, FactMeasureValue>;
  runRates: FactRunRate[];
  /** Open milestones planned before the end of the window, overdue ones included. */
  milestones: FactMilestone[];
  /** Last day of the "due soon" window (YYYY-MM-DD). */
  milestoneWindowEnd: string;
  raid: FactRaid[];
  decisions: FactDecision[];
  escalations: FactEscalation[];
  /** Measures of workflow templates in scope (absent before templates existed). */
  workflows?: FactWorkflowMeasure[];
  /** The decision-rights matrix (absent before it existed). */
  rights?: RightsMatrix;
  /** The article's ten figures and the KPIs in scope (absent before KPIs existed). */
  service?: ServiceKpis;
  gateRequests: FactGateRequest[];
  blocked: FactBlocked[];
  /** Actions agreed at the previous meeting (or every open action when there is none). */
  actions: { from: string | null; items: FactAction[] };
  previous: { snapshotId: string; date: string; meetingTitle: string; baseline: PackBaseline } | null;
}

/** A measure of a workflow template: its checklist progress, the steps its next gate waits for, its reporting fields. */
export interface FactWorkflowMeasure {
  measureId: string;
  code: string;
  title: string;
  template: string;
  done: number;
  steps: number;
  /** Checklist steps and fields the next gate of the template still needs. */
  nextGateOpen: string[];
  /** The template's reporting fields with their values ("Launch date: 2027-06-30"). */
  reporting: string[];
  /** Escalation triggers of the template that hold now. */
  firing: string[];
}
