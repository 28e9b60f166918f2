import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Measure } from '../preload/contract.js';
import { ARTIFACTS, cell, openApp, see, type Session, showCell } from './harness.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const VIEWPORT = { width: 1440, height: 900 };

/** The local day of an ISO timestamp, as the grid's hover text shows it (en-US, the journey's locale). */
const localDay = (iso: string) => {
  const d = new Date(iso);
  return `${String(d.getMonth() + 1).padStart(2, '0')}/${String(d.getDate()).padStart(2, '0')}/${d.getFullYear()}`;
};

const focusedCol = (page: Page) => page.evaluate(() => document.activeElement?.closest('.ag-cell')?.getAttribute('col-id') ?? document.activeElement?.tagName ?? null);

/** Moves the grid's focus right with the arrow key until it is on `colId`. */
async function arrowTo(page: Page, colId: string): Promise<void> {
  for (let i = 0; i < 30 && (await focusedCol(page)) !== colId; i++) await page.keyboard.press('ArrowRight');
  expect(await focusedCol(page)).toBe(colId);
}

/** What a page error must do: fail the journey. */
function failOnPageError(page: Page): () => void {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return () => expect(errors).toEqual([]);
}

describe('one way to set a status by hand', () => {
  it('sets a status from the keyboard on a grid cell with a reason, shows it as manual, and takes it back to derived from the panel', async () => {
    s = await openApp({ workspace: 'demo', viewport: VIEWPORT });
    const { page, api } = s;
    const noErrors = failOnPageError(page);
    const hanna = (await api.call('people:list', {})).find((p) => p.name === 'Hanna Berg')!;
    await api.call('session:setActor', { personId: hanna.id });
    const all = await api.call('measures:list', {});
    const m = all.slice(0, 8).find((x) => !x.manual && x.implementationStatus !== 'amber')!;
    const p = all.slice(0, 8).find((x) => !x.manual && x.id !== m.id && x.potentialStatus !== 'red')!;
    const status = cell(page, m.id, 'implementationStatus');

    // Keyboard only from the measure's title: arrows to its implementation status, Enter opens the dialog.
    await see.visible(await showCell(page, m.id, 'title'));
    await (await showCell(page, m.id, 'title')).click();
    await page.keyboard.press('Escape');
    await arrowTo(page, 'implementationStatus');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Implementation status of ${m.code}` });
    await see.visible(dialog);
    await see.contains(dialog.getByTestId('status-now'), 'derived from the milestones');
    // The chosen status has the focus; "a" chooses Amber, Enter without a reason is refused at the field.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('radio');
    await page.keyboard.press('a');
    expect(await dialog.getByRole('radio', { name: 'Amber' }).isChecked()).toBe(true);
    // The Enter that opened the dialog did not also submit it.
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await page.keyboard.press('Enter');
    await see.contains(dialog.getByRole('alert'), 'A reason is required to set a status by hand');
    expect((await api.call('measures:get', { id: m.id })).manual).toBeUndefined();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    await page.keyboard.type('Vendor slipped the go-live');
    await page.screenshot({ path: join(ARTIFACTS, 'manual-status-dialog.png') });
    await page.keyboard.press('Enter');
    await see.count(page.getByTestId('status-dialog'), 0);

    // The cell says Amber, carries the manual mark, and says who, why and when on hover.
    await see.text(status.locator('.rag'), 'Amber');
    await see.visible(status.getByRole('img', { name: 'Manual status' }));
    const saved = await api.call('measures:get', { id: m.id });
    expect(saved.manual?.implementation).toMatchObject({ status: 'amber', reason: 'Vendor slipped the go-live', byName: 'Hanna Berg' });
    const hover = `Manual: Amber — Vendor slipped the go-live, by Hanna Berg, ${localDay(saved.manual!.implementation!.at!)}`;
    await status.hover();
    await expect.poll(() => status.getAttribute('title')).toBe(hover);
    // The focus came back to the cell: the keyboard goes on from there.
    await expect.poll(() => focusedCol(page)).toBe('implementationStatus');
    // One column further, so the status column is wholly in view for the screenshot.
    await page.keyboard.press('ArrowRight');
    await page.screenshot({ path: join(ARTIFACTS, 'manual-status-grid.png') });
    await status.screenshot({ path: join(ARTIFACTS, 'manual-status-cell.png') });

    // Typing a status letter on the potential cell opens the same dialog with that status chosen, the reason next.
    await (await showCell(page, p.id, 'potentialStatus')).click();
    await page.keyboard.press('r');
    const pd = page.getByRole('dialog', { name: `Potential status of ${p.code}` });
    await see.visible(pd);
    expect(await pd.getByRole('radio', { name: 'Red' }).isChecked()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    expect(await pd.getByRole('textbox').inputValue()).toBe('');
    // F2 and Esc: the dialog closes without writing anything.
    await page.keyboard.press('Escape');
    await see.count(page.getByTestId('status-dialog'), 0);
    await page.keyboard.press('F2');
    await see.visible(pd);
    await page.keyboard.press('Escape');
    expect((await api.call('measures:get', { id: p.id })).manual).toBeUndefined();
    // A derived status says so on hover.
    expect(await cell(page, p.id, 'potentialStatus').getAttribute('title')).toMatch(/^Derived: /);

    // The effects drawer's "Set by hand…" is the same dialog too.
    await (await showCell(page, m.id, 'potentialStatus')).click();
    await arrowTo(page, 'effects');
    await page.keyboard.press('Enter');
    await page.getByTestId('status-implementation').getByRole('button', { name: 'Change or back to derived…' }).click();
    await see.visible(dialog);
    await see.contains(dialog.getByTestId('status-now'), hover);
    await page.keyboard.press('Escape');
    await see.count(page.getByTestId('status-dialog'), 0);
    await page.getByRole('button', { name: 'Close effects' }).click();

    // The detail panel's status is the same dialog; "Back to derived" clears it, recorded with who and when.
    await (await showCell(page, m.id, 'code')).getByRole('button', { name: `Open details of ${m.code}` }).click();
    const panel = page.getByRole('complementary', { name: `Details of ${m.code}` });
    const panelStatus = panel.getByTestId('panel-implementation-status');
    await see.contains(panelStatus, 'manual');
    await see.contains(panel, hover);
    await panelStatus.click();
    await see.visible(dialog);
    await see.contains(dialog.getByTestId('status-now'), hover);
    await page.screenshot({ path: join(ARTIFACTS, 'manual-status-panel-dialog.png') });
    await dialog.getByRole('button', { name: 'Back to derived' }).click();
    await see.count(page.getByTestId('status-dialog'), 0);
    await see.count(status.getByRole('img', { name: 'Manual status' }), 0);
    await expect.poll(async () => (await api.call('measures:get', { id: m.id })).manual).toBeUndefined();
    expect((await api.call('value:get', { measureId: m.id })).implementation.override).toBeNull();
    await see.text(status.locator('.rag'), cap((await api.call('measures:get', { id: m.id })).implementationStatus));
    await expect.poll(() => status.getAttribute('title')).toMatch(/^Derived: /);
    await see.contains(panelStatus, 'derived');
    await see.contains(panel.getByRole('list', { name: 'Changes' }), 'back to derived');
    expect((await api.call('measures:history', { id: m.id })).find((h) => h.newText === 'back to derived')).toMatchObject({ actor: 'Hanna Berg' });
    noErrors();
  });

  it('sets a status on three ticked rows with one reason as one undo step, and takes them back to derived together', async () => {
    s = await openApp({ workspace: 'demo', viewport: VIEWPORT });
    const { page, api } = s;
    const noErrors = failOnPageError(page);
    const three = (await api.call('measures:list', {})).slice(0, 10).filter((x) => !x.manual && x.potentialStatus !== 'red').slice(0, 3);
    expect(three).toHaveLength(3);
    // Marks per row; -1 while the cell is not drawn (so "no mark" is never read off a missing cell).
    const marks = (ms: Measure[]) =>
      Promise.all(
        ms.map(async (x) => ((await cell(page, x.id, 'potentialStatus').count()) === 1 ? cell(page, x.id, 'potentialStatus').getByRole('img', { name: 'Manual status' }).count() : -1)),
      );
    await see.visible(await showCell(page, three[0]!.id, 'title'));
    for (const x of three) await page.locator(`.ag-row[row-id="${x.id}"] .ag-selection-checkbox input`).first().check();
    // The potential column in view (the grid draws only the columns in view at 1440 px).
    await (await showCell(page, three[0]!.id, 'title')).click();
    await arrowTo(page, 'potentialStatus');
    await page.getByRole('button', { name: 'Set field… (3)' }).click();
    await page.getByTestId('bulk-edit').getByLabel('Field').selectOption({ label: 'Potential status…' });
    // The bulk edit hands over to the same status dialog, for the same three rows.
    const dialog = page.getByRole('dialog', { name: 'Potential status of 3 measures' });
    await see.visible(dialog);
    await dialog.getByRole('radio', { name: 'Red' }).check();
    await dialog.getByRole('button', { name: 'Set status' }).click();
    await see.contains(dialog.getByRole('alert'), 'A reason is required');
    await dialog.getByRole('textbox').fill('Price war in the Nordics');
    await dialog.getByRole('button', { name: 'Set status' }).click();
    await see.count(page.getByTestId('status-dialog'), 0);
    await expect.poll(() => marks(three)).toEqual([1, 1, 1]);
    const after = await api.call('measures:list', { ids: three.map((x) => x.id) });
    expect(after.map((x) => [x.potentialStatus, x.manual?.potential?.reason])).toEqual(three.map(() => ['red', 'Price war in the Nordics']));
    expect((await api.call('history:state', {})).undo).toBe('Set potential status to Red on 3 measures');
    await page.screenshot({ path: join(ARTIFACTS, 'manual-status-bulk.png') });

    // One undo step takes all three back; redo sets them again.
    await (await showCell(page, three[0]!.id, 'potentialStatus')).click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => marks(three)).toEqual([0, 0, 0]);
    for (const x of three) await see.text(cell(page, x.id, 'potentialStatus').locator('.rag'), cap(x.potentialStatus));
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => marks(three)).toEqual([1, 1, 1]);

    // Back to derived on the same ticked rows, through the same dialog: one action.
    await page.getByRole('button', { name: 'Set field… (3)' }).click();
    await page.getByTestId('bulk-edit').getByLabel('Field').selectOption({ label: 'Potential status…' });
    await see.contains(dialog.getByTestId('status-now'), '3 of 3 set by hand');
    await dialog.getByRole('button', { name: 'Back to derived (3)' }).click();
    await expect.poll(() => marks(three)).toEqual([0, 0, 0]);
    expect((await api.call('measures:list', { ids: three.map((x) => x.id) })).map((x) => x.manual)).toEqual([undefined, undefined, undefined]);
    expect((await api.call('history:state', {})).undo).toBe('Potential status back to derived on 3 measures');
    noErrors();
  });
});

function cap(rag: string): string {
  return rag === 'grey' ? 'Not reported' : rag.charAt(0).toUpperCase() + rag.slice(1);
}
