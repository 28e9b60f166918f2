import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, today } from '../db/clock.js';
import { RAG_LABELS } from '../preload/contract.js';
import { ARTIFACTS, cell, openApp, see, WAIT_MS, type Session, showCell, showColumn } from './harness.js';

let s: Session | undefined;
let pageErrors: string[] = [];
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** Moves the grid's focus right from the measure's title until its implementation cell is focused (the grid scrolls it into view). */
async function focusStatusColumn(page: Page, measureId: string): Promise<void> {
  await (await showCell(page, measureId, 'owner')).click();
  for (let i = 0; i < 30; i++) {
    const col = await page.evaluate(() => document.activeElement?.closest('.ag-cell')?.getAttribute('col-id') ?? null);
    if (col === 'implementationStatus') return;
    await page.keyboard.press('ArrowRight');
  }
  throw new Error('the implementation column never got the focus');
}

describe('statuses', () => {
  it('shows value:get’s statuses in the grid before the dashboard opens, opening the dashboard writes nothing, an overdue milestone turns the cell red without reload', async () => {
    s = await openApp({ workspace: 'demo', viewport: { width: 1440, height: 900 } });
    const { page, api } = s;
    pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const measures = await api.call('measures:list', {});
    // A measure green on delivery with an open milestone not yet due, and no manual status.
    let target: { id: string; code: string; row: number } | null = null;
    for (const m of measures.filter((x) => x.implementationStatus === 'green')) {
      const v = await api.call('value:get', { measureId: m.id });
      const row = (await api.call('milestones:list', { measureId: m.id })).findIndex((ms) => !ms.done && ms.dueDate && ms.dueDate >= today());
      if (!v.implementation.override && row >= 0) {
        target = { id: m.id, code: m.code, row };
        break;
      }
    }
    expect(target).not.toBeNull();
    const { id, code, row } = target!;

    // Fresh demo, dashboard never opened: every status drawn in the grid is value:get's.
    await see.visible(await showCell(page, id, 'code'));
    await focusStatusColumn(page, id);
    await see.visible(await showCell(page, id, 'implementationStatus'));
    const drawn = await page.locator('.ag-row[row-id]').evaluateAll((rows) =>
      rows.map((r) => ({
        id: r.getAttribute('row-id')!,
        // The status word; a manual status also carries its ✎ mark, which is not part of it.
        impl: r.querySelector('[col-id="implementationStatus"]')?.textContent?.replace('✎', '').trim() ?? null,
        pot: r.querySelector('[col-id="potentialStatus"]')?.textContent?.replace('✎', '').trim() ?? null,
      })),
    );
    const checked = drawn.filter((d) => d.impl !== null && d.pot !== null);
    expect(checked.length).toBeGreaterThan(10);
    for (const d of checked) {
      const v = await api.call('value:get', { measureId: d.id });
      expect({ id: d.id, impl: d.impl, pot: d.pot }).toEqual({ id: d.id, impl: RAG_LABELS[v.implementation.status], pot: RAG_LABELS[v.potential.status] });
    }
    await showColumn(page, 'implementationStatus');
    await see.text(cell(page, id, 'implementationStatus'), 'Green');
    await page.screenshot({ path: join(ARTIFACTS, 'statuses-grid.png') });

    // Opening the dashboard writes nothing: the log, the undo stack and the history stay as they were.
    const log = () => api.call('workspace:check', {}).then((c) => c.counts.change_log);
    const before = { log: await log(), undo: await api.call('history:state', {}), history: (await api.call('measures:history', { id })).length };
    await page.getByRole('button', { name: 'Dashboard' }).click();
    await see.visible(page.getByTestId('five-questions'));
    await expect.poll(() => page.locator('.chart-box canvas').count(), { timeout: WAIT_MS }).toBe(3);
    await page.screenshot({ path: join(ARTIFACTS, 'statuses-dashboard.png') });
    expect({ log: await log(), undo: await api.call('history:state', {}), history: (await api.call('measures:history', { id })).length }).toEqual(before);
    await expect.poll(() => page.getByRole('button', { name: /Undo/ }).isDisabled()).toBe(true);

    // Back in the grid, the milestone's due date moves to yesterday in the detail panel: the cell turns red, no reload.
    await page.getByRole('button', { name: 'Measures' }).click();
    await see.visible(await showCell(page, id, 'code'));
    await page.getByRole('button', { name: `Open details of ${code}` }).click();
    const panel = page.getByRole('complementary', { name: `Details of ${code}` });
    await see.visible(panel);
    // The panel lists the milestones in the plan's order (titles may repeat).
    const due = panel.locator('.milestones tbody tr').nth(row).locator('input[type="date"]');
    await due.fill(addDays(today(), -1));
    // Leaving the field saves it (Tab would only move between the date's parts).
    await panel.getByLabel('New milestone title').click();
    await expect.poll(async () => (await api.call('value:get', { measureId: id })).implementation.status, { timeout: WAIT_MS }).toBe('red');
    await panel.getByRole('button', { name: 'Close details' }).click();
    await focusStatusColumn(page, id);
    await showColumn(page, 'implementationStatus');
    await see.text(cell(page, id, 'implementationStatus'), 'Red');
    expect((await api.call('measures:get', { id })).implementationStatus).toBe('red');
    // The history shows the person's milestone edit; the re-derived status is nobody's edit.
    const history = await api.call('measures:history', { id });
    expect(history[0]).toMatchObject({ table: 'milestones', field: 'due_date' });
    expect(history.some((h) => h.field === 'implementation_status')).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'statuses-overdue.png') });
    expect(pageErrors).toEqual([]);
  });
});
