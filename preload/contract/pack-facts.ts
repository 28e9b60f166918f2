/** The facts a pack is assembled from (read by db/repositories, assembled by main/domain). */
import type { PackBaseline, PackSettings, PackTexts } from './pack-types.js';
import type { Lifecycle, Rag } from './types.js';

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

/** Money in minor units, per measure. */
export interface FactMeasureValue {
  target: number;
  plan: number;
  forecast: number;
  actual: number;
  /** Validated actuals: the evidence that value is real. */
  actualValidated: number;
}

export interface FactMonth {
  period: string;
  kind: 'run_rate' | 'one_time';
  plan: number;
  forecast: number;
  actual: number;
}

export interface FactMilestone {
  measureCode: string;
  measureTitle: string;
  title: string;
  owner: string | null;
  dueDate: string | null;
  forecastDate: string | null;
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

export interface FactDependency {
  measureId: string;
  onMeasureId: string | null;
  externalParty: string | null;
  description: string;
  onCode: string | null;
  onTitle: string | null;
  /** The measure waited on is implemented, closed or cancelled: no longer blocking. */
  onDone: boolean;
}

export interface FactDecision {
  id: string;
  code: string;
  title: string;
  date: string;
  decidedBy: string;
  measures: string;
  /** True while the committee still has to decide (a decision required). */
  pending: boolean;
  context: string;
  options: string;
  recommendation: string;
  deadline: string | null;
}

export interface FactAction {
  id: string;
  title: string;
  owner: string | null;
  dueDate: string | null;
  status: string;
}

export interface PackFacts {
  workspaceName: string;
  currency: string;
  /** Today (YYYY-MM-DD) as the pack sees it: due windows and "overdue" are relative to it. */
  today: string;
  generatedAt: string;
  scope: { id: string | null; name: string };
  meeting: { id: string; title: string; date: string } | null;
  settings: PackSettings;
  texts: PackTexts;
  measures: FactMeasure[];
  gateLevels: { level: number; name: string; riskWeightPct: number }[];
  values: Record<string, FactMeasureValue>;
  months: FactMonth[];
  milestones: FactMilestone[];
  raid: FactRaid[];
  dependencies: FactDependency[];
  decisions: FactDecision[];
  /** Actions agreed at the previous meeting (or open actions when there is none). */
  actions: FactAction[];
  previous: { snapshotId: string; date: string; meetingTitle: string; baseline: PackBaseline } | null;
}
