import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { copyFileSync, mkdirSync } from 'node:fs';
import { ARTIFACTS, cell, editCell, openApp, rows, see, type Session, showCell, showColumn } from './harness.js';
import { formatDay } from '../preload/contract.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('walking skeleton', () => {
  it('opens the demo, filters by a program, edits a cell, refuses a bad value, undoes, and keeps the saved value after reload', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    await expect.poll(() => page.locator('.ag-row[row-id]').count()).toBeGreaterThan(10);
    // At the README's window size (the harness default, 1440 × 900).
    await page.screenshot({ path: join(ARTIFACTS, 'main-window.png') });
    // The README's copy changes only on purpose: STEERCO_UPDATE_SCREENSHOT=1 npm run test:e2e.
    if (process.env.STEERCO_UPDATE_SCREENSHOT) {
      mkdirSync('e2e/screenshots', { recursive: true });
      copyFileSync(join(ARTIFACTS, 'main-window.png'), 'e2e/screenshots/main-window.png');
    }

    // Filter by the smaller program: only its measures remain.
    const program = (await api.call('nodes:list', {})).find((n) => n.name === 'Service Cost Excellence')!;
    const inProgram = await api.call('measures:list', { nodeId: program.id });
    await page.getByRole('treeitem').filter({ hasText: 'Service Cost Excellence' }).click();
    await expect.poll(() => page.getByTestId('row-count').textContent()).toContain(`${inProgram.length} measures`);
    await see.count(rows(page), inProgram.length);

    // Edit a title inline.
    const m = inProgram[0]!;
    await editCell(page, m.id, 'title', 'Consolidate subcontractors to five');
    await see.text(cell(page, m.id, 'title'), 'Consolidate subcontractors to five');
    await expect.poll(async () => (await api.call('measures:get', { id: m.id })).title).toBe('Consolidate subcontractors to five');

    // A due date before the start is refused in the cell, with the reason, and not saved: the
    // cell reopens with the typed text for correction; Escape gives it up.
    await editCell(page, m.id, 'dueDate', '2020-01-01');
    await see.contains(page.getByTestId('cell-message'), 'before the start date');
    await expect.poll(() => cell(page, m.id, 'dueDate').locator('input.typed-input').inputValue()).toBe('2020-01-01');
    await showColumn(page, 'dueDate');
    await see.cls(cell(page, m.id, 'dueDate'), /cell-error/);
    await page.keyboard.press('Escape');
    await showColumn(page, 'dueDate');
    // Shown in the locale's format (en-US here), the one date format.
    await see.text(cell(page, m.id, 'dueDate'), formatDay(m.dueDate!, 'en-US'));
    expect((await api.call('measures:get', { id: m.id })).dueDate).toBe(m.dueDate);

    // An empty title is refused too.
    await editCell(page, m.id, 'title', '   ');
    await see.contains(page.getByTestId('cell-message'), 'Title: is required');
    await page.keyboard.press('Escape');
    expect((await api.call('measures:get', { id: m.id })).title).toBe('Consolidate subcontractors to five');

    // Ctrl+Z undoes the title edit; Ctrl+Shift+Z redoes it.
    await page.locator('.ag-header').click();
    await page.keyboard.press('Control+z');
    await see.text(cell(page, m.id, 'title'), m.title);
    await page.keyboard.press('Control+Shift+z');
    await see.text(cell(page, m.id, 'title'), 'Consolidate subcontractors to five');

    // Reload the page: the value is still there.
    await page.reload();
    await see.text(cell(page, m.id, 'title'), 'Consolidate subcontractors to five');
  });

  it('edits a person and a status from their lists', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const m = (await api.call('measures:list', {}))[0]!;
    await see.visible(await showCell(page, m.id, 'owner'));
    await editCell(page, m.id, 'owner', 'Priya Nair');
    await expect.poll(async () => (await api.call('measures:get', { id: m.id })).owner).toBe('Priya Nair');
    await showColumn(page, 'owner');
    await see.text(cell(page, m.id, 'owner'), 'Priya Nair');
    // An unknown person is refused with the reason; nothing is saved.
    await editCell(page, m.id, 'sponsor', 'Nobody Known');
    await see.contains(page.getByRole('alert').last(), 'Unknown person "Nobody Known"');
    expect((await api.call('measures:get', { id: m.id })).sponsor).toBe(m.sponsor);
    // Statuses are derived; setting one by hand needs a reason (double-click opens the status dialog).
    await (await showCell(page, m.id, 'implementationStatus')).dblclick();
    const dialog = page.getByRole('dialog', { name: `Implementation status of ${m.code}` });
    await dialog.getByRole('radio', { name: 'Red' }).check();
    await dialog.getByRole('textbox').fill('Vendor slipped the go-live');
    await dialog.getByRole('button', { name: 'Set status' }).click();
    await showColumn(page, 'implementationStatus');
    await see.text(cell(page, m.id, 'implementationStatus').locator('.rag'), 'Red');
    await see.visible(cell(page, m.id, 'implementationStatus').getByRole('img', { name: 'Manual status' }));
    expect((await api.call('measures:get', { id: m.id })).potentialStatus).toBe((await api.call('value:get', { measureId: m.id })).potential.status);
  });
});
