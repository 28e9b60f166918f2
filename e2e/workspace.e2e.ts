import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { cell, editCell, editorReady, openApp, rows, see, type Session, showColumn, showCell } from './harness.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('workspace files, hierarchy and people', () => {
  it('creates a workspace from the start screen, builds a hierarchy, adds a measure and finds it again after reopening', async () => {
    s = await openApp({ workspace: 'none' });
    const { page, api, dir } = s;
    const file = join(dir, 'Client A.steerco');
    await page.getByLabel('New workspace file').fill(file);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await see.contains(page.locator('.ws-name'), 'Client A');
    expect(existsSync(file)).toBe(true);

    // Organization › Portfolio › Program › Project › Measure package, each added under the selection.
    const names = ['Acme Corp', 'Growth', 'Service launch', 'Offering design', 'Pricing'];
    for (const name of names) {
      await page.locator('.tree-toolbar button', { hasText: '+ Add' }).click();
      await page.getByRole('dialog').getByRole('textbox').fill(name);
      await page.getByRole('dialog').getByRole('button', { name: 'Add' }).click();
      await see.contains(page.locator('.tree-row.selected'), name);
    }
    const created = await api.call('nodes:list', {});
    expect(names.map((n) => created.find((c) => c.name === n)?.level)).toEqual(['organization', 'portfolio', 'program', 'project', 'package']);

    // Rename the package.
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('dialog').getByRole('textbox').fill('Pricing and tiers');
    await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
    await see.contains(page.locator('.tree-row.selected'), 'Pricing and tiers');

    // Add a person, then a measure in the package and give it that owner.
    await page.getByRole('button', { name: 'People' }).click();
    await page.getByRole('button', { name: '+ Add person' }).click();
    const dlg = page.getByRole('dialog');
    await dlg.getByLabel('Name').fill('Ada Lovelace');
    await dlg.getByLabel('Email').fill('ada@example.com');
    await dlg.getByLabel('Function').fill('Finance');
    await dlg.getByLabel('Finance controller').check();
    await dlg.getByRole('button', { name: 'Save' }).click();
    await see.contains(page.locator('.people table:not(.rights-table)'), 'Finance controller');
    await page.getByRole('button', { name: 'Measures' }).click();
    await page.getByRole('button', { name: '+ Add measure' }).click();
    await see.count(rows(page), 1);
    await editorReady(page);
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Tiered price book');
    await page.keyboard.press('Enter');
    const m = (await api.call('measures:list', {}))[0]!;
    await expect.poll(async () => (await api.call('measures:get', { id: m.id })).title).toBe('Tiered price book');
    await editCell(page, m.id, 'owner', 'Ada Lovelace');
    await showColumn(page, 'owner');
    await see.text(cell(page, m.id, 'owner'), 'Ada Lovelace');

    // Close, reopen from the recent list: everything is still there.
    await page.getByRole('button', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: 'Close workspace' }).click();
    await page.getByRole('button', { name: /Client A\.steerco/ }).click();
    await page.getByRole('treeitem').filter({ hasText: 'Pricing and tiers' }).click();
    await see.text(cell(page, m.id, 'title'), 'Tiered price book');
    await showColumn(page, 'owner');
    await see.text(cell(page, m.id, 'owner'), 'Ada Lovelace');
  });

  it('moves and deletes nodes and measures, with undo', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const nodes = await api.call('nodes:list', {});
    const pkg = nodes.find((n) => n.name === 'Vendor consolidation')!;
    const target = nodes.find((n) => n.name === 'Support cost reduction')!;
    await page.getByRole('treeitem').filter({ hasText: 'Vendor consolidation' }).click();
    await page.getByRole('button', { name: 'Move…' }).click();
    await page.getByRole('dialog').getByRole('combobox').selectOption({ label: 'Northwind Services Group › Service Growth 2027 › Service Cost Excellence › Support cost reduction' });
    await page.getByRole('dialog').getByRole('button', { name: 'Move' }).click();
    await expect.poll(async () => (await api.call('nodes:list', {})).find((n) => n.id === pkg.id)?.parentId).toBe(target.id);

    // Move two measures to another package.
    const inPkg = await api.call('measures:list', { nodeId: pkg.id });
    for (const m of inPkg.slice(0, 2)) await (await showCell(page, m.id, 'ag-Grid-SelectionColumn')).locator('input').check();
    await page.getByRole('button', { name: 'Move to package…' }).click();
    const automation = nodes.find((n) => n.name === 'Automation')!;
    await page.getByRole('dialog').getByRole('combobox').selectOption(automation.id);
    await page.getByRole('dialog').getByRole('button', { name: 'Move' }).click();
    await expect.poll(async () => (await api.call('measures:list', { nodeId: automation.id })).length).toBe(5);

    // Delete the package with what is left in it; undo brings it back.
    await page.getByRole('button', { name: 'Delete', exact: true }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(async () => (await api.call('nodes:list', {})).some((n) => n.id === pkg.id)).toBe(false);
    await page.locator('.ag-header').click();
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await api.call('measures:list', { nodeId: pkg.id })).length).toBe(1);
  });
});
