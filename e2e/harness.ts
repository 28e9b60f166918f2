import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createApi, type Api } from '../main/api/index.js';
import { startHost, type Host } from '../main/host/server.js';

export const CHROMIUM = process.env.STEERCO_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = join(process.cwd(), 'test-results');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Session {
  api: Api;
  host: Host;
  page: Page;
  context: BrowserContext;
  dir: string;
  /** The workspace file (exists when the session opened one). */
  path: string;
  close(): Promise<void>;
}

/**
 * A real browser on the real renderer, served by the real host over a real workspace
 * file. `workspace: 'demo'` creates the demo program first; 'none' shows the start screen.
 */
export async function openApp(
  opts: {
    workspace?: 'demo' | 'empty' | 'none';
    viewport?: { width: number; height: number };
    /** Chromium's locale (navigator.language, number and date formats), e.g. 'de-DE'; default en-US. */
    locale?: string;
    /** Runs on the page before the app is loaded (e.g. to watch its requests from the start). */
    beforeLoad?: (page: Page) => void;
  } = {},
): Promise<Session> {
  const dir = mkdtempSync(join(tmpdir(), 'steerco-e2e-'));
  const api = createApi({ configDir: join(dir, 'config'), version: 'e2e' });
  const path = join(dir, 'program.steerco');
  if (opts.workspace !== 'none') await api.call('workspace:create', { path, demo: opts.workspace !== 'empty', name: opts.workspace === 'empty' ? 'Empty' : undefined });
  const host = await startHost({ api });
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    // A laptop's screen: journeys bring a grid column into view before they use it (showColumn).
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    locale: opts.locale ?? 'en-US',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // A page error or a console error fails the journey (reported when the session closes).
  // A refusal answered by the API (HTTP 4xx) is an answer, not an error: Chromium logs it as
  // "Failed to load resource", which is not counted.
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(text) && (m.location().url ?? '').includes('/api/')) return;
    problems.push(`console error: ${text}`);
  });
  opts.beforeLoad?.(page);
  await page.goto(host.openUrl);
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    api,
    host,
    page,
    context,
    dir,
    path,
    close: async () => {
      await context.close();
      await host.close();
      api.close();
      rmSync(dir, { recursive: true, force: true });
      if (problems.length) throw new Error(`The page reported ${problems.length} error(s):\n${problems.join('\n')}`);
    },
  };
}

/** The grid cell of a measure (row ids are measure ids) in a column. */
export function cell(page: Page, measureId: string, colId: string) {
  return page.locator(`.ag-row[row-id="${measureId}"] .ag-cell[col-id="${colId}"]`);
}

/**
 * Brings a column of the measures grid into view (ag-grid's ensureColumnVisible), as a user
 * scrolls to it: at a laptop's width the grid draws only the columns in view.
 */
export async function showColumn(page: Page, colId: string, grid = 'measures'): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(
          ([g, c]) => {
            // The named grid when it is on screen; a grid drawing all its columns (RAID) needs nothing.
            const handle = (window as unknown as { steercoGrids?: Record<string, { showColumn(c: string): boolean }> }).steercoGrids?.[g!];
            handle?.showColumn(c!);
            return !!document.querySelector(`.ag-header-cell[col-id="${CSS.escape(c!)}"]`);
          },
          [grid, colId],
        ),
      { timeout: WAIT_MS },
    )
    .toBe(true);
}

/** A measure's cell brought into view first (row and column); see cell(). */
export async function showCell(page: Page, measureId: string, colId: string): Promise<Locator> {
  await page.evaluate((id) => (window as unknown as { steercoGrids?: Record<string, { showRow(id: string): boolean }> }).steercoGrids?.measures?.showRow(id), measureId);
  await showColumn(page, colId);
  const c = cell(page, measureId, colId);
  await c.waitFor({ state: 'visible', timeout: WAIT_MS });
  return c;
}

/** Types a value into a cell with the text editor and commits it with Enter. */
export async function editCell(page: Page, measureId: string, colId: string, value: string): Promise<void> {
  const c = await showCell(page, measureId, colId);
  await c.dblclick();
  // The text of the editor (a date cell also holds its calendar, an <input type=date>).
  const input = c.locator('input:not([type=date])');
  await input.fill(value);
  await input.press('Enter');
}

/** How long a journey waits for a state (a busy 2-core machine can be slow; a met state returns at once). */
/** A real DOM paste event carrying text/plain, as Excel puts it on the clipboard, on the focused cell. */
export async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

export const WAIT_MS = 30_000;

/** Web-first assertions on top of vitest's expect.poll (vitest has no Playwright matchers). */
export const see = {
  text: (loc: Locator, expected: string) => expect.poll(() => loc.innerText(), { timeout: WAIT_MS }).toBe(expected),
  contains: (loc: Locator, part: string) => expect.poll(() => loc.innerText(), { timeout: WAIT_MS }).toContain(part),
  cls: (loc: Locator, re: RegExp) => expect.poll(async () => (await loc.getAttribute('class')) ?? '', { timeout: WAIT_MS }).toMatch(re),
  count: (loc: Locator, n: number) => expect.poll(() => loc.count(), { timeout: WAIT_MS }).toBe(n),
  visible: (loc: Locator) => loc.first().waitFor({ state: 'visible', timeout: WAIT_MS }),
};

/** Distinct measure rows rendered by the grid. */
export function rows(page: Page): Locator {
  return page.locator('.ag-row[row-id]');
}

/**
 * Waits until a cell editor has the keyboard focus. The grid mounts its editor after the
 * key that starts an edit; on a loaded machine, keys sent before that would be dropped.
 */
export async function editorReady(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => !!document.activeElement?.closest('.ag-cell-inline-editing') && document.activeElement?.tagName === 'INPUT'), { timeout: WAIT_MS })
    .toBe(true);
}

/** Measure rows of the grid drawn whole between its header and its horizontal scroll bar (what a user can read). */
export function visibleRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const host = document.querySelector('.grid-pane .grid-host');
    const header = host?.querySelector('.ag-header');
    if (!host || !header) return 0;
    const top = header.getBoundingClientRect().bottom;
    const scroll = host.querySelector('.ag-body-horizontal-scroll');
    const bottom = Math.min(host.getBoundingClientRect().bottom, scroll && scroll.getBoundingClientRect().height > 0 ? scroll.getBoundingClientRect().top : Infinity);
    const whole = [...host.querySelectorAll<HTMLElement>('.ag-row[row-id]')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.height > 0 && b.top >= top - 1 && b.bottom <= bottom + 1;
    });
    return new Set(whole.map((r) => r.getAttribute('row-id'))).size;
  });
}

/** Runs axe-core in the page and returns its serious and critical violations, one line each (rule: where). */
export async function axeProblems(page: Page, scope?: string): Promise<string[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // evaluate, not a <script> tag: the app's CSP allows no inline script, and the check must not loosen it.
  await page.evaluate(source);
  const found = await page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(sel ? { include: [sel] } : document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }, scope ?? null);
  return found;
}

/** Chooses an action of the measures grid's "More ▾" menu (Fields…, Export…, Import…). */
export async function gridAction(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'More grid actions' }).click();
  await page.getByRole('menuitem', { name, exact: true }).click();
}

/** Scrolls the measures grid to a row (a measure id, or "node:<id>" for a hierarchy row) as a user would. */
export async function showRow(page: Page, rowId: string): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate((id) => {
          (window as unknown as { steercoGrids?: Record<string, { showRow(id: string): boolean }> }).steercoGrids?.measures?.showRow(id);
          return !!document.querySelector(`.ag-row[row-id="${CSS.escape(id)}"]`);
        }, rowId),
      { timeout: WAIT_MS },
    )
    .toBe(true);
}
