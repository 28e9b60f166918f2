/** The effect line types of the brief and how each counts in the value roll-ups. Pure. */
import type { EffectLineType } from '../../preload/contract/value.js';

export interface LineTypeRule {
  label: string;
  /** +1 benefit, -1 cost, 0 = a service-economics metric not summed into net value. */
  sign: 1 | -1 | 0;
  /** Recurring lines form the annualised run-rate; one-time lines do not. */
  recurring: boolean;
  /** Amounts are entered as positive numbers (the sign comes from the type). */
  nonNegative: boolean;
}

export const LINE_TYPE_RULES: Record<EffectLineType, LineTypeRule> = {
  recurring_benefit: { label: 'Recurring benefit (run-rate)', sign: 1, recurring: true, nonNegative: true },
  one_time_benefit: { label: 'One-time benefit', sign: 1, recurring: false, nonNegative: true },
  one_time_cost: { label: 'One-time cost (setup)', sign: -1, recurring: false, nonNegative: true },
  recurring_cost: { label: 'Recurring cost', sign: -1, recurring: true, nonNegative: true },
  capex: { label: 'Capex', sign: -1, recurring: false, nonNegative: true },
  baseline_service_cost: { label: 'Baseline service cost', sign: 0, recurring: true, nonNegative: true },
  target_margin: { label: 'Target margin', sign: 0, recurring: true, nonNegative: false },
  forecast_margin: { label: 'Forecast margin', sign: 0, recurring: true, nonNegative: false },
  actual_service_cost: { label: 'Actual service cost', sign: 0, recurring: true, nonNegative: true },
  billing_leakage: { label: 'Billing leakage', sign: 0, recurring: true, nonNegative: true },
  customer_profitability: { label: 'Customer profitability', sign: 0, recurring: true, nonNegative: false },
  capacity_impact: { label: 'Capacity impact', sign: 0, recurring: true, nonNegative: false },
};

const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(p: string): boolean {
  return PERIOD_RE.test(p);
}

export function addMonths(period: string, n: number): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  return `${yy}-${String((((m % 12) + 12) % 12) + 1).padStart(2, '0')}`;
}

export function periodsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let p = from; p <= to && out.length < 600; p = addMonths(p, 1)) out.push(p);
  return out;
}

/** Months a measure may carry effects: its start month up to 24 months after its due month (run-rate tail). */
export const TAIL_MONTHS = 24;
export function measureRange(startDate: string | null, dueDate: string | null, current: string): { from: string; to: string } {
  const from = startDate && isPeriod(startDate.slice(0, 7)) ? startDate.slice(0, 7) : addMonths(current, -12);
  const due = dueDate && isPeriod(dueDate.slice(0, 7)) ? dueDate.slice(0, 7) : addMonths(current, 12);
  return { from, to: addMonths(due < from ? from : due, TAIL_MONTHS) };
}

/** The level whose approval (DI3 Decided) freezes the plan as the baseline. */
export const BASELINE_LEVEL = 3;

/** Baseline lock: a measure at or above DI3 has its plan locked as the baseline (once). */
export function locksBaseline(diLevel: number): boolean {
  return diLevel >= BASELINE_LEVEL;
}
