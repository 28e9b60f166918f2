import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, axeProblems, cell, openApp, see, showCell, showColumn, visibleRows, type Session } from './harness.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];

/** Every item of a bar on one line: the same top for all (a wrapped item starts lower). */
async function oneLine(page: Page, selector: string): Promise<void> {
  const tops = await page.locator(`${selector} > *`).evaluateAll((els) =>
    els.filter((e) => (e as HTMLElement).offsetParent !== null && getComputedStyle(e).position !== 'fixed').map((e) => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2)),
  );
  expect(Math.max(...tops) - Math.min(...tops), `${selector} wraps`).toBeLessThanOrEqual(3);
}

const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true });

/** Opens a view by its tab, or from "More views" when the tab did not fit. */
async function openView(page: Page, name: string): Promise<void> {
  if (await tab(page, name).isVisible()) return tab(page, name).click();
  await page.getByRole('button', { name: /more views/i }).click();
  await page.getByRole('menuitemradio', { name }).click();
}

describe('layout at a laptop and a projector size, accessible', () => {
  it('shows ≥ 28 rows at 1440×900 under a one-line top bar and toolbar, with the tick and code columns pinned', async () => {
    s = await openApp({ workspace: 'demo', viewport: SIZES[0] });
    const { page, api } = s;
    await see.visible(page.locator('.ag-row[row-id]'));
    await oneLine(page, '.topbar');
    await oneLine(page, '.grid-toolbar');
    const n = await visibleRows(page);
    writeFileSync(join(ARTIFACTS, 'rows-visible-1440x900.txt'), `${n}\n`);
    expect(n).toBeGreaterThanOrEqual(28);
    // The workspace name is whole or has its full name as a tooltip.
    const name = (await api.call('app:info', {})).workspace!.name;
    expect(await page.locator('.ws-name').getAttribute('title')).toContain(name);
    // Tick and code stay at the left when the grid scrolls to its last columns.
    const m = (await api.call('measures:list', {}))[0]!;
    await showCell(page, m.id, 'package');
    const left = async (sel: string) => {
      const host = await page.locator('.grid-pane .grid-host').evaluate((e) => e.getBoundingClientRect().left);
      return (await page.locator(`.ag-row[row-id="${m.id}"] ${sel}`).first().evaluate((e) => e.getBoundingClientRect().left)) - host;
    };
    await see.visible(cell(page, m.id, 'code'));
    expect(await left('.ag-cell[col-id="code"]')).toBeLessThan(80);
    expect(await left('.ag-selection-checkbox')).toBeLessThan(30);
    // → from Title goes to Owner, not to the tick column.
    await showCell(page, m.id, 'title');
    await cell(page, m.id, 'title').click();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.ag-cell')?.getAttribute('col-id'))).toBe('owner');
  });

  it('collapses and resizes the hierarchy, resizes the detail panel, and has a presentation mode', async () => {
    s = await openApp({ workspace: 'demo', viewport: SIZES[1] });
    const { page, api } = s;
    await see.visible(page.locator('.ag-row[row-id]'));
    const before = await page.locator('.tree').evaluate((e) => e.getBoundingClientRect().width);
    await page.getByRole('separator', { name: 'Resize the hierarchy' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('.tree').evaluate((e) => e.getBoundingClientRect().width)).toBeGreaterThan(before);
    await page.getByRole('button', { name: 'Hide the tree panel' }).click();
    await see.visible(page.getByRole('button', { name: 'Show the tree panel' }));
    expect(await page.locator('.tree').evaluate((e) => e.getBoundingClientRect().width)).toBeLessThan(60);
    await page.getByRole('button', { name: 'Show the tree panel' }).click();
    await see.visible(page.getByRole('tree', { name: 'Program hierarchy' }));

    const m = (await api.call('measures:list', {}))[0]!;
    await cell(page, m.id, 'code').getByRole('button').click();
    const panel = page.locator('.detail-wrap');
    await see.visible(panel);
    const w = await panel.evaluate((e) => e.getBoundingClientRect().width);
    await page.getByRole('separator', { name: 'Resize the details' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => panel.evaluate((e) => e.getBoundingClientRect().width)).toBeLessThan(w);
    // The grid stays usable beside it: code, title and more columns are there.
    expect(await page.locator('.grid-host').evaluate((e) => e.getBoundingClientRect().width)).toBeGreaterThan(560);
    await page.screenshot({ path: join(ARTIFACTS, 'layout-detail-1280x720.png') });
    await page.getByRole('button', { name: 'Close details' }).click();

    await page.getByRole('button', { name: 'Presentation mode' }).click();
    await expect.poll(() => cell(page, m.id, 'title').evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(16);
    await oneLine(page, '.topbar');
    await page.screenshot({ path: join(ARTIFACTS, 'layout-presentation-1280x720.png') });
    await page.getByRole('button', { name: 'Presentation mode' }).click();
  });

  it('Esc closes the Columns menu, the start overlay and the effects drawer, and the focus returns', async () => {
    s = await openApp({ workspace: 'demo', viewport: SIZES[0] });
    const { page, api } = s;
    await see.visible(page.locator('.ag-row[row-id]'));
    const columns = page.getByRole('button', { name: 'Columns ▾' });
    await columns.click();
    await see.visible(page.getByRole('group', { name: 'Visible columns' }));
    await page.keyboard.press('Escape');
    await see.count(page.getByRole('group', { name: 'Visible columns' }), 0);
    await expect.poll(() => columns.evaluate((e) => e === document.activeElement)).toBe(true);

    await page.getByRole('button', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: 'New or open workspace…' }).click();
    await see.visible(page.getByRole('dialog', { name: 'New or open workspace' }));
    await page.keyboard.press('Escape');
    await see.count(page.getByRole('dialog', { name: 'New or open workspace' }), 0);

    const m = (await api.call('measures:list', {}))[0]!;
    const effects = await showCell(page, m.id, 'effects');
    await effects.dblclick();
    await see.visible(page.getByRole('dialog', { name: 'Financial effects' }));
    await page.keyboard.press('Escape');
    await see.count(page.getByRole('dialog', { name: 'Financial effects' }), 0);
  });

  for (const size of SIZES) {
    it(`screens at ${size.width}×${size.height}: every tab and dialog, with no serious or critical axe violation`, async () => {
      s = await openApp({ workspace: 'demo', viewport: size });
      const { page, api } = s;
      await see.visible(page.locator('.ag-row[row-id]'));
      const tag = `${size.width}x${size.height}`;
      const report: Record<string, string[]> = {};
      const check = async (screen: string) => {
        await page.screenshot({ path: join(ARTIFACTS, `layout-${tag}-${screen}.png`) });
        report[screen] = await axeProblems(page);
      };
      await oneLine(page, '.topbar');
      await check('measures');
      await showColumn(page, 'potentialStatus');
      await page.screenshot({ path: join(ARTIFACTS, `layout-${tag}-grid-statuses.png`) });
      const m = (await api.call('measures:list', {})).find((x) => x.code === 'M-0002')!;

      await cell(page, m.id, 'code').getByRole('button').click();
      await see.visible(page.locator('.detail'));
      await check('detail');
      await page.getByRole('button', { name: 'Close details' }).click();

      await (await showCell(page, m.id, 'nextGate')).getByRole('button').click();
      await see.visible(page.getByRole('complementary', { name: 'Gate panel' }));
      await check('gate-panel');
      await page.getByRole('button', { name: 'Close gate panel' }).click();

      await (await showCell(page, m.id, 'effects')).getByRole('button').click();
      await see.visible(page.getByRole('dialog', { name: 'Financial effects' }));
      await check('effects');
      await page.getByRole('button', { name: 'Close effects' }).click();

      await page.getByRole('button', { name: 'More grid actions' }).click();
      await page.getByRole('menuitem', { name: 'Fields…' }).click();
      await see.visible(page.getByRole('dialog'));
      await check('fields-dialog');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'More grid actions' }).click();
      await page.getByRole('menuitem', { name: 'Export…' }).click();
      await see.visible(page.getByRole('dialog'));
      await check('export-dialog');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: /^Sync/ }).click();
      await see.visible(page.getByRole('dialog'));
      await check('sync-dialog');
      await page.keyboard.press('Escape');

      for (const [name, screen] of [
        ['People', 'people'],
        ['RAID', 'raid'],
        ['Meetings', 'meetings'],
        ['Approvals', 'approvals'],
        ['Gates', 'gates'],
        ['Dashboard', 'dashboard'],
        ['Steering pack', 'pack'],
      ] as const) {
        await openView(page, name);
        await page.waitForLoadState('networkidle');
        await check(screen);
      }
      await see.visible(page.locator('.pack-page'));
      // The preview shows whole pages in both orientations: nothing scrolls sideways.
      const preview = page.locator('.pack-preview');
      const first = page.locator('.pack-page').first();
      for (const orientation of ['landscape', 'portrait'] as const) {
        await page.getByLabel('Orientation').selectOption(orientation);
        await expect.poll(() => first.evaluate((e) => (e.getBoundingClientRect().width > e.getBoundingClientRect().height ? 'landscape' : 'portrait'))).toBe(orientation);
        await expect.poll(() => preview.evaluate((e) => e.scrollWidth - e.clientWidth), { message: `pack preview scrolls sideways in ${orientation} at ${tag}` }).toBeLessThanOrEqual(0);
        const [p, b] = await Promise.all([preview.boundingBox(), first.boundingBox()]);
        expect(b!.x).toBeGreaterThanOrEqual(p!.x);
        expect(b!.x + b!.width).toBeLessThanOrEqual(p!.x + p!.width);
        await page.screenshot({ path: join(ARTIFACTS, `layout-${tag}-pack-${orientation}.png`) });
        // The foot of the first page too (charts whole, not clipped).
        await first.evaluate((e) => e.scrollIntoView({ block: 'end' }));
        await page.screenshot({ path: join(ARTIFACTS, `layout-${tag}-pack-${orientation}-foot.png`) });
        await preview.evaluate((e) => e.scrollTo(0, 0));
      }
      await page.getByLabel('Orientation').selectOption('landscape');
      writeFileSync(join(ARTIFACTS, `axe-${tag}.json`), JSON.stringify(report, null, 2));
      // The README's pictures change only on purpose: STEERCO_UPDATE_SCREENSHOT=1 npm run test:e2e.
      if (process.env.STEERCO_UPDATE_SCREENSHOT && size.width === 1440) {
        mkdirSync('e2e/screenshots', { recursive: true });
        for (const shot of ['grid-statuses', 'dashboard', 'pack']) copyFileSync(join(ARTIFACTS, `layout-${tag}-${shot}.png`), `e2e/screenshots/${shot}.png`);
      }
      const bad = Object.entries(report).filter(([, v]) => v.length > 0);
      expect(bad, bad.map(([k, v]) => `${k}: ${v.join('; ')}`).join('\n')).toEqual([]);
    });
  }
});
