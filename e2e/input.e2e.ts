import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Measure } from '../preload/contract.js';
import { ARTIFACTS, cell, editorReady, openApp, see, type Session, showCell } from './harness.js';

// Input is never lost: what the app cannot read is refused AT THE CELL with the reason, the
// typed text stays in the editor, nothing is written; fixing it saves it.
let s: Session | undefined;
let errors: string[] = [];
afterEach(async () => {
  await s?.close();
  s = undefined;
  expect(errors).toEqual([]);
  errors = [];
});

async function open(locale: string) {
  s = await openApp({ workspace: 'demo', viewport: { width: 1440, height: 900 }, locale });
  s.page.on('pageerror', (e) => errors.push(e.message));
  const { api } = s;
  await api.call('customFields:create', { label: 'Go-live', type: 'date' });
  await api.call('customFields:create', { label: 'Headcount', type: 'number' });
  await api.call('customFields:create', { label: 'Saving', type: 'money' });
  const m = (await api.call('measures:list', {})).find((x) => x.startDate && x.dueDate)!;
  await see.visible(await showCell(s.page, m.id, 'title'));
  await showColumn(s.page, m.id, 'dueDate');
  return { page: s.page, api, m };
}

const editor = (page: Page, id: string, col: string) => cell(page, id, col).locator('input.typed-input');
const message = (page: Page) => page.getByTestId('cell-message');

/** Brings a column into view (the grid draws only the columns in view; custom fields are last). */
async function showColumn(page: Page, id: string, col: string) {
  const scroller = page.locator('.ag-body-horizontal-scroll-viewport');
  await scroller.evaluate((el) => (el.scrollLeft = 0));
  // Step right until the grid has drawn the column (it draws only the columns in view).
  await expect
    .poll(async () => {
      if ((await cell(page, id, col).count()) > 0 && (await cell(page, id, col).isVisible())) return true;
      await scroller.evaluate((el) => (el.scrollLeft += 250));
      return false;
    })
    .toBe(true);
  await cell(page, id, col).scrollIntoViewIfNeeded();
}

/** Types `text` into a cell (double-click, replace, Enter). */
async function type(page: Page, id: string, col: string, text: string) {
  await cell(page, id, col).dblclick();
  await editorReady(page);
  await editor(page, id, col).fill(text);
  await editor(page, id, col).press('Enter');
}

/** The cell refused `text`: the editor is still open with it, the reason is shown under the cell, nothing was written. */
async function refusedAtCell(page: Page, id: string, col: string, text: string, reason: string, stored: () => Promise<unknown>, before: unknown) {
  await see.contains(message(page), reason);
  expect(await editor(page, id, col).inputValue()).toBe(text);
  await see.cls(cell(page, id, col).locator('.typed-editor'), /invalid/);
  expect(await stored()).toEqual(before);
}

describe('typed input is never lost (en-US)', () => {
  it('refuses unreadable dates in Due and a custom date at the cell, keeps the text, and saves the correction', async () => {
    const { page, api, m } = await open('en-US');
    const undoBefore = (await api.call('history:state', {})).undo;
    const changes = () => (api.session.db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    const changesBefore = changes();
    const due = async () => (await api.call('measures:get', { id: m.id })).dueDate;
    const bad: [string, string][] = [
      ['someday', '"someday" is not a date; use 12/31/2026 or 2026-12-31'],
      ['31.12.2026', '"31.12.2026" is not a date in en-US (month/day/year, 12/31/2026): there is no month 31'],
      ['2026-02-30', '"2026-02-30" is not a day: February 2026 has 28 days'],
      ['2027-02-29', '"2027-02-29" is not a day: February 2027 has 28 days'],
    ];
    for (const [text, reason] of bad) {
      await type(page, m.id, 'dueDate', text);
      await refusedAtCell(page, m.id, 'dueDate', text, reason, due, m.dueDate);
      if (text === 'someday') await page.screenshot({ path: `${ARTIFACTS}/input-refused-date.png` });
      await page.keyboard.press('Escape');
      await see.count(message(page), 0);
    }
    expect(changes()).toBe(changesBefore);
    expect((await api.call('history:state', {})).undo).toBe(undoBefore);

    // Correcting in the open editor clears the outline and the reason, and saves.
    await type(page, m.id, 'dueDate', 'someday');
    await see.contains(message(page), 'is not a date');
    await editor(page, m.id, 'dueDate').fill('12/31/2099');
    await see.count(message(page), 0);
    await editor(page, m.id, 'dueDate').press('Enter');
    await expect.poll(due).toBe('2099-12-31');
    // Shown in the locale's format, the one date format.
    await see.text(cell(page, m.id, 'dueDate'), '12/31/2099');

    // A date the workspace refuses (before the start) reopens the cell with the typed text and the reason.
    await type(page, m.id, 'dueDate', '1/1/2000');
    await see.contains(message(page), 'before the start date');
    await expect.poll(() => editor(page, m.id, 'dueDate').inputValue()).toBe('1/1/2000');
    expect(await due()).toBe('2099-12-31');
    await page.screenshot({ path: `${ARTIFACTS}/input-refused-before-start.png` });
    await editor(page, m.id, 'dueDate').fill('2099-1-5');
    await editor(page, m.id, 'dueDate').press('Enter');
    await expect.poll(due).toBe('2099-01-05');
    await see.count(cell(page, m.id, 'dueDate').and(page.locator('.cell-error')), 0);

    // The calendar beside the text writes the picked day.
    await (await showCell(page, m.id, 'dueDate')).dblclick();
    await editorReady(page);
    await (await showCell(page, m.id, 'dueDate')).locator('input[type=date]').fill('2099-03-15');
    await expect.poll(() => editor(page, m.id, 'dueDate').inputValue()).toBe('03/15/2099');
    await editor(page, m.id, 'dueDate').press('Enter');
    await expect.poll(due).toBe('2099-03-15');

    // The custom date field: the same parser, the same refusal at the cell.
    const goLive = async () => (await api.call('measures:get', { id: m.id })).custom?.go_live ?? null;
    await showColumn(page, m.id, 'custom.go_live');
    for (const [text, reason] of bad) {
      await type(page, m.id, 'custom.go_live', text);
      await refusedAtCell(page, m.id, 'custom.go_live', text, reason, goLive, null);
      await page.keyboard.press('Escape');
    }
    await type(page, m.id, 'custom.go_live', '11/15/2026');
    await expect.poll(goLive).toBe('2026-11-15');
  });

  it('refuses abc and the ambiguous 1,5 in custom number and money cells, with the reason', async () => {
    const { page, api, m } = await open('en-US');
    const custom = async () => {
      const c = (await api.call('measures:get', { id: m.id })).custom ?? {};
      return { headcount: c.headcount ?? null, saving: c.saving ?? null };
    };
    await showColumn(page, m.id, 'custom.headcount');
    for (const col of ['custom.headcount', 'custom.saving']) {
      await type(page, m.id, col, 'abc');
      await refusedAtCell(page, m.id, col, 'abc', '"abc" is not a number; use 1234.5 or 1,234.5', custom, col === 'custom.headcount' ? { headcount: null, saving: null } : { headcount: 1234.5, saving: null });
      await editor(page, m.id, col).fill('1,5');
      await editor(page, m.id, col).press('Enter');
      await see.contains(message(page), '"1,5" is not a number in en-US, where "." marks decimals and "," groups thousands');
      await editor(page, m.id, col).fill('1,234.5');
      await editor(page, m.id, col).press('Enter');
    }
    await expect.poll(custom).toMatchObject({ headcount: 1234.5, saving: 123450 });
    await see.text(cell(page, m.id, 'custom.headcount'), '1,234.5');
    await see.text(cell(page, m.id, 'custom.saving'), '1,234.50');
    await type(page, m.id, 'custom.saving', '12.345');
    await see.contains(message(page), '"12.345" has more than 2 decimals');
  });

  it('refuses an unreadable date in the detail panel at the field, keeps the text, and saves the correction', async () => {
    const { page, api, m } = await open('en-US');
    await page.getByRole('button', { name: `Open details of ${m.code}` }).click();
    const panel = page.getByRole('complementary', { name: `Details of ${m.code}` });
    const dueField = panel.getByLabel('Due date', { exact: true });
    await dueField.fill('31.12.2026');
    await dueField.press('Enter');
    await see.contains(panel, '"31.12.2026" is not a date in en-US (month/day/year, 12/31/2026): there is no month 31');
    expect(await dueField.inputValue()).toBe('31.12.2026');
    expect((await api.call('measures:get', { id: m.id })).dueDate).toBe(m.dueDate);
    await page.screenshot({ path: `${ARTIFACTS}/input-refused-panel.png` });
    await dueField.fill('12/31/2099');
    await dueField.press('Enter');
    await expect.poll(async () => (await api.call('measures:get', { id: m.id })).dueDate).toBe('2099-12-31');
    await see.count(panel.locator('.error-text'), 0);
    // The custom fields too, and the calendar.
    const goLive = panel.getByLabel('Go-live', { exact: true });
    await goLive.fill('someday');
    await goLive.press('Enter');
    await see.contains(panel, '"someday" is not a date; use 12/31/2026 or 2026-12-31');
    await panel.getByLabel('Pick Go-live').fill('2099-06-30');
    await expect.poll(async () => (await api.call('measures:get', { id: m.id })).custom?.go_live).toBe('2099-06-30');
    await expect.poll(() => goLive.inputValue()).toBe('06/30/2099');
  });
});

describe('typed dates in the RAID log', () => {
  it('refuses an unreadable due date at the cell instead of deleting the stored one', async () => {
    const { page, api } = await open('en-GB');
    const r = (await api.call('raid:list', {})).find((x) => x.dueDate)!;
    const due = async () => (await api.call('raid:list', {})).find((x) => x.id === r.id)!.dueDate;
    await page.getByRole('button', { name: 'RAID', exact: true }).click();
    await see.visible(await showCell(page, r.id, 'dueDate'));
    for (const [text, reason] of [
      ['someday', '"someday" is not a date; use 31/12/2026 or 2026-12-31'],
      ['12/31/2026', '"12/31/2026" is not a date in en-GB (day/month/year, 31/12/2026): there is no month 31'],
    ]) {
      await type(page, r.id, 'dueDate', text!);
      await refusedAtCell(page, r.id, 'dueDate', text!, reason!, due, r.dueDate);
      await page.keyboard.press('Escape');
    }
    await type(page, r.id, 'dueDate', '31/12/2099');
    await expect.poll(due).toBe('2099-12-31');
    await see.text(cell(page, r.id, 'dueDate'), '31/12/2099');
  });
});

describe('typed input in de-DE', () => {
  it('reads 31.12.2099 and 1,5, refuses 11/15/2026 and abc at the cell', async () => {
    const { page, api, m } = await open('de-DE');
    const get = (): Promise<Measure> => api.call('measures:get', { id: m.id });
    const bad: [string, string][] = [
      ['11/15/2026', '"11/15/2026" is not a date in de-DE (day.month.year, 31.12.2026): there is no month 15'],
      ['31.02.2026', '"31.02.2026" is not a day: February 2026 has 28 days'],
      ['someday', '"someday" is not a date; use 31.12.2026 or 2026-12-31'],
      ['2026-02-30', '"2026-02-30" is not a day: February 2026 has 28 days'],
    ];
    for (const [text, reason] of bad) {
      await type(page, m.id, 'dueDate', text);
      await refusedAtCell(page, m.id, 'dueDate', text, reason, async () => (await get()).dueDate, m.dueDate);
      if (text === '11/15/2026') await page.screenshot({ path: `${ARTIFACTS}/input-refused-date-de.png` });
      await page.keyboard.press('Escape');
    }
    await type(page, m.id, 'dueDate', '31.12.2099');
    await expect.poll(async () => (await get()).dueDate).toBe('2099-12-31');
    await see.text(cell(page, m.id, 'dueDate'), '31.12.2099');

    await showColumn(page, m.id, 'custom.go_live');
    for (const [text, reason] of bad) {
      await type(page, m.id, 'custom.go_live', text);
      await refusedAtCell(page, m.id, 'custom.go_live', text, reason, async () => (await get()).custom?.go_live ?? null, null);
      await page.keyboard.press('Escape');
    }
    await type(page, m.id, 'custom.go_live', '29.02.2028');
    await expect.poll(async () => (await get()).custom?.go_live).toBe('2028-02-29');

    await showColumn(page, m.id, 'custom.headcount');
    await type(page, m.id, 'custom.headcount', '1,5');
    await type(page, m.id, 'custom.saving', '1,5');
    await expect.poll(async () => (await get()).custom).toMatchObject({ headcount: 1.5, saving: 150 });
    await see.text(cell(page, m.id, 'custom.headcount'), '1,5');
    await see.text(cell(page, m.id, 'custom.saving'), '1,50');
    for (const col of ['custom.headcount', 'custom.saving']) {
      await type(page, m.id, col, 'abc');
      await refusedAtCell(page, m.id, col, 'abc', '"abc" is not a number; use 1234,5 or 1.234,5', async () => (await get()).custom, { ...m.custom, headcount: 1.5, saving: 150, go_live: '2028-02-29' });
      await page.keyboard.press('Escape');
    }
    await page.screenshot({ path: `${ARTIFACTS}/input-de.png` });
  });
});
