/**
 * Demo financial effects for the demo measures (deterministic, pure; the milestone plan is demo-plan.ts):
 * a managed-service launch earns recurring margin from the new tiers after one-time setup
 * costs; the cost program saves run-rate cost. Some measures are on plan, some slightly
 * behind (amber), some far behind while their milestones are on track ("green
 * milestones, red value").
 */
import type { EffectLineType } from '../../preload/contract/value.js';
import { addMonths } from './value-lines.js';

export interface DemoMeasureFacts {
  index: number;
  program: 'launch' | 'cost';
  function: string;
  startDate: string | null;
  dueDate: string | null;
  hasController: boolean;
}

export interface DemoLine {
  type: EffectLineType;
  label: string;
  target: number | null;
  values: { period: string; plan: number | null; forecast: number | null; actual: number | null }[];
}

export interface DemoValue {
  lines: DemoLine[];
  /** Past months the controller already validated. */
  validated: string[];
}

/** Deterministic 0..1 from two integers (no Math.random: the demo is the same everywhere). */
function unit(a: number, b: number): number {
  const x = Math.sin(a * 12.9898 + b * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

const euros = (n: number) => Math.round(n) * 100;

/** `todayStr`: the day the demo is created (YYYY-MM-DD): actuals fill months up to it, plans run ahead. */
export function demoValueFor(m: DemoMeasureFacts, todayStr: string): DemoValue | null {
  const i = m.index;
  if (i % 7 === 6 || !m.startDate || !m.dueDate) return null;
  const now = todayStr.slice(0, 7);
  const start = m.startDate.slice(0, 7);
  const months = 12 + (i % 3) * 6;
  const periods = Array.from({ length: months }, (_, k) => addMonths(start, k));
  // Value profile: 0/4 on plan, 1 slightly behind (amber), 2 ahead, 3 far behind (red value).
  const profile = i % 5;
  const factor = [1, 0.93, 1.08, 0.62, 1][profile]!;
  const base = m.program === 'launch' ? 6_000 + Math.round(unit(i, 1) * 40) * 1_000 : 3_000 + Math.round(unit(i, 2) * 20) * 1_000;
  const setup = m.program === 'launch' ? 40_000 + Math.round(unit(i, 3) * 20) * 10_000 : 15_000 + Math.round(unit(i, 4) * 10) * 5_000;
  const ramp = (k: number) => (k < 2 ? 0 : Math.min(1, (k - 1) / 6));
  const lines: DemoLine[] = [];
  const benefit = periods.map((p, k) => {
    const plan = euros(base * ramp(k));
    const forecast = euros(base * ramp(k) * factor * (1 + (unit(i, k) - 0.5) * 0.04));
    const actual = p <= now ? euros(base * ramp(k) * factor * (1 + (unit(k, i) - 0.5) * 0.06)) : null;
    return { period: p, plan: plan || null, forecast: forecast || null, actual: plan ? actual : null };
  });
  const benefitPlan = benefit.reduce((s, v) => s + (v.plan ?? 0), 0);
  lines.push({
    type: 'recurring_benefit',
    label: m.program === 'launch' ? 'Tier margin from new contracts' : 'Run-rate cost saving',
    target: Math.round(benefitPlan / 100_000) * 100_000,
    values: benefit,
  });
  lines.push({
    type: 'one_time_cost',
    label: m.program === 'launch' ? 'Setup and onboarding effort' : 'Implementation cost',
    target: euros(setup),
    values: periods.slice(0, 2).map((p, k) => ({
      period: p,
      plan: euros(setup / 2),
      forecast: euros((setup / 2) * (profile === 3 ? 1.25 : 1)),
      actual: p <= now ? euros((setup / 2) * (1 + (unit(i, k + 7) - 0.5) * 0.1)) : null,
    })),
  });
  if (m.program === 'launch' && i % 4 === 1) {
    lines.push({
      type: 'recurring_cost',
      label: 'Additional engineer capacity',
      target: null,
      values: periods.slice(3).map((p) => ({ period: p, plan: euros(base * 0.25), forecast: euros(base * 0.25 * (profile === 3 ? 1.3 : 1)), actual: p <= now ? euros(base * 0.26) : null })),
    });
  }
  if (m.function === 'Finance' || i % 9 === 2) {
    lines.push({
      type: 'billing_leakage',
      label: 'Billing leakage (unbilled events)',
      target: null,
      values: periods.slice(0, 8).map((p, k) => ({ period: p, plan: euros(4_000 - k * 400), forecast: euros(4_200 - k * 380), actual: p <= now ? euros(4_300 - k * 350) : null })),
    });
  }
  const past = periods.filter((p) => p < now);
  const validated = m.hasController ? past.slice(0, Math.max(0, past.length - 1)) : [];
  return { lines, validated };
}
