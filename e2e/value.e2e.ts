import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ARTIFACTS, openApp, rows, see, type Session, showCell } from './harness.js';
import { currentPeriod } from '../db/clock.js';
import { addMonths } from '../main/domain/value-lines.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('value tracking', () => {
  it('edits a month in the period grid, refuses a bad amount, sees the dashboard change, and filters the grid from a chart', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const measures = await api.call('measures:list', {});
    const m = measures.find((x) => x.code === 'M-0001')!;
    const before = await api.call('value:get', { measureId: m.id });
    const line = before.lines.find((l) => l.type === 'recurring_benefit')!;
    // Next month, so plan and forecast are editable (actuals are not), whatever today is.
    const month = addMonths(currentPeriod(), 1);
    const year = month.slice(0, 4);

    await see.visible(await showCell(page, m.id, 'effects'));
    await (await showCell(page, m.id, 'effects')).getByRole('button').click();
    const panel = page.getByTestId('effects-panel');
    await see.visible(panel);
    await see.contains(page.getByRole('dialog', { name: 'Financial effects' }), 'M-0001');
    await page.getByRole('group', { name: 'Year' }).getByRole('button', { name: year }).click();

    // Type a plan in the locale format: saved exactly, subtotal updated.
    const planCell = panel.getByLabel(`${line.label} Plan ${month}`);
    await planCell.fill('1,234.56');
    await planCell.press('Enter');
    await expect
      .poll(async () => (await api.call('value:get', { measureId: m.id })).values.find((v) => v.lineId === line.id && v.period === month)?.plan)
      .toBe(123456);
    await see.text(panel.getByLabel(`${line.label} Plan ${month}`).locator('xpath=..'), '');
    await expect.poll(() => planCell.inputValue()).toBe('1,234.56');

    // Over-precise amount: refused in its cell with the reason, nothing saved.
    const fcCell = panel.getByLabel(`${line.label} Forecast ${month}`);
    await fcCell.fill('12.345');
    await fcCell.press('Enter');
    await see.contains(page.getByRole('alert').last(), 'more than 2 decimals');
    await expect.poll(async () => (await fcCell.locator('xpath=..').getAttribute('class')) ?? '').toMatch(/cell-error/);
    // The typed text stays in the cell for correction.
    expect(await fcCell.inputValue()).toBe('12.345');
    expect((await api.call('value:get', { measureId: m.id })).values.find((v) => v.lineId === line.id && v.period === month)?.forecast ?? null).toBe(
      before.values.find((v) => v.lineId === line.id && v.period === month)?.forecast ?? null,
    );

    // Actuals in the future cannot be typed.
    expect(await panel.getByLabel(`${line.label} Actual ${month}`).getAttribute('readonly')).not.toBeNull();

    // Paste a row of months from Excel into the forecast row: all land in one action.
    // Next year: months not yet validated by the controller.
    const next = String(Number(year) + 1);
    const jan = `${next}-01`;
    await page.getByRole('group', { name: 'Year' }).getByRole('button', { name: next }).click();
    const first = panel.getByLabel(`${line.label} Forecast ${jan}`);
    await first.focus();
    await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement;
      const dt = new DataTransfer();
      dt.setData('text/plain', '100\t200\t300\n');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await expect
      .poll(async () => {
        const v = await api.call('value:get', { measureId: m.id });
        return [1, 2, 3].map((k) => v.values.find((x) => x.lineId === line.id && x.period === `${next}-0${k}`)?.forecast);
      })
      .toEqual([10000, 20000, 30000]);
    await page.screenshot({ path: join(ARTIFACTS, 'value-effects.png') });
    await page.getByRole('button', { name: 'Close effects' }).click();

    // The dashboard shows the roll-up; raising a forecast changes the expected value and the chart.
    await page.getByRole('button', { name: 'Dashboard' }).click();
    const tiles = page.getByTestId('five-questions');
    await see.visible(page.getByTestId('chart-monthly').locator('canvas'));
    const dash = await api.call('value:dashboard', {});
    const expectedTile = tiles.locator('.tile').nth(2).locator('.big');
    await expect.poll(() => expectedTile.getAttribute('title')).toContain(
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(dash.questions.expectedValue / 100),
    );
    const chartBefore = await page.getByTestId('chart-monthly').screenshot();
    const fcNow = (await api.call('value:get', { measureId: m.id })).values.find((v) => v.lineId === line.id && v.period === month)?.forecast ?? 0;
    await api.call('value:setCells', { measureId: m.id, cells: [{ lineId: line.id, period: month, field: 'forecast', value: String(fcNow / 100 + 5_000_000) }] });
    await expect.poll(() => expectedTile.getAttribute('title')).toContain(
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format((dash.questions.expectedValue + 500_000_000) / 100),
    );
    await expect.poll(async () => Buffer.compare(await page.getByTestId('chart-monthly').screenshot(), chartBefore) !== 0).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'value-dashboard.png') });

    // Click the DI2 bar of the pipeline chart: the grid shows exactly the DI2 measures.
    const di2 = (await api.call('value:dashboard', {})).pipeline.find((p) => p.level === 2)!;
    const box = (await page.getByTestId('chart-pipeline').locator('canvas').boundingBox())!;
    const plotLeft = box.x + 70;
    const plotWidth = box.width - 80;
    await page.mouse.click(plotLeft + plotWidth * (2.5 / 6), box.y + box.height * 0.55);
    await see.visible(page.getByTestId('id-filter'));
    await see.contains(page.getByTestId('id-filter'), 'DI2');
    await see.count(rows(page), di2.measureIds.length);
    for (const id of di2.measureIds) await see.visible(await showCell(page, id, 'code'));

    // The status matrix filters too: green milestones, red value.
    await page.getByRole('button', { name: 'Dashboard' }).click();
    const gr = (await api.call('value:dashboard', {})).matrix.find((c) => c.implementation === 'green' && c.potential === 'red')!;
    expect(gr.count).toBeGreaterThan(0);
    await page.getByTestId('status-matrix').locator('td.m-green-red button').click();
    await see.count(rows(page), gr.count);
    await page.getByRole('button', { name: 'Clear filter' }).click();
    await expect.poll(() => rows(page).count()).toBeGreaterThan(gr.count);
  });

  it('lets only the controller validate a month, which then locks; reopening needs a reason', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const m = (await api.call('measures:list', {})).find((x) => x.code === 'M-0001')!;
    const v0 = await api.call('value:get', { measureId: m.id });
    const period = currentPeriod();
    const line = v0.lines.find((l) => l.type === 'recurring_benefit')!;
    await (await showCell(page, m.id, 'effects')).getByRole('button').click();
    const panel = page.getByTestId('effects-panel');
    await see.visible(panel);
    // Acting as someone else: no Validate buttons; the actual is shown as unvalidated.
    await see.count(panel.getByRole('button', { name: 'Validate', exact: true }), 0);
    await see.cls(panel.getByLabel(`${line.label} Actual ${period}`).locator('xpath=..'), /unvalidated/);
    // Act as the controller.
    const controller = (await api.call('people:list', {})).find((p) => p.id === m.controllerId)!;
    await page.getByLabel('Acting as').selectOption(controller.id);
    await see.visible(panel.getByRole('button', { name: 'Validate', exact: true }));
    await panel.getByRole('button', { name: 'Validate', exact: true }).last().click();
    await see.visible(panel.getByRole('button', { name: '✓ validated' }).last());
    await expect.poll(async () => (await api.call('value:get', { measureId: m.id })).validations.some((x) => x.period === period && x.state === 'validated')).toBe(true);
    expect(await panel.getByLabel(`${line.label} Actual ${period}`).getAttribute('readonly')).not.toBeNull();
    // Reopen with a reason: recorded, the month is editable again.
    await panel.getByRole('button', { name: '✓ validated' }).last().click();
    await page.getByRole('dialog', { name: /Reopen/ }).getByRole('textbox').fill('Late supplier credit note');
    await page.getByRole('button', { name: 'Reopen' }).click();
    await expect
      .poll(async () => (await api.call('value:get', { measureId: m.id })).validations.find((x) => x.period === period)?.reopenReason)
      .toBe('Late supplier credit note');
    await expect.poll(() => panel.getByLabel(`${line.label} Actual ${period}`).getAttribute('readonly')).toBeNull();
  });
});
