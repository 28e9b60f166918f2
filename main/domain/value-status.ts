/**
 * Dual status derivation: the one rule behind every status the app shows (grid, detail
 * panel, dashboard, pack, exports, CLI). Pure: the repository counts milestones and sums
 * the value lines in SQL against a given day; this turns those facts into colours.
 *
 * **Implementation status** (delivery), from the measure's live milestones on `today`:
 * - no milestones → grey (nothing to judge delivery by);
 * - an open milestone whose due date has passed (due < today) → red;
 * - else an open milestone not yet due whose forecast date is later than its due date → amber;
 * - else (all done, or open and on time) → green.
 *
 * **Potential status** (value), from the benefit, cost and capex lines (service-economics
 * lines are shown, not summed). Each line has a *reference*: its target when one is set,
 * else its baseline (the plan locked at DI3) when it has one, else its plan. Its
 * *estimate* is, per month, the actual where entered, else the forecast. Both are summed
 * net (benefits minus costs and capex) over the measure's lines:
 * - no line with a reference, or no month with an estimate → grey;
 * - shortfall = reference − estimate ≤ 0 → green;
 * - shortfall ≤ tolerance % of |reference| → amber; beyond → red.
 *
 * Why a per-line reference: a line without a target still counts in the estimate, so it
 * must count in the reference too, at what was planned for it. Before, the reference was
 * the targeted lines alone, so an untargeted recurring cost lowered the estimate only:
 * M-0006 (benefit forecast 758,263 vs target 761,000, setup cost on plan) came out red
 * although every line was on plan. With the rule above a measure whose every line is on
 * plan (each benefit at or above, each cost at or below its reference) has shortfall ≤ 0
 * and is green; lines may offset each other (value is judged net).
 *
 * Examples (tolerance 10 %). Like M-0006 of the demo: run-rate benefit target 761,000,
 * forecast 758,263; setup cost target 220,000, forecast 213,913; recurring cost without a
 * target, plan 204,750, forecast 206,310. Before: reference 761,000 − 220,000 = 541,000
 * against estimate 758,263 − 213,913 − 206,310 = 338,040 → red. Now the recurring cost
 * counts at its plan: reference 336,250, estimate 338,040 → green.
 * Benefit target 100, forecast 100; recurring cost (no target) plan 30, forecast 30 →
 * reference 70, estimate 70 → green (before: reference 100, estimate 70 → red). The cost
 * forecast at 35 → shortfall 5 ≤ 7 → amber; at 45 → shortfall 15 > 7 → red.
 *
 * **Stale**: nothing reported — the measure, a value line or a manual status updated —
 * for more than `staleDays` calendar days before `today` → grey, for both statuses. Judged
 * by calendar day (the local day of the last update), so a status changes only when facts
 * or the day change and a cache of it stays true for the whole day.
 *
 * **Manual status**: a status set by a person (with a reason) wins over the derived one
 * while it exists; it goes stale like any report.
 */
import type { Rag } from '../../preload/contract/types.js';

/** Milestone counts of one measure (the repository counts them in SQL against today). */
export interface MilestoneFacts {
  total: number;
  /** Open and past their due date. */
  overdue: number;
  /** Open, not yet due, forecast later than due. */
  slipping: number;
}

export function deriveImplementation(m: MilestoneFacts): Rag {
  if (m.total === 0) return 'grey';
  if (m.overdue > 0) return 'red';
  if (m.slipping > 0) return 'amber';
  return 'green';
}

export interface ValueFacts {
  /** Net sum of the lines' references (target, else baseline, else plan), minor units; null when no line has one. */
  reference: number | null;
  /** Net sum of the lines' estimates (actual, else forecast, per month); null when no month has one. */
  estimate: number | null;
}

export function derivePotential(f: ValueFacts, tolerancePct: number): Rag {
  if (f.reference === null || f.estimate === null) return 'grey';
  const shortfall = f.reference - f.estimate;
  if (shortfall <= 0) return 'green';
  // Integer comparison: shortfall / |ref| ≤ tol/100  ⇔  shortfall × 100 ≤ tol × |ref|.
  return shortfall * 100 <= tolerancePct * Math.abs(f.reference) ? 'amber' : 'red';
}

/** True when `lastDay` (YYYY-MM-DD, the local day of the last update) is more than `staleDays` days before `today`. */
export function isStale(lastDay: string | null, today: string, staleDays: number): boolean {
  if (!lastDay) return true;
  const days = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${lastDay}T00:00:00Z`)) / 86_400_000;
  return Number.isNaN(days) || days > staleDays;
}

export interface Override {
  status: Rag;
  reason: string;
  by: string | null;
  at: string | null;
}

export interface EffectiveStatus {
  status: Rag;
  derived: Rag;
  override: Override | null;
  stale: boolean;
}

export function effective(derived: Rag, override: Override | null, stale: boolean): EffectiveStatus {
  return { status: stale ? 'grey' : (override?.status ?? derived), derived, override, stale };
}

/** Everything both rules need about one measure. */
export interface StatusFacts extends MilestoneFacts, ValueFacts {
  /** Local day of the measure's last update (measure, value line or manual status), or null. */
  lastDay: string | null;
  implementation: Override | null;
  potential: Override | null;
}

export interface MeasureStatuses {
  implementation: EffectiveStatus;
  potential: EffectiveStatus;
}

/** The one function behind every shown status. */
export function deriveStatuses(f: StatusFacts, today: string, settings: { tolerancePct: number; staleDays: number }): MeasureStatuses {
  const stale = isStale(f.lastDay, today, settings.staleDays);
  return {
    implementation: effective(deriveImplementation(f), f.implementation, stale),
    potential: effective(derivePotential(f, settings.tolerancePct), f.potential, stale),
  };
}
