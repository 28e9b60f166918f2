import type { ChartConfiguration } from 'chart.js';
import type { DashboardData } from '../../../preload/contract';
import { formatCompact, formatMoney } from '../finance/money';

const C = { plan: '#8aa4d6', forecast: '#1f5fbf', actual: '#1e8e3e', weighted: '#1f5fbf', full: '#c9d6ee', target: '#c5221f', up: '#1e8e3e', down: '#c5221f', total: '#667085' };

function money(d: DashboardData) {
  return {
    axis: (v: number | string) => formatCompact(Number(v), d.currency, d.digits),
    tip: (v: number) => formatMoney(Math.round(v), d.currency, d.digits),
  };
}

/** Pipeline by DI level: the risk-weighted forecast and the rest of the forecast, stacked (the bar is the full forecast). */
export function pipelineConfig(d: DashboardData): ChartConfiguration {
  const m = money(d);
  return {
    type: 'bar',
    data: {
      labels: d.pipeline.map((p) => `DI${p.level} ${p.name} (${p.weightPct}%)`),
      datasets: [
        { label: 'Risk-weighted forecast', data: d.pipeline.map((p) => p.riskWeightedForecast), backgroundColor: C.weighted, stack: 's' },
        { label: 'Rest of the forecast (unweighted)', data: d.pipeline.map((p) => p.forecast - p.riskWeightedForecast), backgroundColor: C.full, stack: 's' },
      ],
    },
    options: {
      scales: { x: { stacked: true }, y: { stacked: true, ticks: { callback: m.axis } } },
      plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${m.tip(c.parsed.y ?? 0)}` } } },
    },
  };
}

/** Plan / forecast / actual per month, with cumulative lines against the target. */
export function monthlyConfig(d: DashboardData): ChartConfiguration {
  const m = money(d);
  const labels = d.monthly.map((x) => x.period);
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { type: 'bar', label: 'Plan', data: d.monthly.map((x) => x.plan), backgroundColor: C.plan, yAxisID: 'y' },
        { type: 'bar', label: 'Forecast', data: d.monthly.map((x) => x.forecast), backgroundColor: C.forecast, yAxisID: 'y' },
        { type: 'bar', label: 'Actual', data: d.monthly.map((x) => x.actual), backgroundColor: C.actual, yAxisID: 'y' },
        { type: 'line', label: 'Cumulative forecast', data: d.monthly.map((x) => x.cumForecast), borderColor: C.forecast, yAxisID: 'cum', pointRadius: 0 },
        { type: 'line', label: 'Cumulative actual', data: d.monthly.map((x) => x.cumActual), borderColor: C.actual, yAxisID: 'cum', pointRadius: 0 },
        { type: 'line', label: 'Target', data: d.monthly.map(() => d.target), borderColor: C.target, borderDash: [6, 4], yAxisID: 'cum', pointRadius: 0 },
      ],
    },
    options: {
      scales: { y: { ticks: { callback: m.axis }, position: 'left' }, cum: { ticks: { callback: m.axis }, position: 'right', grid: { drawOnChartArea: false } } },
      plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${m.tip(c.parsed.y ?? 0)}` } } },
    },
  };
}

/** Waterfall from target to forecast: one floating bar per workstream's gap. */
export function bridgeConfig(d: DashboardData): ChartConfiguration {
  const m = money(d);
  const bars: [number, number][] = [];
  const colors: string[] = [];
  const labels = ['Target'];
  bars.push([0, d.target]);
  colors.push(C.total);
  let level = d.target;
  for (const b of d.bridge) {
    labels.push(b.name);
    bars.push([level, level + b.gap]);
    colors.push(b.gap >= 0 ? C.up : C.down);
    level += b.gap;
  }
  labels.push('Forecast');
  bars.push([0, level]);
  colors.push(C.forecast);
  return {
    type: 'bar',
    data: { labels, datasets: [{ label: 'Target → forecast', data: bars, backgroundColor: colors }] },
    options: {
      scales: { y: { ticks: { callback: m.axis } } },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (c) => { const [a, b] = c.raw as [number, number]; return m.tip(b - a); } } },
      },
    },
  };
}
