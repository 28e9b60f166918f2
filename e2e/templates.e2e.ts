import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, axeProblems, gridAction, openApp, pasteText, see, showCell, type Session } from './harness.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const openTemplates = async (page: Page) => {
  await page.getByRole('button', { name: 'Gates', exact: true }).click();
  await page.getByRole('tab', { name: 'Workflow templates' }).click();
  await see.visible(page.getByRole('navigation', { name: 'Templates' }));
};

describe('workflow templates, edited in the app', () => {
  it('a consultant creates a template; a measure made from it shows its field in the grid and the panel, and its gate waits for its checklist', async () => {
    s = await openApp({ workspace: 'demo', viewport: { width: 1440, height: 900 } });
    const { page, api } = s;
    const db = api.session.db();
    const changes = () => (db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    await openTemplates(page);
    await page.getByRole('button', { name: 'Customer onboarding' }).click();
    await see.contains(page.getByRole('region', { name: 'Template Customer onboarding' }), '2 measures use it');
    await page.screenshot({ path: join(ARTIFACTS, 'templates-library.png') });

    // A new template, typed in full; what does not hold together is refused where it was typed.
    await page.getByRole('button', { name: '+ New template' }).click();
    const ed = page.getByRole('region', { name: 'New template' });
    await ed.getByLabel('Template name').fill('Vendor onboarding');
    expect(await ed.getByLabel('Template key').inputValue()).toBe('vendor_onboarding');
    await ed.getByLabel('Owner role').selectOption({ label: 'Service owner' });
    await ed.getByRole('button', { name: '+ Field' }).click();
    await ed.getByLabel('Field 1 label').fill('Vendor tier');
    await ed.getByLabel('Field 1 type').selectOption('choice');
    await ed.getByLabel('Field 1 choices').fill('Gold, Silver, Bronze');
    await ed.getByRole('button', { name: '+ Field' }).click();
    await ed.getByLabel('Field 2 label').fill('Customer segment');
    await ed.getByRole('button', { name: '+ Step' }).click();
    await ed.getByLabel('Step 1', { exact: true }).fill('Vendor contract signed');
    await ed.getByLabel('Step 1 needs evidence').check();
    await ed.getByRole('button', { name: '+ Trigger' }).click();
    await ed.getByLabel('Trigger 1 name').fill('Bronze vendor');
    await ed.getByLabel('Trigger 1 field').selectOption({ label: 'Customer segment' });
    await ed.getByLabel('Trigger 1 value').fill('High');
    const before = changes();
    await ed.getByRole('button', { name: 'Save template' }).click();
    await see.contains(ed.getByTestId('tpl-field-1'), 'clashes with the workspace field of the same key');
    await see.contains(ed.getByTestId('tpl-step-0'), '"Vendor contract signed" has no role');
    expect(await ed.getByLabel('Field 2 label').getAttribute('aria-invalid')).toBe('true');
    expect(await ed.getByLabel('Field 1 choices').inputValue()).toBe('Gold, Silver, Bronze');
    expect(await ed.getByLabel('Step 1', { exact: true }).inputValue()).toBe('Vendor contract signed');
    await page.screenshot({ path: join(ARTIFACTS, 'templates-refused.png') });

    // The clashing field goes; the trigger still names it, and says so.
    await ed.getByLabel('Step 1 role').selectOption({ label: 'Commercial owner' });
    // The step is a decision of the rights matrix: whoever may decide or approve it may tick it too.
    await ed.getByLabel('Step 1 decision').selectOption({ label: 'Approve a discount exception' });
    await ed.getByRole('button', { name: 'Remove field Customer segment' }).click();
    await ed.getByRole('button', { name: 'Save template' }).click();
    await see.contains(ed.getByTestId('tpl-trigger-0'), 'names the field "customer_segment", which the template does not have');
    expect(await ed.getByLabel('Trigger 1 name').inputValue()).toBe('Bronze vendor');
    expect(changes()).toBe(before);
    expect((await api.call('templates:list', {})).some((t) => t.key === 'vendor_onboarding')).toBe(false);

    await ed.getByLabel('Trigger 1 field').selectOption({ label: 'Vendor tier' });
    await ed.getByLabel('Trigger 1 value').fill('Bronze');
    await ed.getByText(/^DI2 /).click();
    await ed.getByLabel('DI2 needs field Vendor tier').check();
    await ed.getByLabel('DI2 needs step Vendor contract signed').check();
    await ed.getByLabel('Report Vendor tier').check();
    await ed.getByRole('button', { name: 'Save template' }).click();
    await see.visible(page.getByRole('region', { name: 'Template Vendor onboarding' }));
    const saved = (await api.call('templates:list', {})).find((t) => t.key === 'vendor_onboarding')!;
    expect(saved).toMatchObject({
      name: 'Vendor onboarding',
      ownerRole: 'service_owner',
      fields: [{ key: 'vendor_tier', label: 'Vendor tier', type: 'choice', choices: ['Gold', 'Silver', 'Bronze'] }],
      checklist: [{ key: 'vendor_contract_signed', label: 'Vendor contract signed', role: 'commercial_owner', evidence: true, decision: 'discount_exception' }],
      gates: [{ level: 2, fields: ['vendor_tier'], checklist: ['vendor_contract_signed'], approvers: [], evidence: '' }],
      triggers: [{ key: 'bronze_vendor', name: 'Bronze vendor', level: 'program', field: 'vendor_tier', equals: 'Bronze', updates: 1 }],
      reporting: ['vendor_tier'],
    });
    // The editor reopens on the saved template with everything in it.
    const edSaved = page.getByRole('region', { name: 'Template Vendor onboarding' });
    expect(await edSaved.getByLabel('Template name').inputValue()).toBe('Vendor onboarding');
    expect(await edSaved.getByLabel('Step 1 decision').inputValue()).toBe('discount_exception');
    await page.screenshot({ path: join(ARTIFACTS, 'templates-editor.png') });

    // The reverse: a workspace field whose key the template uses is refused, the label kept.
    await page.getByRole('button', { name: 'Measures', exact: true }).click();
    await gridAction(page, 'Fields…');
    const dlg = page.getByTestId('custom-fields');
    await dlg.getByLabel('Label').fill('Vendor tier');
    await dlg.getByRole('button', { name: 'Add field' }).click();
    await see.contains(dlg.getByRole('alert'), '"vendor_tier" is a field of the template "Vendor onboarding"');
    expect(await dlg.getByLabel('Label').inputValue()).toBe('Vendor tier');
    await dlg.getByRole('button', { name: 'Close' }).click();

    // "+ Measure ▾": a measure of the new template; its field is a grid column and a panel field.
    const pkg = db.prepare("SELECT id, name FROM nodes WHERE level = 'package' AND deleted = 0 ORDER BY sort_order LIMIT 1").get() as { id: string; name: string };
    await page.getByRole('treeitem').filter({ hasText: pkg.name }).first().click();
    await page.getByRole('button', { name: 'Add a measure from a template' }).click();
    await page.getByRole('menuitem', { name: /Vendor onboarding/ }).click();
    await expect.poll(async () => (await api.call('measures:list', {})).some((x) => x.title === 'New vendor onboarding')).toBe(true);
    const m = (await api.call('measures:list', {})).find((x) => x.title === 'New vendor onboarding')!;
    const section = page.getByTestId('workflow-section');
    await see.contains(section, 'Vendor contract signed');
    await section.getByLabel('Vendor tier').selectOption('Gold');
    // Template fields are columns shown from Columns ▾ (the library's dozens stay out of the way).
    expect(await page.locator('.ag-header-cell[col-id="tpl.vendor_tier"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Columns ▾' }).click();
    await page.getByRole('group', { name: 'Visible columns' }).getByLabel('Vendor tier (workflow field)').check();
    await page.keyboard.press('Escape');
    const tierCell = await showCell(page, m.id, 'tpl.vendor_tier');
    await see.text(tierCell, 'Gold');
    await see.text(await showCell(page, m.id, 'template'), 'Vendor onboarding');
    // Another measure has no such field: its cell is locked, and says why.
    const plain = (await api.call('measures:list', { nodeId: pkg.id })).find((x) => x.id !== m.id)!;
    const other = await showCell(page, plain.id, 'tpl.vendor_tier');
    await see.cls(other, /cell-locked/);
    await other.dblclick();
    expect(await other.locator('input, select').count()).toBe(0);
    // Edited in the grid: the panel follows.
    await tierCell.dblclick();
    await tierCell.locator('input').fill('Silver');
    await tierCell.locator('input').press('Enter');
    await expect.poll(async () => (await api.call('templates:measure', { measureId: m.id })).fields[0]?.value).toBe('Silver');
    await expect.poll(() => section.getByLabel('Vendor tier').inputValue()).toBe('Silver');
    // Pasted from Excel: the field takes it (choices with case ignored), one undo step.
    await tierCell.click();
    await pasteText(page, 'gold\r\n');
    await expect.poll(async () => (await api.call('templates:measure', { measureId: m.id })).fields[0]?.value).toBe('Gold');
    await see.text(tierCell, 'Gold');
    // Pasted onto the locked cell of a plain measure: refused with the reason, nothing written.
    await other.click();
    await pasteText(page, 'Gold\r\n');
    const report = page.getByRole('dialog', { name: /Paste refused/ });
    await see.contains(report, 'only measures of Vendor onboarding have this field');
    expect((await api.call('templates:grid', {})).measures[plain.id]).toBeUndefined();
    await report.getByRole('button', { name: /Close|OK/ }).first().click();
    await page.screenshot({ path: join(ARTIFACTS, 'templates-grid.png') });

    // The template column filters the grid to the measures of a template.
    await page.evaluate(() => (window as unknown as { steercoGrids: Record<string, { showColumn(c: string): boolean }> }).steercoGrids.measures!.showColumn('template'));
    const header = page.locator('.ag-header-cell[col-id="template"]');
    await header.hover();
    await header.locator('.ag-header-cell-filter-button, .ag-header-cell-menu-button').first().click();
    await page.locator('.ag-filter-body input, .ag-popup input[type=text]').first().fill('Vendor');
    await expect.poll(() => page.evaluate(() => (window as unknown as { steercoGrids: Record<string, { rowIds(): string[] }> }).steercoGrids.measures!.rowIds())).toEqual([m.id]);
    await page.screenshot({ path: join(ARTIFACTS, 'templates-filter.png') });
    await page.keyboard.press('Escape');

    // The gate waits for the checklist step, ticked with evidence by the commercial owner.
    db.prepare('UPDATE measures SET di_level = 1 WHERE id = ?').run(m.id);
    await api.call('gates:updateLevel', { level: 2, criteria: [] });
    const people = await api.call('people:list', {});
    const actAs = async (name: string) => {
      await page.getByLabel('Acting as').selectOption({ label: name });
      await expect.poll(async () => (await api.call('app:info', {})).workspace?.actorId).toBe(people.find((p) => p.name === name)!.id);
    };
    await api.call('measures:update', { id: m.id, patch: { sponsor: 'Hanna Berg' } });
    await actAs('Aisha Khan');
    await section.getByRole('button', { name: 'Open gate panel' }).click();
    const panel = page.getByTestId('gate-panel');
    await panel.getByRole('button', { name: 'Request DI2' }).click();
    await see.contains(page.getByRole('alert').last(), 'Vendor contract signed (not ticked yet)');
    expect((await api.call('gates:status', { measureId: m.id })).pending).toBeNull();
    await page.getByRole('button', { name: 'Close gate panel' }).click();
    await actAs('Marco Rossi');
    const step = section.getByTestId('check-vendor_contract_signed');
    await step.getByLabel('Evidence for Vendor contract signed').fill('Signed framework agreement, ref. VA-2031');
    await step.getByRole('button', { name: 'Tick' }).click();
    await see.contains(step, 'ticked by Marco Rossi');
    await actAs('Aisha Khan');
    await section.getByRole('button', { name: 'Open gate panel' }).click();
    await panel.getByRole('button', { name: 'Request DI2' }).click();
    await see.contains(panel.getByTestId('pending-request'), 'waiting for');
    await page.getByRole('button', { name: 'Close gate panel' }).click();

    // Removing a template in use asks; its measure stays, as a plain measure.
    await openTemplates(page);
    await page.getByRole('button', { name: /^Vendor onboarding/ }).click();
    await page.getByRole('button', { name: 'Remove template…' }).click();
    const ask = page.getByRole('dialog', { name: 'Remove Vendor onboarding?' });
    await see.contains(ask, '1 measure uses the template "Vendor onboarding"');
    await page.screenshot({ path: join(ARTIFACTS, 'templates-remove.png') });
    await ask.getByRole('button', { name: 'Remove; keep the measures as plain measures' }).click();
    await expect.poll(async () => (await api.call('templates:list', {})).some((t) => t.key === 'vendor_onboarding')).toBe(false);
    expect((await api.call('measures:list', {})).some((x) => x.id === m.id)).toBe(true);
    expect((await api.call('templates:measure', { measureId: m.id })).template).toBeNull();
  });

  for (const size of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]) {
    it(`the template screen at ${size.width}×${size.height}: one-line top bar, no serious or critical axe violation`, async () => {
      s = await openApp({ workspace: 'demo', viewport: size });
      const { page } = s;
      await openTemplates(page);
      await page.getByRole('button', { name: 'Customer onboarding' }).click();
      await see.visible(page.getByRole('region', { name: 'Template Customer onboarding' }));
      await page.getByText(/^DI3 /).click();
      const bar = await page.locator('.topbar').boundingBox();
      expect(bar!.height).toBeLessThan(60);
      await page.screenshot({ path: join(ARTIFACTS, `templates-${size.width}x${size.height}.png`) });
      expect(await axeProblems(page)).toEqual([]);
      await page.getByRole('button', { name: 'Save template' }).click();
      await see.contains(page.locator('.notices'), 'Template "Customer onboarding" saved');
    });
  }
});
