/**
 * grid-scroll-laptop: scrolling the measures grid at a laptop's size (1440 × 900, the size the
 * browser journeys use) on the seeded workspace (20k measures by default): 1,000 rows in
 * steps of 25, one frame each, three page loads with three scrolls each. Headline: the
 * median time of a 1,000-row scroll (app) against the same number of frames on an empty
 * page (raw: what the frames alone cost). Extra: long tasks over 100 ms per run and the
 * longest task (Long Tasks API). Needs the built renderer and Chromium, like grid-browser.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startHost } from '../../main/host/server.js';
import type { BenchCase, BenchContext, Measurement } from '../harness.js';

const CHROMIUM = process.env.STEERCO_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1440, height: 900 };

// A string, not a function: tsx would wrap inner functions in a helper the page lacks.
// `scrolls` is the element to scroll; with none (the baseline), only the frames are counted.
const SCROLL = (target: 'grid' | 'none') => `(async () => {
  const vp = ${target === 'grid' ? `[...document.querySelectorAll('.grid-host *')].find((e) => e.scrollHeight > e.clientHeight + 10000 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowY))` : 'null'};
  const rowHeight = ${target === 'grid' ? `document.querySelector('.grid-host .ag-row[row-id]').getBoundingClientRect().height` : '26'};
  const tasks = [];
  const obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => tasks.push(e.duration)));
  obs.observe({ type: 'longtask', buffered: false });
  const start = vp ? vp.scrollTop : 0;
  const t = performance.now();
  for (let i = 1; i <= 40; i++) {
    if (vp) vp.scrollTop = start + i * 25 * rowHeight;
    await new Promise((r) => requestAnimationFrame(() => r(null)));
  }
  await new Promise((r) => requestAnimationFrame(() => r(null)));
  await new Promise((r) => setTimeout(r, 50));
  obs.disconnect();
  if (vp) vp.scrollTop = 0;
  await new Promise((r) => setTimeout(r, 50));
  return { ms: performance.now() - t, over100: tasks.filter((d) => d > 100).length, longest: Math.max(0, ...tasks) };
})()`;

interface ScrollResult {
  ms: number;
  over100: number;
  longest: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const gridScrollLaptop: BenchCase = {
  name: 'grid-scroll-laptop',
  description: 'grid in Chromium at 1440 × 900: scroll 1,000 rows, 3 page loads × 3 scrolls, long tasks > 100 ms',
  target: { ratio: 10 },
  async run(ctx: BenchContext): Promise<Measurement> {
    if (!existsSync(join(process.cwd(), 'dist/renderer/index.html'))) throw new Error('build the renderer first: npx vite build --config renderer/vite.config.ts');
    const api = ctx.api();
    await api.call('workspace:open', { path: ctx.seededCopy() });
    const host = await startHost({ api });
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    const runs: ScrollResult[] = [];
    const frames: number[] = [];
    let rows = '';
    try {
      for (let load = 0; load < 3; load++) {
        const page = await browser.newPage({ viewport: VIEWPORT });
        await page.goto(host.openUrl);
        await page.locator('.ag-row[row-id]').first().waitFor({ state: 'visible', timeout: 120_000 });
        rows = await page.locator('[data-testid=row-count]').innerText();
        // Let the first paint's work settle before measuring.
        await page.waitForTimeout(500);
        for (let i = 0; i < 3; i++) runs.push((await page.evaluate(SCROLL('grid'))) as ScrollResult);
        frames.push(((await page.evaluate(SCROLL('none'))) as ScrollResult).ms);
        await page.close();
      }
    } finally {
      await browser.close();
      await host.close();
    }
    return {
      appMs: median(runs.map((r) => r.ms)),
      rawMs: median(frames),
      stat: `median of ${runs.length} scrolls of 1,000 rows (3 loads × 3), ${rows}, ${VIEWPORT.width}×${VIEWPORT.height}`,
      extra: {
        longTasksOver100msPerRun: runs.map((r) => r.over100).join(' '),
        longTasksOver100msTotal: runs.reduce((a, r) => a + r.over100, 0),
        longestTaskMs: Math.round(Math.max(...runs.map((r) => r.longest))),
        slowestScrollMs: Math.round(Math.max(...runs.map((r) => r.ms))),
      },
    };
  },
};

export default gridScrollLaptop;
