import type { PackFacts } from '../../preload/contract/pack-facts.js';
import type { PackBlock, PackChart } from '../../preload/contract/pack-types.js';
import { money, moneyIn, thousands } from './pack-format.js';

/** Minor units as thousands of major units, by the facts' currency decimals (read once per chart). */
function inThousands(f: PackFacts): (minor: number) => number {
  const { digits } = moneyIn(f);
  return (minor) => thousands(minor, digits);
}

/**
 * The value section draws the value feature's roll-ups (net value = benefits − costs, its
 * rules for cancelled and on-hold measures, its risk weights); nothing is re-summed here.
 */
export const COLORS = { plan: '#8a94a6', forecast: '#2f6fb3', actual: '#2e9e5b', target: '#c0392b', weighted: '#e0a526', runRate: '#6f42c1' };

function pipeline(f: PackFacts): PackChart {
  const k = inThousands(f);
  const p = f.dashboard.pipeline;
  return {
    kind: 'bar',
    unit: `${f.currency} thousand`,
    labels: p.map((l) => `DI${l.level} ${l.name}`),
    series: [
      { name: 'Plan (on hold included)', data: p.map((l) => k(l.plan)), color: COLORS.plan },
      { name: 'Forecast', data: p.map((l) => k(l.forecast)), color: COLORS.forecast },
      { name: 'Risk-weighted forecast', data: p.map((l) => k(l.riskWeightedForecast)), color: COLORS.weighted },
    ],
  };
}

function byMonth(f: PackFacts): PackChart {
  const k = inThousands(f);
  const m = f.dashboard.monthly;
  return {
    kind: 'bar',
    unit: `${f.currency} thousand`,
    labels: m.map((r) => r.period),
    series: [
      { name: 'Plan', data: m.map((r) => k(r.plan)), color: COLORS.plan },
      { name: 'Forecast', data: m.map((r) => k(r.forecast)), color: COLORS.forecast },
      { name: 'Actual', data: m.map((r) => k(r.actual)), color: COLORS.actual },
    ],
  };
}

function runRate(f: PackFacts): PackChart {
  const k = inThousands(f);
  return {
    kind: 'line',
    unit: `${f.currency} thousand per year`,
    labels: f.runRates.map((r) => r.period),
    series: [{ name: 'Annualised run-rate (recurring forecast × 12)', data: f.runRates.map((r) => k(r.runRate)), color: COLORS.runRate, type: 'line' }],
  };
}

/** Target, then each workstream's gap (forecast − target), then the forecast. */
function bridge(f: PackFacts): PackChart {
  const k = inThousands(f);
  const d = f.dashboard;
  const steps = d.bridge.filter((b) => b.gap !== 0).sort((a, b) => a.gap - b.gap);
  const other = d.totals.forecast - d.target - steps.reduce((s, b) => s + b.gap, 0);
  const all = other !== 0 ? [...steps.map((b) => [b.name, b.gap] as const), ['Outside workstreams', other] as const] : steps.map((b) => [b.name, b.gap] as const);
  return {
    kind: 'waterfall',
    unit: `${f.currency} thousand`,
    labels: ['Target', ...all.map(([n]) => n), 'Forecast'],
    series: [{ name: 'Bridge', data: [k(d.target), ...all.map(([, g]) => k(g)), k(d.totals.forecast)], color: COLORS.forecast }],
  };
}

function cumulative(f: PackFacts): PackChart {
  const k = inThousands(f);
  const m = f.dashboard.monthly;
  // Actuals stop at the last month that has any: a flat line after it would read as "no value came in".
  const last = m.reduce((i, r, k) => (r.actual !== 0 ? k : i), -1);
  return {
    kind: 'line',
    unit: `${f.currency} thousand`,
    labels: m.map((r) => r.period),
    series: [
      { name: 'Cumulative plan', data: m.map((r) => k(r.cumPlan)), color: COLORS.plan, type: 'line' },
      { name: 'Cumulative forecast', data: m.map((r) => k(r.cumForecast)), color: COLORS.forecast, type: 'line' },
      { name: 'Cumulative actual', data: m.slice(0, last + 1).map((r) => k(r.cumActual)), color: COLORS.actual, type: 'line' },
      { name: 'Target', data: m.map(() => k(f.dashboard.target)), color: COLORS.target, type: 'line' },
    ],
  };
}

/** The two charts the executive summary shows: value by DI and cumulative value against target. */
export function summaryCharts(f: PackFacts): PackBlock[] {
  if (f.dashboard.monthly.length === 0 && f.dashboard.target === 0) return [];
  return [
    { type: 'chart', title: 'Pipeline by DI level', chart: pipeline(f) },
    { type: 'chart', title: 'Cumulative value against target', chart: cumulative(f) },
  ];
}

export function valueBlocks(f: PackFacts): PackBlock[] {
  const cur = moneyIn(f);
  const t = f.dashboard.totals;
  if (f.dashboard.monthly.length === 0 && f.dashboard.target === 0) {
    return [{ type: 'note', text: 'No financial effects are recorded for the measures in this scope yet.' }];
  }
  return [
    {
      type: 'kpis',
      items: [
        { label: 'Target', value: money(f.dashboard.target, cur) },
        { label: 'Plan', value: money(t.plan, cur) },
        { label: 'Forecast', value: money(t.forecast, cur), hint: `gap to target ${money(t.forecast - f.dashboard.target, cur)}` },
        { label: 'Risk-weighted forecast', value: money(t.riskWeightedForecast, cur) },
        { label: 'Actual', value: money(t.actual, cur) },
        { label: 'Annualised run-rate', value: money(t.runRate, cur) },
      ],
    },
    { type: 'chart', title: 'Pipeline by DI level: plan, forecast and risk-weighted forecast', chart: pipeline(f) },
    { type: 'chart', title: 'Bridge from target to forecast by workstream', chart: bridge(f) },
    { type: 'chart', title: 'Net value by month: plan, forecast, actual', chart: byMonth(f) },
    { type: 'chart', title: 'Run-rate by month (recurring, annualised)', chart: runRate(f) },
    { type: 'chart', title: 'Cumulative value against target', chart: cumulative(f) },
  ];
}
