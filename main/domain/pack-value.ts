import type { PackFacts } from '../../preload/contract/pack-facts.js';
import type { PackBlock, PackChart } from '../../preload/contract/pack-types.js';
import { money, thousands } from './pack-format.js';

export const COLORS = { plan: '#8a94a6', forecast: '#2f6fb3', actual: '#2e9e5b', target: '#c0392b', weighted: '#e0a526', up: '#2e9e5b', down: '#c0392b' };

/** Scope totals (minor units) the summary and the value section both quote. */
export interface ValueTotals {
  target: number;
  plan: number;
  forecast: number;
  actual: number;
  actualValidated: number;
  riskWeighted: number;
}

export function valueTotals(f: PackFacts): ValueTotals {
  const weight = new Map(f.gateLevels.map((g) => [g.level, g.riskWeightPct]));
  const t: ValueTotals = { target: 0, plan: 0, forecast: 0, actual: 0, actualValidated: 0, riskWeighted: 0 };
  for (const m of f.measures) {
    const v = f.values[m.id];
    if (!v) continue;
    t.target += v.target;
    t.plan += v.plan;
    t.forecast += v.forecast;
    t.actual += v.actual;
    t.actualValidated += v.actualValidated;
    if (m.lifecycle !== 'cancelled') t.riskWeighted += Math.round((v.forecast * (weight.get(m.diLevel) ?? 100)) / 100);
  }
  return t;
}

function pipeline(f: PackFacts): PackChart {
  const full = f.gateLevels.map(() => 0);
  const weighted = f.gateLevels.map(() => 0);
  for (const m of f.measures) {
    const i = f.gateLevels.findIndex((g) => g.level === m.diLevel);
    const v = f.values[m.id]?.forecast ?? 0;
    if (i < 0 || m.lifecycle === 'cancelled') continue;
    full[i]! += v;
    weighted[i]! += Math.round((v * f.gateLevels[i]!.riskWeightPct) / 100);
  }
  return {
    kind: 'bar',
    unit: `${f.currency} thousand`,
    labels: f.gateLevels.map((g) => `DI${g.level} ${g.name}`),
    series: [
      { name: 'Forecast (full)', data: full.map(thousands), color: COLORS.forecast },
      { name: 'Risk-weighted', data: weighted.map(thousands), color: COLORS.weighted },
    ],
  };
}

function byMonth(f: PackFacts, kind: 'run_rate' | 'one_time'): PackChart {
  const rows = f.months.filter((m) => m.kind === kind);
  return {
    kind: 'bar',
    unit: `${f.currency} thousand`,
    labels: rows.map((r) => r.period),
    series: [
      { name: 'Plan', data: rows.map((r) => thousands(r.plan)), color: COLORS.plan },
      { name: 'Forecast', data: rows.map((r) => thousands(r.forecast)), color: COLORS.forecast },
      { name: 'Actual', data: rows.map((r) => thousands(r.actual)), color: COLORS.actual },
    ],
  };
}

/** Target, then each workstream's gap (forecast − target), then the forecast. */
function bridge(f: PackFacts, t: ValueTotals): PackChart {
  const gaps = new Map<string, number>();
  for (const m of f.measures) {
    const v = f.values[m.id];
    if (!v) continue;
    const ws = m.workstream || 'Other';
    gaps.set(ws, (gaps.get(ws) ?? 0) + v.forecast - v.target);
  }
  const steps = [...gaps].filter(([, g]) => g !== 0).sort((a, b) => a[1] - b[1]);
  return {
    kind: 'waterfall',
    unit: `${f.currency} thousand`,
    labels: ['Target', ...steps.map(([w]) => w), 'Forecast'],
    series: [{ name: 'Bridge', data: [thousands(t.target), ...steps.map(([, g]) => thousands(g)), thousands(t.forecast)], color: COLORS.forecast }],
  };
}

function cumulative(f: PackFacts, t: ValueTotals): PackChart {
  const periods = [...new Set(f.months.map((m) => m.period))].sort();
  let fc = 0;
  let ac = 0;
  // Actuals stop at the last month that has any: a flat line after it would read as "no value came in".
  const lastActual = f.months.filter((m) => m.actual !== 0).reduce((p, m) => (m.period > p ? m.period : p), '');
  const forecast: number[] = [];
  const actual: number[] = [];
  for (const p of periods) {
    for (const m of f.months) {
      if (m.period !== p) continue;
      fc += m.forecast;
      ac += m.actual;
    }
    forecast.push(thousands(fc));
    if (p <= lastActual) actual.push(thousands(ac));
  }
  return {
    kind: 'line',
    unit: `${f.currency} thousand`,
    labels: periods,
    series: [
      { name: 'Cumulative forecast', data: forecast, color: COLORS.forecast, type: 'line' },
      { name: 'Cumulative actual', data: actual, color: COLORS.actual, type: 'line' },
      { name: 'Target', data: periods.map(() => thousands(t.target)), color: COLORS.target, type: 'line' },
    ],
  };
}

export function valueBlocks(f: PackFacts, t: ValueTotals): PackBlock[] {
  const cur = f.currency;
  if (f.months.length === 0 && t.target === 0) {
    return [{ type: 'note', text: 'No financial effects are recorded for the measures in this scope yet.' }];
  }
  return [
    {
      type: 'kpis',
      items: [
        { label: 'Target', value: money(t.target, cur) },
        { label: 'Plan', value: money(t.plan, cur) },
        { label: 'Forecast', value: money(t.forecast, cur) },
        { label: 'Risk-weighted forecast', value: money(t.riskWeighted, cur) },
        { label: 'Actual', value: money(t.actual, cur) },
      ],
    },
    { type: 'chart', title: 'Pipeline by DI level: full and risk-weighted forecast', chart: pipeline(f) },
    { type: 'chart', title: 'Bridge from target to forecast by workstream', chart: bridge(f, t) },
    { type: 'chart', title: 'Run-rate benefits by month: plan, forecast, actual', chart: byMonth(f, 'run_rate') },
    { type: 'chart', title: 'One-time benefits by month: plan, forecast, actual', chart: byMonth(f, 'one_time') },
    { type: 'chart', title: 'Cumulative benefit against target', chart: cumulative(f, t) },
  ];
}
