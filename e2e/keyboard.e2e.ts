import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, cell, openApp, see, type Session, showCell } from './harness.js';

// Every action reachable by keyboard: menus, dialogs, drawers and the status override open
// with Enter, Esc closes them, and the focus goes back to what opened them.
let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** What has the keyboard focus: a grid cell as "cell <row>:<col>", else the element's accessible name. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    const c = a?.closest('.ag-cell');
    if (c) return `cell ${c.closest('.ag-row')?.getAttribute('row-id')}:${c.getAttribute('col-id')}`;
    return a ? `${a.tagName.toLowerCase()} ${a.getAttribute('aria-label') ?? a.textContent?.trim() ?? ''}` : 'none';
  });
const focusIs = (page: Page, expected: string) => expect.poll(() => focused(page)).toBe(expected);
const focusCol = (page: Page) => page.evaluate(() => document.activeElement?.closest('.ag-cell')?.getAttribute('col-id') ?? null);

/** Moves the grid's focus with → (then ←, when the column is to the left) until it is on `colId`. */
async function arrowTo(page: Page, colId: string): Promise<void> {
  for (let i = 0; i < 60 && (await focusCol(page)) !== colId; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 90 && (await focusCol(page)) !== colId; i++) await page.keyboard.press('ArrowLeft');
  expect(await focusCol(page)).toBe(colId);
}

describe('keyboard only', () => {
  it('opens and closes every menu, dialog and drawer with the keyboard, Esc returns the focus to what opened it', async () => {
    s = await openApp({ workspace: 'demo', viewport: { width: 1440, height: 900 } });
    const { page, api } = s;
    const all = await api.call('measures:list', {});
    const m = all.find((x) => !x.manual)!;
    await see.visible(await showCell(page, m.id, 'title'));

    // The grid's "More ▾" menu: Enter opens it on its first item, ↓ moves, Esc closes it.
    const more = page.getByRole('button', { name: 'More grid actions' });
    await more.focus();
    await page.keyboard.press('Enter');
    await focusIs(page, 'button Fields…');
    await page.keyboard.press('ArrowDown');
    await focusIs(page, 'button Export…');
    await page.keyboard.press('Escape');
    await see.count(page.getByRole('menu'), 0);
    await focusIs(page, 'button More grid actions');
    // An item opens its dialog; Esc closes it and the focus is back on the menu's button.
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const exportDialog = page.getByRole('dialog', { name: /Export/ });
    await see.visible(exportDialog);
    await page.keyboard.press('Escape');
    await see.count(exportDialog, 0);
    await focusIs(page, 'button More grid actions');

    // Columns ▾: Space ticks a column off and on, Esc closes.
    const columns = page.getByRole('button', { name: 'Columns ▾' });
    await columns.focus();
    await page.keyboard.press('Enter');
    const chooser = page.getByRole('group', { name: 'Visible columns' });
    await see.visible(chooser);
    await expect.poll(() => focused(page)).toMatch(/^input /);
    await page.keyboard.press('Escape');
    await see.count(chooser, 0);
    await focusIs(page, 'button Columns ▾');

    // + Add measure's template menu (a package chosen in the tree first, with Enter).
    const pkg = page.getByRole('treeitem').filter({ hasText: /./ }).last();
    await pkg.focus();
    await page.keyboard.press('Enter');
    const templates = page.getByRole('button', { name: 'Add a measure from a template' });
    await expect.poll(() => templates.isEnabled()).toBe(true);
    await templates.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Templates' });
    await see.visible(menu);
    // Its first template takes the focus once the list has arrived.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role') ?? null)).toBe('menuitem');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await see.count(menu, 0);
    await focusIs(page, 'button Add a measure from a template');
    // Back to every measure: ↑ in the tree walks up to "All measures".
    await pkg.focus();
    for (let i = 0; i < 60 && (await page.getByRole('treeitem', { name: /All measures/ }).getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowUp');
    await focusIs(page, `li ${(await page.getByRole('treeitem', { name: /All measures/ }).textContent())!.trim()}`);

    // The top bar's File menu.
    const file = page.getByRole('button', { name: 'File', exact: true });
    await file.focus();
    await page.keyboard.press('Enter');
    await see.visible(page.getByRole('menu', { name: 'File' }));
    await page.keyboard.press('Escape');
    await see.count(page.getByRole('menu', { name: 'File' }), 0);
    await focusIs(page, 'button File');

    // In the grid: the status override dialog opens with Enter; Esc closes it, the focus is on the cell again.
    await page.getByLabel('Search measures').focus();
    await page.keyboard.type(m.code);
    await see.visible(page.locator(`.ag-row[row-id="${m.id}"]`));
    const title = await showCell(page, m.id, 'title');
    await title.focus();
    await focusIs(page, `cell ${m.id}:title`);
    await arrowTo(page, 'implementationStatus');
    await page.keyboard.press('Enter');
    const status = page.getByRole('dialog', { name: `Implementation status of ${m.code}` });
    await see.visible(status);
    await page.keyboard.press('Escape');
    await see.count(status, 0);
    await focusIs(page, `cell ${m.id}:implementationStatus`);
    // Set it by hand: a letter chooses the status, Enter asks for the reason, Enter saves.
    await page.keyboard.press('Enter');
    await see.visible(status);
    await page.keyboard.press('a');
    await page.keyboard.press('Enter');
    await see.contains(status.getByRole('alert'), 'A reason is required');
    await page.keyboard.type('Vendor slipped, set from the keyboard');
    await page.keyboard.press('Enter');
    await see.count(status, 0);
    await expect.poll(async () => (await api.call('measures:get', { id: m.id })).manual?.implementation?.status).toBe('amber');
    await focusIs(page, `cell ${m.id}:implementationStatus`);

    // The gate panel (Enter on Next gate), the effects drawer and the detail panel (Enter on the code): Esc and back.
    for (const [col, region] of [
      ['nextGate', page.getByRole('complementary', { name: 'Gate panel' })],
      ['effects', page.getByRole('dialog', { name: 'Financial effects' })],
      ['code', page.getByRole('complementary', { name: `Details of ${m.code}` })],
    ] as const) {
      await arrowTo(page, col);
      await page.keyboard.press('Enter');
      await see.visible(region);
      await expect.poll(() => region.evaluate((el) => el.contains(document.activeElement))).toBe(true);
      if (col === 'code') await page.screenshot({ path: `${ARTIFACTS}/keyboard-detail-open.png` });
      await page.keyboard.press('Escape');
      await see.count(region, 0);
      await focusIs(page, `cell ${m.id}:${col}`);
    }
    // The arrows still move in the grid after the focus came back.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focusCol(page)).not.toBe('code');
    await see.visible(cell(page, m.id, 'title'));
  });
});
