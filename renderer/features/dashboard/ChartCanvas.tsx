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
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/**
 * One chart.js chart, animation off (steering packs and screenshots must show final values).
 * `onPick(index, datasetIndex)` fires when a bar or point is clicked.
 */
export function ChartCanvas({ config, onPick, label, testId }: { config: ChartConfiguration; onPick?: (index: number, dataset: number) => void; label: string; testId: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  useEffect(() => {
    const c = new Chart(canvas.current!, {
      ...config,
      options: {
        ...config.options,
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        onClick: (e, _els, ch) => {
          const hit = ch.getElementsAtEventForMode(e as unknown as Event, 'nearest', { intersect: true }, false)[0];
          if (hit) pick.current?.(hit.index, hit.datasetIndex);
        },
        onHover: (e, els) => {
          const t = e.native?.target as HTMLElement | undefined;
          if (t) t.style.cursor = els.length && pick.current ? 'pointer' : 'default';
        },
      },
    });
    chart.current = c;
    return () => c.destroy();
    // The chart is rebuilt when its data changes; cheap at dashboard sizes and never animated.
  }, [config]);
  return (
    <div className="chart-box" data-testid={testId}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
