/**
 * dashboard-paint: first paint of the Dashboard tab in Chromium on 20k measures with 480k
 * period values — click on the tab until the five answers and the three charts are drawn
 * (`value:dashboard`, React, chart.js with animation off; opening the tab writes nothing) — vs the
 * same page fetching `value:dashboard` alone over HTTP (the data the paint needs).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../e2e/harness.js';
import { startHost } from '../../main/host/server.js';
import { median, type BenchCase, type BenchContext, type Measurement } from '../harness.js';
import { seedValues } from './05-value-rollup.js';
import { rederive } from '../../main/api/value-status.js';

const RUNS = 5;

const dashboardPaint: BenchCase = {
  name: 'dashboard-paint',
  description: 'Dashboard tab first paint in Chromium (20k measures, 480k values) vs fetching its data alone',
  target: { ratio: 3 },
  async run(ctx: BenchContext): Promise<Measurement> {
    const api = ctx.api();
    await api.call('workspace:open', { path: ctx.seededCopy() });
    seedValues(api.session.db(), ctx.options.seed);
    // The values were written below the app (raw SQL): bring the status cache up to them, as opening the file would.
    const refresh = performance.now();
    const changed = rederive(api.session.db(), null).length;
    const refreshMs = performance.now() - refresh;
    const host = await startHost({ api });
    const browser = await chromium.launchPersistentContext(join(ctx.dir, `profile-${randomUUID()}`), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1440, height: 900 } });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.goto(host.openUrl);
      await page.locator('.ag-row[row-id]').first().waitFor({ timeout: 120_000 });
      const paints: number[] = [];
      const fetches: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.getByRole('button', { name: 'Measures' }).click();
        await page.locator('.dashboard').waitFor({ state: 'detached' });
        const t0 = performance.now();
        await page.getByRole('button', { name: 'Dashboard' }).click();
        await page.locator('[data-testid="five-questions"]').waitFor({ timeout: 120_000 });
        await page.waitForFunction(() => document.querySelectorAll('.chart-box canvas').length === 3 && [...document.querySelectorAll('canvas')].every((c) => c.width > 0));
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
        paints.push(performance.now() - t0);
        fetches.push(
          await page.evaluate(async () => {
            const token = sessionStorage.getItem('steerco-token') ?? '';
            const a = performance.now();
            const res = await fetch('/api/value:dashboard', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{}' });
            await res.json();
            return performance.now() - a;
          }),
        );
      }
      return {
        appMs: median(paints),
        rawMs: median(fetches),
        stat: `median of ${RUNS} tab switches`,
        extra: { firstPaintMs: paints[0]!, statusRefreshMs: refreshMs, statusesChanged: changed },
      };
    } finally {
      await browser.close();
      await host.close();
    }
  },
};

export default dashboardPaint;
