/**
 * Dual status derivation. Pure: the API hands in milestones, totals and dates.
 *
 * Implementation status (delivery): no milestones → grey; an open milestone past its due
 * date → red; an open milestone whose forecast is later than its due date → amber; else green.
 * Potential status (value): reference = the value lines' target when set, else the baseline
 * (or plan before DI3) total; estimate = actual where entered, else forecast, per month.
 * No reference → grey; shortfall ≤ 0 → green; ≤ tolerance % → amber; beyond → red.
 * Stale (nothing updated for `staleDays`) → grey for both. A manual override wins over the
 * derived status while it exists (it is a fresh statement by a person), but goes stale too.
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
  /** Net value totals in minor units (benefits minus costs). */
  target: number | null;
  reference: number | null;
  estimate: number | null;
}

export function derivePotential(f: ValueFacts, tolerancePct: number): Rag {
  const ref = f.target ?? f.reference;
  if (ref === null || ref === 0 || f.estimate === null) return 'grey';
  const shortfall = ref - f.estimate;
  if (shortfall <= 0) return 'green';
  // Integer comparison: shortfall / |ref| ≤ tol/100  ⇔  shortfall × 100 ≤ tol × |ref|.
  return shortfall * 100 <= tolerancePct * Math.abs(ref) ? 'amber' : 'red';
}

export function isStale(lastUpdate: string | null, today: Date, staleDays: number): boolean {
  if (!lastUpdate) return true;
  const t = Date.parse(lastUpdate);
  if (Number.isNaN(t)) return true;
  return today.getTime() - t > staleDays * 86_400_000;
}

export interface EffectiveStatus {
  status: Rag;
  derived: Rag;
  override: { status: Rag; reason: string; by: string | null; at: string | null } | null;
  stale: boolean;
}

export function effective(derived: Rag, override: EffectiveStatus['override'], stale: boolean): EffectiveStatus {
  return { status: stale ? 'grey' : (override?.status ?? derived), derived, override, stale };
}
