/** Service KPIs and the article's report figures. Pure types, shared by every layer. */
import type { Rag } from './types.js';

export type KpiDirection = 'higher' | 'lower';

export interface KpiInput {
  /** Same key on several measures: the KPIs roll up together ("sla_attainment"). */
  key: string;
  name: string;
  unit: string;
  direction: KpiDirection;
  baseline: number | null;
  target: number | null;
  /** Past this (below for higher-is-better, above for lower-is-better) the KPI is amber. */
  amber: number;
  /** Past this the KPI is red: beyond amber, on the far side from the target. */
  red: number;
}

export interface Kpi extends KpiInput {
  id: string;
  measureId: string | null;
  nodeId: string | null;
  /** What it is on: "M-0012 Triage rules…", a node's name, or "Whole program". */
  on: string;
  actuals: { period: string; value: number }[];
  /** The latest actual up to this month, and its month. */
  latest: { period: string; value: number } | null;
  status: Rag;
  /** Why, in words: "92.5 % in 2026-11: below the amber threshold 93 %". */
  reason: string;
}

/** KPIs of one key rolled up over a node's measures, optionally by a choice field's value. */
export interface KpiRollupRow {
  key: string;
  name: string;
  unit: string;
  /** The choice field's value (when rolled up by a field); '' = not set. */
  group: string | null;
  count: number;
  green: number;
  amber: number;
  red: number;
  grey: number;
  /** Mean of the latest actuals of the KPIs that have one. */
  average: number | null;
  status: Rag;
}

/** One of the article's ten report figures. */
export interface ServiceFigure {
  key:
    | 'launch_readiness'
    | 'onboarding_cycle_time'
    | 'escalation_backlog'
    | 'sla_risk'
    | 'open_decisions'
    | 'approval_aging'
    | 'forecast_margin'
    | 'actual_service_cost'
    | 'quality_exceptions'
    | 'segment_performance';
  label: string;
  /** The figure as shown ("62 %", "14 days", "EUR 1.2m"). */
  value: string;
  /** The number behind it (minor units for money), for tests and exports. */
  raw: number | null;
  hint: string;
  rag?: Rag;
}

export interface ServiceKpis {
  figures: ServiceFigure[];
  kpis: Kpi[];
  /** KPI statuses over the scope: how many KPIs are green, amber, red, grey. */
  statusCounts: Record<Rag, number>;
}
