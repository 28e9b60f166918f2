import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ARTIFACTS, openApp, see, type Session } from './harness.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('decision rights', () => {
  it('edits the matrix on the People screen, refuses leaving a decision without a decider, and a hold follows it', async () => {
    s = await openApp({ workspace: 'demo', viewport: { width: 1440, height: 900 } });
    const { page, api } = s;
    await page.getByRole('button', { name: 'People' }).click();
    const matrix = page.getByRole('region', { name: 'Decision rights' });
    await see.visible(matrix);
    await expect.poll(() => matrix.getByLabel('Approve a discount exception: Commercial owner').inputValue()).toBe('approve');
    await matrix.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'rights-matrix.png') });

    // Operations leads may now put measures on hold.
    await matrix.getByLabel('Put on hold / resume: Operations lead').selectOption('decide');
    await expect.poll(async () => (await api.call('rights:matrix', {})).cells.hold?.operations_lead).toBe('decide');
    // Closing keeps someone who decides it.
    await matrix.getByLabel('Close a measure: Controller of the measure').selectOption('consult');
    await see.contains(matrix.getByRole('alert'), 'Somebody must decide "Close a measure"');
    expect((await api.call('rights:matrix', {})).cells.close?.controller).toBe('decide');

    // Grace (operations lead, not the sponsor) puts a measure on hold from its gate panel.
    const m = (await api.call('measures:list', {})).find((x) => x.title === 'Contract approval workflow')!;
    await page.getByRole('button', { name: 'Measures', exact: true }).click();
    await page.getByLabel('Acting as').selectOption({ label: 'Grace Okafor' });
    await page.getByRole('button', { name: `Open details of ${m.code}` }).click();
    await page.getByTestId('workflow-section').getByRole('button', { name: 'Open gate panel' }).click();
    const panel = page.getByTestId('gate-panel');
    const lifecycle = panel.getByRole('region', { name: 'Lifecycle' });
    await lifecycle.getByRole('button', { name: 'Put on hold' }).click();
    await lifecycle.getByLabel('Reason').fill('Operations capacity frozen until the shift model is agreed');
    await lifecycle.getByLabel('Review date', { exact: true }).fill('2030-01-15');
    await lifecycle.locator('.gate-form').getByRole('button', { name: 'Put on hold' }).click();
    await see.contains(panel.locator('.gate-level'), 'On hold');
    expect((await api.call('measures:get', { id: m.id })).lifecycle).toBe('on_hold');

    // The pack shows the matrix.
    const pack = await api.call('pack:build', {});
    const rows = pack.sections.find((x) => x.key === 'decision_rights')!.blocks[0]!;
    expect(rows.type === 'table' && rows.rows.find((r) => r[0] === 'Put on hold / resume')?.[1]).toContain('Operations lead');
  });
});
