import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  type ChartConfiguration,
} from 'chart.js';
import type { PackChart as PackChartData } from '../../../preload/contract';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend);

const UP = '#2e9e5b';
const DOWN = '#c0392b';

/** A bridge as floating bars: the two ends from zero, each step from the running total. */
function waterfall(c: PackChartData): ChartConfiguration<'bar', [number, number][]>['data'] {
  const values = c.series[0]?.data ?? [];
  let run = 0;
  const bars: [number, number][] = [];
  const colors: string[] = [];
  values.forEach((v, i) => {
    if (i === 0 || i === values.length - 1) {
      bars.push([0, v]);
      colors.push(c.series[0]?.color ?? '#2f6fb3');
      run = v;
    } else {
      bars.push([run, run + v]);
      colors.push(v >= 0 ? UP : DOWN);
      run += v;
    }
  });
  return { labels: c.labels, datasets: [{ label: c.series[0]?.name ?? 'Bridge', data: bars, backgroundColor: colors }] };
}

function config(c: PackChartData): ChartConfiguration {
  const common = {
    // No animation: the PDF and the print preview must show the final frame, never a tween.
    animation: false as const,
    responsive: false,
    devicePixelRatio: 2,
    plugins: { legend: { position: 'bottom' as const, labels: { boxWidth: 12, font: { size: 10 } } } },
    scales: {
      x: { ticks: { font: { size: 9 } } },
      y: { beginAtZero: true, title: { display: true, text: c.unit, font: { size: 9 } }, ticks: { font: { size: 9 } } },
    },
  };
  if (c.kind === 'waterfall') return { type: 'bar', data: waterfall(c), options: { ...common, plugins: { legend: { display: false } } } } as ChartConfiguration;
  return {
    type: c.kind === 'line' ? 'line' : 'bar',
    data: {
      labels: c.labels,
      datasets: c.series.map((s) => ({
        label: s.name,
        data: s.data,
        type: s.type ?? (c.kind === 'line' ? 'line' : 'bar'),
        backgroundColor: s.color,
        borderColor: s.color,
        borderWidth: s.type === 'line' || c.kind === 'line' ? 2 : 0,
        pointRadius: 0,
      })),
    },
    options: { ...common, scales: { ...common.scales, x: { ...common.scales.x, stacked: c.kind === 'stacked' }, y: { ...common.scales.y, stacked: c.kind === 'stacked' } } },
  } as ChartConfiguration;
}

/** Draws a chart into a canvas (the print route's static pages draw theirs this way). */
export function drawChart(canvas: HTMLCanvasElement, chart: PackChartData): Chart {
  return new Chart(canvas, config(chart));
}

/** One chart at a fixed size in CSS pixels; drawn once, synchronously (animation off). */
export function PackChart({ chart, width, height }: { chart: PackChartData; width: number; height: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const c = drawChart(ref.current, chart);
    return () => c.destroy();
  }, [chart]);
  const empty = chart.labels.length === 0;
  return empty ? (
    <div className="pack-chart-empty" style={{ width, height }}>
      No figures for this chart yet.
    </div>
  ) : (
    <canvas ref={ref} width={width} height={height} style={{ width, height }} data-chart={chart.kind} />
  );
}
