/** Value tracking: effect lines, period values, validation, statuses, roll-ups, dashboard. */
import { z } from 'zod';
import { method } from './define.js';
import { localeSchema } from './core.js';
import type { Rag } from './types.js';

export const EFFECT_LINE_TYPES = [
  'recurring_benefit',
  'one_time_benefit',
  'one_time_cost',
  'recurring_cost',
  'capex',
  'baseline_service_cost',
  'target_margin',
  'forecast_margin',
  'actual_service_cost',
  'billing_leakage',
  'customer_profitability',
  'capacity_impact',
] as const;
export type EffectLineType = (typeof EFFECT_LINE_TYPES)[number];
export const VALUE_FIELDS = ['plan', 'forecast', 'actual'] as const;
export type ValueField = (typeof VALUE_FIELDS)[number];
export const ROLLUP_DIMS = ['node', 'workstream', 'di', 'function', 'businessUnit', 'owner', 'period', 'lifecycle', 'implementation', 'potential', 'measure'] as const;
export type RollupDim = (typeof ROLLUP_DIMS)[number];

export interface EffectLine {
  id: string;
  measureId: string;
  type: EffectLineType;
  label: string;
  /** Minor units; null = none. */
  target: number | null;
  sortOrder: number;
}

export interface EffectValue {
  lineId: string;
  period: string;
  plan: number | null;
  baseline: number | null;
  forecast: number | null;
  actual: number | null;
  validated: boolean;
}

export interface PeriodValidation {
  period: string;
  state: 'validated' | 'reopened';
  validatedBy: string | null;
  validatedAt: string | null;
  reopenedBy: string | null;
  reopenedAt: string | null;
  reopenReason: string | null;
}

export interface StatusInfo {
  status: Rag;
  derived: Rag;
  override: { status: Rag; reason: string; by: string | null; at: string | null } | null;
  stale: boolean;
}

export interface MeasureValue {
  measureId: string;
  code: string;
  title: string;
  diLevel: number;
  currency: string;
  /** Decimal digits of the currency (2 for EUR). */
  digits: number;
  range: { from: string; to: string };
  /** Last month that may hold actuals (the current month). */
  currentPeriod: string;
  baselineLocked: boolean;
  lines: EffectLine[];
  values: EffectValue[];
  validations: PeriodValidation[];
  canValidate: boolean;
  controller: string | null;
  implementation: StatusInfo;
  potential: StatusInfo;
}

/** One roll-up row; amounts in minor units, net (benefits minus costs). */
export interface RollupRow {
  keys: Partial<Record<RollupDim, string | number | null>>;
  /** Label for `node` / `owner` / `measure` keys. */
  label?: string;
  measures: number;
  plan: number;
  baseline: number;
  forecast: number;
  actual: number;
  /** Recurring part of the forecast × 12 (annualised run-rate) for a period row; for other rows, of the last month. */
  runRate: number;
  riskWeightedPlan: number;
  riskWeightedForecast: number;
  target: number;
  /** forecast − target (negative = shortfall). */
  gap: number;
}

export interface ValueSettings {
  tolerancePct: number;
  staleDays: number;
}

/** The brief's five questions in numbers, each defined once (the dashboard and the pack show these). */
export interface FiveQuestions {
  /** 1. Active measures (on-hold, cancelled and closed ones are not in progress). */
  inProgress: number;
  /** 2. Distinct owners of the active measures, and active measures without an owner. */
  owners: number;
  unowned: number;
  /** 3. Net forecast (on-hold and cancelled excluded) and the same forecast weighted by each DI level's risk weight. */
  expectedValue: number;
  riskWeightedForecast: number;
  /** 4. Measures (not closed or cancelled) with a late or red measure upstream: the RAID feature's blocked list. */
  blocked: number;
  /** 5. Measures with any evidence: gate or closure evidence, validated actuals or the controller's value confirmation. */
  evidenced: number;
  evidence: {
    documented: number;
    validatedActuals: number;
    valueConfirmed: number;
    /** Actual benefits and costs (positive minor units) in the months a controller validated. */
    validatedBenefits: number;
    validatedCosts: number;
  };
  /** Measures in scope (cancelled ones excluded). */
  measures: number;
}

/** Which measures stand behind a figure of the five questions (a click on a tile filters the grid to them). */
export const QUESTION_KEYS = ['inProgress', 'owners', 'unowned', 'expected', 'blocked', 'evidenced'] as const;
export type QuestionKey = (typeof QUESTION_KEYS)[number];

export interface DashboardData {
  currency: string;
  digits: number;
  /** Per DI level: plan (on-hold included), forecast, and the forecast weighted by the level's risk weight. */
  pipeline: { level: number; name: string; weightPct: number; plan: number; forecast: number; riskWeightedForecast: number; measureIds: string[] }[];
  monthly: { period: string; plan: number; forecast: number; actual: number; cumPlan: number; cumForecast: number; cumActual: number; measureIds: string[] }[];
  target: number;
  bridge: { nodeId: string; name: string; target: number; forecast: number; gap: number; measureIds: string[] }[];
  matrix: { implementation: Rag; potential: Rag; count: number; forecast: number; measureIds: string[] }[];
  questions: FiveQuestions;
  totals: RollupRow;
}

/** A status set by hand needs a reason of at least this many characters (trimmed), at most STATUS_REASON_MAX. */
export const STATUS_REASON_MIN = 3;
export const STATUS_REASON_MAX = 2000;

/**
 * What is wrong with the reason of a status set by hand, or null when it will do: the one
 * rule the API applies (measures:update, measures:bulkUpdate, value:setOverride, the CLI)
 * and the status dialog shows at its reason field.
 */
export function statusReasonProblem(reason: string | null | undefined): string | null {
  const r = (reason ?? '').trim();
  if (r.length < STATUS_REASON_MIN) return `a reason is required to set a status by hand (at least ${STATUS_REASON_MIN} characters)`;
  if (r.length > STATUS_REASON_MAX) return `the reason is too long (${r.length} characters, at most ${STATUS_REASON_MAX})`;
  return null;
}

const id = z.string().min(1).max(200);
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM');
const amount = z.string().max(64).nullable();
const reason = z.string().trim().min(3, 'a reason is required (at least 3 characters)').max(2000);
const status = z.enum(['green', 'amber', 'red', 'grey']);

export const valueContract = {
  /** Lines, monthly values, validations and both statuses of one measure. */
  'value:get': method<MeasureValue>()(z.object({ measureId: id }).strict()),
  'value:addLine': method<MeasureValue>()(
    z
      .object({ measureId: id, type: z.enum(EFFECT_LINE_TYPES), label: z.string().trim().max(200).optional(), target: amount.optional(), locale: localeSchema.optional() })
      .strict(),
  ),
  'value:updateLine': method<MeasureValue>()(
    z.object({ lineId: id, label: z.string().trim().max(200).optional(), target: amount.optional(), locale: localeSchema.optional() }).strict(),
  ),
  'value:deleteLine': method<MeasureValue>()(z.object({ lineId: id }).strict()),
  /**
   * Writes amounts typed or pasted in the period grid, as text ("1,234.56"; '' or null clears).
   * All or nothing: any refused cell refuses the whole batch with one issue per cell
   * (field = '<line id>:<YYYY-MM>:<plan|forecast|actual>').
   */
  'value:setCells': method<MeasureValue>()(
    z
      .object({
        measureId: id,
        cells: z.array(z.object({ lineId: id, period, field: z.enum(VALUE_FIELDS), value: amount }).strict()).min(1).max(5000),
        /** The user's locale: its decimal mark settles "1,234" vs "1,5" (preload/contract/parse.ts). */
        locale: localeSchema.optional(),
      })
      .strict(),
  ),
  /** The measure's controller validates a month's actuals; the month is then locked. */
  'value:validate': method<MeasureValue>()(z.object({ measureId: id, period }).strict()),
  /** The controller reopens a validated month, with a reason (recorded). */
  'value:reopen': method<MeasureValue>()(z.object({ measureId: id, period, reason }).strict()),
  /**
   * Manual status with its reason (required); wins over the derived status until cleared.
   * The same write as measures:update with a status and `reason`.
   */
  'value:setOverride': method<MeasureValue>()(z.object({ measureId: id, kind: z.enum(['implementation', 'potential']), status, reason }).strict()),
  /** Back to the derived status; who and when are in the change log (the measure's history). */
  'value:clearOverride': method<MeasureValue>()(z.object({ measureId: id, kind: z.enum(['implementation', 'potential']) }).strict()),
  /** Roll-up by any of node (children of `nodeId`), DI, function, business unit, owner, month, lifecycle, measure. */
  'value:rollup': method<RollupRow[]>()(
    z.object({ nodeId: id.optional(), by: z.array(z.enum(ROLLUP_DIMS)).max(4), from: period.optional(), to: period.optional() }).strict(),
  ),
  'value:dashboard': method<DashboardData>()(z.object({ nodeId: id.optional() }).strict()),
  /** The ids of the measures behind one figure of the five questions, in code order. */
  'value:questionMeasures': method<string[]>()(z.object({ nodeId: id.optional(), question: z.enum(QUESTION_KEYS) }).strict()),
  'value:settings': method<ValueSettings>()(z.object({}).strict()),
  'value:setSettings': method<ValueSettings>()(
    z.object({ tolerancePct: z.number().int().min(0).max(100).optional(), staleDays: z.number().int().min(1).max(3650).optional() }).strict(),
  ),
} as const;
