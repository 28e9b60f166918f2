import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { QuestionKey } from '../preload/contract.js';
import { ARTIFACTS, openApp, rows, see, type Session, showCell } from './harness.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const VIEW = { width: 1440, height: 900 };

/** Page errors fail the journey. */
function watchErrors(session: Session): string[] {
  const errors: string[] = [];
  session.page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

describe('five questions and a closed measure, as the committee reads them', () => {
  it('opens the grid on the measures behind each figure of the five questions', async () => {
    s = await openApp({ workspace: 'demo', viewport: VIEW });
    const errors = watchErrors(s);
    const { page, api } = s;
    await page.getByRole('button', { name: 'Dashboard' }).click();
    const tiles = page.getByTestId('five-questions');
    await see.visible(tiles);
    await see.contains(tiles, 'risk-weighted forecast');
    await see.contains(tiles, 'value confirmed');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-five-questions.png') });
    const q = (await api.call('value:dashboard', {})).questions;
    const figures: [QuestionKey, number][] = [
      ['inProgress', q.inProgress],
      ['expected', (await api.call('value:questionMeasures', { question: 'expected' })).length],
      ['blocked', q.blocked],
      ['evidenced', q.evidenced],
    ];
    for (const [key, n] of figures) {
      await page.getByRole('button', { name: 'Dashboard' }).click();
      await tiles.locator(`[data-question=${key}] button.big`).click();
      await see.visible(page.getByTestId('id-filter'));
      const ids = await api.call('value:questionMeasures', { question: key });
      expect(ids).toHaveLength(n);
      // The filter names the figure and its count; a short list is drawn whole (the grid draws only the rows in view).
      await see.contains(page.getByTestId('id-filter'), `${n} measure`);
      if (n <= 12) await see.count(rows(page), n);
      for (const id of ids.slice(0, 5)) await see.visible(await showCell(page, id, 'code'));
      await page.getByRole('button', { name: 'Clear filter' }).click();
    }
    expect(errors).toEqual([]);
  });

  it("closes a DI4 measure as its controller with the value confirmed: DI5 Closed, and the pack's appendix says so", async () => {
    s = await openApp({ workspace: 'demo', viewport: VIEW });
    const errors = watchErrors(s);
    const { page, api } = s;
    const m = (await api.call('measures:list', {})).find((x) => x.diLevel === 4 && x.lifecycle === 'active' && x.controllerId)!;
    const controller = (await api.call('people:list', {})).find((p) => p.id === m.controllerId)!;
    await page.getByLabel('Acting as').selectOption({ label: controller.name });
    await expect.poll(async () => (await api.call('app:info', {})).workspace?.actorId).toBe(m.controllerId);
    // The gate column is to the right of the 1440 px window: scroll the grid to it.
    await page.locator('.ag-body-horizontal-scroll-viewport').evaluate((el) => (el.scrollLeft = 900));
    await (await showCell(page, m.id, 'nextGate')).locator('button').click();
    const panel = page.getByTestId('gate-panel');
    await panel.getByRole('button', { name: 'Close measure' }).click();
    const form = panel.getByRole('group', { name: 'Value at closing' });
    await see.contains(form, 'moves to DI5');
    const closing = panel.getByRole('region', { name: 'Lifecycle' }).locator('.gate-form');
    await closing.getByLabel('Reason').fill('Run-rate savings delivered and booked');
    await closing.getByLabel('Evidence note').fill('Ledger extract for the last three months');
    await closing.getByRole('button', { name: 'Add note' }).click();
    await closing.getByRole('button', { name: 'Close measure' }).click();
    await see.text(panel.getByTestId('gate-level'), 'DI5 Closed');
    await page.screenshot({ path: join(ARTIFACTS, 'gate-close-di5.png') });
    expect((await api.call('gates:status', { measureId: m.id })).attestations.map((a) => a.key)).toContain('value_confirmed');
    await page.getByRole('button', { name: 'Close gate panel' }).click();

    await page.getByRole('button', { name: 'Steering pack' }).click();
    const appendix = page.locator('.pack-page', { hasText: 'Appendix: measure list' });
    await expect.poll(() => appendix.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const row = appendix.locator('tr', { hasText: m.code });
    await see.contains(row, 'DI5');
    await see.contains(row, 'Closed');
    const milestones = page.locator('.pack-page', { hasText: 'Overdue: open milestones past their plan date' }).first();
    await milestones.scrollIntoViewIfNeeded();
    await see.contains(milestones, 'Due in the next 90 days');
    await milestones.screenshot({ path: join(ARTIFACTS, 'pack-milestones.png') });
    expect(errors).toEqual([]);
  });
});
