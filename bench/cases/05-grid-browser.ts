/**
 * grid-browser: the measures grid in Chromium (browser mode, playwright-core) on the seeded
 * workspace (20k measures by default), the way a workshop uses it. Needs the built renderer
 * (`npx vite build --config renderer/vite.config.ts`) and Chromium (STEERCO_CHROMIUM or
 * /usr/bin/chromium).
 *
 * Headline: time from navigation to the first painted grid row (app) vs the same page
 * fetching and parsing `measures:list` itself (raw: the data's own cost, no rendering).
 * Extra figures: scrolling 1,000 rows (time, long tasks > 100 ms and the longest one, from
 * the Long Tasks API), a 500 × 5 paste (dispatching the paste event until the grid shows
 * the last pasted cell), a bulk edit of ~5,000 filtered rows through the dialog, typing a
 * word into the search box (long tasks), and the hierarchy: switching it on, then scrolling
 * 1,000 of its rows (long tasks).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startHost } from '../../main/host/server.js';
import { now, type BenchCase, type BenchContext, type Measurement } from '../harness.js';

const CHROMIUM = process.env.STEERCO_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Scroll 1,000 rows in steps of 25, one frame each, watching long tasks.
// A string, not a function: tsx would wrap inner functions in a helper the page lacks.
const SCROLL_1000_ROWS = `(async () => {
        // The grid's vertically scrolling element (its class differs between ag-grid versions).
        const vp = [...document.querySelectorAll('.grid-host *')].find((e) => e.scrollHeight > e.clientHeight + 10000 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowY));
        const tasks = [];
        const obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => tasks.push(e.duration)));
        obs.observe({ type: 'longtask', buffered: false });
        const t = performance.now();
        for (let i = 1; i <= 40; i++) {
          vp.scrollTop = i * 25 * 32;
          await new Promise((r) => requestAnimationFrame(() => r(null)));
        }
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        await new Promise((r) => setTimeout(r, 50));
        obs.disconnect();
        return { ms: performance.now() - t, over100: tasks.filter((d) => d > 100).length, longest: Math.max(0, ...tasks) };
      })()`;
interface ScrollResult {
  ms: number;
  over100: number;
  longest: number;
}

/** Long tasks (ms) while `fn` runs in the page, and how long it took until the page is idle again. */
const WATCH = `window.__tasks = []; window.__obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__tasks.push(Math.round(e.duration)))); window.__obs.observe({ type: 'longtask' });`;
const COLLECT = `(() => { window.__obs.disconnect(); return window.__tasks; })()`;

const gridBrowser: BenchCase = {
  name: 'grid-browser',
  description: 'grid in Chromium: first row painted vs fetching the data alone; scroll 1,000 rows; paste 500 × 5; bulk edit ~5,000',
  target: { ratio: 5 },
  async run(ctx: BenchContext): Promise<Measurement> {
    if (!existsSync(join(process.cwd(), 'dist/renderer/index.html'))) throw new Error('build the renderer first: npx vite build --config renderer/vite.config.ts');
    const api = ctx.api();
    await api.call('workspace:open', { path: ctx.seededCopy() });
    const host = await startHost({ api });
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      const t0 = now();
      await page.goto(host.openUrl);
      await page.locator('.ag-row[row-id]').first().waitFor({ state: 'visible', timeout: 120_000 });
      const firstPaint = now() - t0;
      const rows = await page.locator('[data-testid=row-count]').innerText();

      const rawFetch = await page.evaluate(async (token) => {
        const t = performance.now();
        const r = await fetch('/api/measures:list', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{}' });
        const body = (await r.json()) as { result: unknown[] };
        if (!body.result.length) throw new Error('no rows');
        return performance.now() - t;
      }, host.token);

      const scroll = (await page.evaluate(SCROLL_1000_ROWS)) as ScrollResult;
      await page.evaluate(`[...document.querySelectorAll('.grid-host *')].forEach((e) => { if (e.scrollTop > 0) e.scrollTop = 0; })`);

      // Paste 500 × 5 (title, owner, sponsor, controller, business unit) at the first title cell.
      const people = (await api.call('people:list', {})).map((p) => p.name);
      const list = await api.call('measures:list', {});
      const block = Array.from({ length: 500 }, (_, i) => [`Pasted ${i}`, people[i % people.length], people[(i + 1) % people.length], people[(i + 2) % people.length], `BU ${i % 9}`].join('\t')).join('\r\n');
      const first = list.slice().sort((a, b) => a.code.localeCompare(b.code))[0]!;
      await page.locator(`.ag-row[row-id="${first.id}"] .ag-cell[col-id="title"]`).click();
      const tp = now();
      await page.evaluate((t) => {
        const dt = new DataTransfer();
        dt.setData('text/plain', t);
        document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      }, block);
      await page.getByText('Pasted 500 rows × 5 columns').waitFor({ timeout: 120_000 });
      const pasteMs = now() - tp;

      // Bulk edit through the dialog: filter by a DI level chip (~1/6 of the rows… pick the one nearest 5,000), select all, set Function.
      const counts = [0, 1, 2, 3, 4, 5].map((d) => [d, list.filter((m) => m.diLevel === d).length] as const);
      const [di, n] = counts.reduce((a, b) => (Math.abs(b[1] - 5000) < Math.abs(a[1] - 5000) ? b : a));
      await page.getByLabel('Filter by DI').selectOption(String(di));
      await page.locator('.ag-header-select-all input').first().check();
      await page.getByRole('button', { name: `Set field… (${n})` }).click();
      const dlg = page.getByTestId('bulk-edit');
      await dlg.getByRole('combobox').first().selectOption('function');
      await dlg.getByLabel('New value (empty clears)').fill('Bench function');
      const tb = now();
      await dlg.getByRole('button', { name: `Apply to ${n}` }).click();
      await page.getByText(`Set Function on ${n} measures: ${n} changed`).waitFor({ timeout: 120_000 });
      const bulkMs = now() - tb;
      await page.getByLabel('Filter by DI').selectOption('');

      // Typing a word into the search box (one key every 150 ms), watching long tasks.
      await page.evaluate(WATCH);
      const search = page.getByRole('searchbox', { name: 'Search measures' });
      await search.click();
      for (const ch of 'pricing') {
        await page.keyboard.type(ch);
        await page.waitForTimeout(150);
      }
      await page.waitForTimeout(500);
      const searchTasks = (await page.evaluate(COLLECT)) as number[];
      await search.fill('');

      // The hierarchy in the grid: switching it on, then scrolling 1,000 rows of it.
      await page.evaluate(WATCH);
      const th = now();
      await page.getByRole('button', { name: 'Hierarchy' }).click();
      await page.locator('.gnode-row').first().waitFor({ timeout: 120_000 });
      const hierarchyOnMs = now() - th;
      await page.waitForTimeout(500);
      const hierarchyTasks = (await page.evaluate(COLLECT)) as number[];
      const hScroll = (await page.evaluate(SCROLL_1000_ROWS)) as ScrollResult;

      return {
        appMs: firstPaint,
        rawMs: rawFetch,
        stat: `one cold load (${rows})`,
        extra: {
          scroll1000RowsMs: Math.round(scroll.ms),
          longTasksOver100ms: scroll.over100,
          longestTaskMs: Math.round(scroll.longest),
          paste500x5Ms: Math.round(pasteMs),
          bulkEditRows: n,
          bulkEditUiMs: Math.round(bulkMs),
          searchKeystrokeTasksOver100ms: searchTasks.filter((d) => d > 100).length,
          searchLongestTaskMs: Math.max(0, ...searchTasks),
          hierarchyOnMs: Math.round(hierarchyOnMs),
          hierarchyOnLongestTaskMs: Math.max(0, ...hierarchyTasks),
          hierarchyScroll1000RowsMs: Math.round(hScroll.ms),
          hierarchyScrollLongTasksOver100ms: hScroll.over100,
          hierarchyScrollLongestTaskMs: Math.round(hScroll.longest),
        },
      };
    } finally {
      await browser.close();
      await host.close();
    }
  },
};

export default gridBrowser;
