import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cell, editCell, editorReady, gridAction, openApp, pasteText, rows, see, showColumn, type Session, showCell } from './harness.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** A real DOM copy event on the focused element; returns what the app put on the clipboard. */
async function copyText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const dt = new DataTransfer();
    (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
    return dt.getData('text/plain');
  });
}

const byCode = async (s: Session) => new Map((await s.api.call('measures:list', {})).map((m) => [m.code, m]));

describe('grid for workshops', () => {
  it('pastes a TSV block from Excel in one undo step, refuses a bad block without writing, and copies rows out as TSV', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const [a, b, c] = await api.call('measures:list', {});
    await see.visible(await showCell(page, a!.id, 'title'));
    await (await showCell(page, a!.id, 'title')).click();
    // Title, Owner, Sponsor: a formula stays text, a quoted cell with doubled quotes is unquoted.
    await pasteText(page, `=SUM(A1:A3)\tPriya Nair\t${b!.sponsor ?? ''}\r\n"Say ""hi"" 🚀"\tPriya Nair\t${b!.sponsor ?? ''}\r\n`);
    await see.contains(page.getByRole('status').last(), 'Pasted 2 rows × 3 columns');
    await see.text(cell(page, a!.id, 'title'), '=SUM(A1:A3)');
    await see.text(cell(page, b!.id, 'title'), 'Say "hi" 🚀');
    const after = await byCode(s);
    expect(after.get(a!.code)).toMatchObject({ title: '=SUM(A1:A3)', owner: 'Priya Nair' });
    expect((await api.call('history:state', {})).undo).toBe('Paste 2 rows × 3 columns');

    // One Ctrl+Z undoes the whole paste.
    await page.locator('.ag-header').click();
    await page.keyboard.press('Control+z');
    await see.text(cell(page, a!.id, 'title'), a!.title);
    await see.text(cell(page, b!.id, 'title'), b!.title);

    // A block with an unknown person and a bad date: refused, every cell listed, nothing written.
    const changes = (await api.call('workspace:check', {})).counts.change_log;
    await (await showCell(page, a!.id, 'owner')).click();
    await pasteText(page, 'Nobody Known\r\nPriya Nair\r\n');
    const report = page.getByTestId('paste-report');
    await see.contains(report, 'nothing was saved');
    await see.contains(report, `${a!.code} Owner: Unknown person "Nobody Known"`);
    await report.getByRole('button', { name: 'OK' }).click();
    await (await showCell(page, a!.id, 'dueDate')).click();
    await pasteText(page, 'someday\r\n2026-13-01\r\n2027-01-01\r\n');
    await see.contains(report, `${a!.code} Due date: "someday" is not a date`);
    await see.contains(report, `${b!.code} Due date: "2026-13-01" is not a date`);
    await report.getByRole('button', { name: 'OK' }).click();
    expect((await api.call('workspace:check', {})).counts.change_log).toBe(changes);
    expect((await byCode(s)).get(c!.code)!.dueDate).toBe(c!.dueDate);

    // A block wider than the grid to the right of the focused cell is refused before sending.
    await (await showCell(page, a!.id, 'package')).click();
    await pasteText(page, 'x\ty\tz\tv\tw\r\n');
    await see.contains(page.getByTestId('paste-report'), 'The copied block has 5 columns but only');
    await see.contains(page.getByTestId('paste-report'), 'from the focused cell to the right edge');
    await page.getByTestId('paste-report').getByRole('button', { name: 'OK' }).click();

    // Copy two selected rows out: tab-separated, one line per row, in column order.
    await page.locator(`.ag-row[row-id="${a!.id}"] .ag-selection-checkbox input`).first().check();
    await page.locator(`.ag-row[row-id="${b!.id}"] .ag-selection-checkbox input`).first().check();
    await (await showCell(page, a!.id, 'title')).click();
    const tsv = await copyText(page);
    const lines = tsv.split('\r\n');
    expect(lines.length).toBe(3);
    expect(lines[0]!.split('\t').slice(0, 2)).toEqual([a!.code, a!.title]);
    expect(lines[1]!.split('\t')[0]).toBe(b!.code);
  });

  it('moves measures to another package by cut and paste (one undo step)', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const [a, b] = await api.call('measures:list', {});
    const target = (await api.call('nodes:list', {})).find((n) => n.level === 'package' && n.id !== a!.nodeId && n.id !== b!.nodeId)!;
    await see.visible(await showCell(page, a!.id, 'title'));
    for (const m of [a!, b!]) await page.locator(`.ag-row[row-id="${m.id}"] .ag-selection-checkbox input`).first().check();
    await (await showCell(page, a!.id, 'title')).click();
    const text = await page.evaluate(() => {
      const dt = new DataTransfer();
      document.activeElement!.dispatchEvent(new ClipboardEvent('cut', { clipboardData: dt, bubbles: true, cancelable: true }));
      return dt.getData('text/plain');
    });
    await see.contains(page.getByRole('status').last(), 'Cut 2 measures');
    await page.getByRole('treeitem').filter({ hasText: target.name }).first().click();
    await pasteText(page, text);
    await expect.poll(async () => (await api.call('measures:get', { id: a!.id })).nodeId).toBe(target.id);
    expect((await api.call('measures:get', { id: b!.id })).nodeId).toBe(target.id);
    await see.count(rows(page), target.measureCount + 2);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await api.call('measures:get', { id: a!.id })).nodeId).toBe(a!.nodeId);
    expect((await api.call('measures:get', { id: b!.id })).nodeId).toBe(b!.nodeId);
  });

  it('is keyboard-first: arrows, typing starts an edit, Enter commits, Esc cancels, F2, Tab, Delete clears, Ctrl+F finds', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const [a, b] = await api.call('measures:list', {});
    await see.visible(await showCell(page, a!.id, 'title'));
    await (await showCell(page, a!.id, 'title')).click();
    // Typing starts an edit that replaces the value; Enter commits and moves down.
    await page.keyboard.type('T');
    await editorReady(page);
    await page.keyboard.type('yped title');
    await page.keyboard.press('Enter');
    await see.text(cell(page, a!.id, 'title'), 'Typed title');
    await expect.poll(async () => (await api.call('measures:get', { id: a!.id })).title).toBe('Typed title');
    // Now on the row below: Esc cancels an edit.
    await page.keyboard.type('N');
    await editorReady(page);
    await page.keyboard.type('ot kept');
    await page.keyboard.press('Escape');
    await see.text(cell(page, b!.id, 'title'), b!.title);
    // ArrowUp, F2 edits in place (keeps the text), End + text appends.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('F2');
    await editorReady(page);
    await page.keyboard.press('End');
    await page.keyboard.type(' v2');
    await page.keyboard.press('Tab');
    await expect.poll(async () => (await api.call('measures:get', { id: a!.id })).title).toBe('Typed title v2');
    // Tab moved right to Owner and opened its editor; Esc leaves it; ArrowRight ×3 reaches Business unit; Delete clears it.
    await editorReady(page);
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.ag-cell')?.getAttribute('col-id'))).toBe('owner');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.ag-cell-inline-editing').count()).toBe(0);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('col-id'))).toBe('businessUnit');
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await api.call('measures:get', { id: a!.id })).businessUnit).toBe('');
    // Ctrl+F goes to the search box, which filters the grid.
    await page.keyboard.press('Control+f');
    await page.keyboard.type(b!.code);
    await see.count(rows(page), 1);
  });

  it('search (Ctrl+F) finds a value just edited and a package just renamed', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const [a, b] = await api.call('measures:list', {});
    const search = page.getByRole('searchbox', { name: 'Search measures' });
    await see.visible(await showCell(page, a!.id, 'title'));
    // Search once, so the grid has its per-row search text.
    await search.fill(a!.code);
    await see.count(rows(page), 1);
    await search.fill('');
    await editCell(page, a!.id, 'title', 'Zebra crossing pilot');
    await expect.poll(async () => (await api.call('measures:get', { id: a!.id })).title).toBe('Zebra crossing pilot');
    await search.fill('zebra crossing');
    await see.count(rows(page), 1);
    await see.text(cell(page, a!.id, 'title'), 'Zebra crossing pilot');
    // A renamed package: its measures are found by the new name (the Package column).
    await search.fill('');
    await api.call('nodes:rename', { id: b!.nodeId, name: 'Quokka workstream' });
    const inPackage = (await api.call('measures:list', {})).filter((m) => m.nodeId === b!.nodeId).length;
    await search.fill('quokka');
    await see.count(rows(page), inPackage);
  });

  it('bulk-edits selected rows in one transaction and undoes them with one Ctrl+Z', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const ms = (await api.call('measures:list', {})).slice(0, 4);
    await see.visible(await showCell(page, ms[0]!.id, 'title'));
    for (const m of ms) await page.locator(`.ag-row[row-id="${m.id}"] .ag-selection-checkbox input`).first().check();
    await page.getByRole('button', { name: 'Set field… (4)' }).click();
    const dlg = page.getByTestId('bulk-edit');
    await dlg.getByRole('combobox').first().selectOption('function');
    await dlg.getByLabel('New value (empty clears)').fill('Procurement');
    await dlg.getByRole('button', { name: 'Apply to 4' }).click();
    for (const m of ms) await see.text(cell(page, m.id, 'function'), 'Procurement');
    expect((await api.call('history:state', {})).undo).toBe('Set Function on 4 measures');
    // A bad value is refused in the dialog and nothing changes.
    await page.getByRole('button', { name: 'Set field… (4)' }).click();
    await dlg.getByRole('combobox').first().selectOption('owner');
    await dlg.getByLabel('New value (empty clears)').fill('Nobody Known');
    await dlg.getByRole('button', { name: 'Apply to 4' }).click();
    await see.contains(dlg.getByRole('alert'), 'Unknown person "Nobody Known"');
    await dlg.getByRole('button', { name: 'Cancel' }).click();
    // One undo restores all four.
    await page.locator('.ag-header').click();
    await page.keyboard.press('Control+z');
    for (const m of ms) await see.text(cell(page, m.id, 'function'), m.function);
  });

  it('creates a custom field that becomes a validated column and a detail panel field', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const [a] = await api.call('measures:list', {});
    await see.visible(await showCell(page, a!.id, 'title'));
    await gridAction(page, 'Fields…');
    const dlg = page.getByTestId('custom-fields');
    await dlg.getByLabel('Label').fill('Risk class');
    await dlg.getByLabel('Type').selectOption('choice');
    await dlg.getByLabel('Choices (comma separated)').fill('Low, Medium, High');
    await dlg.getByRole('button', { name: 'Add field' }).click();
    await expect.poll(() => dlg.getByLabel('Name of field Risk class').inputValue()).toBe('Risk class');
    // A definition stays editable: its name (the column follows) and its choices.
    await dlg.getByLabel('Name of field Risk class').fill('Risk level');
    await dlg.getByLabel('Name of field Risk class').press('Tab');
    await expect.poll(async () => (await api.call('customFields:list', {})).find((f) => f.key === 'risk_class')?.label).toBe('Risk level');
    await dlg.getByLabel('Choices of field Risk level').fill('Low, Medium, High, Severe');
    await dlg.getByLabel('Choices of field Risk level').press('Tab');
    await expect.poll(async () => (await api.call('customFields:list', {})).find((f) => f.key === 'risk_class')?.choices).toEqual(['Low', 'Medium', 'High', 'Severe']);
    await dlg.getByLabel('Name of field Risk level').fill('Risk class');
    await dlg.getByLabel('Name of field Risk level').press('Tab');
    await expect.poll(async () => (await api.call('customFields:list', {})).find((f) => f.key === 'risk_class')?.label).toBe('Risk class');
    await dlg.getByRole('button', { name: 'Close' }).click();
    await see.visible(await showCell(page, a!.id, 'custom.risk_class'));
    await editCell(page, a!.id, 'custom.risk_class', 'high');
    await showColumn(page, 'custom.risk_class');
    await see.text(cell(page, a!.id, 'custom.risk_class'), 'High');
    expect((await api.call('measures:get', { id: a!.id })).custom).toMatchObject({ risk_class: 'High' });
    await editCell(page, a!.id, 'custom.risk_class', 'Extreme');
    await see.contains(page.getByRole('alert').last(), 'is not one of the choices');
    expect((await api.call('measures:get', { id: a!.id })).custom).toMatchObject({ risk_class: 'High' });
    // The detail panel shows and edits it too.
    await page.getByRole('button', { name: `Open details of ${a!.code}` }).click();
    const panel = page.getByRole('complementary', { name: `Details of ${a!.code}` });
    await expect.poll(() => panel.getByLabel('Risk class').inputValue()).toBe('High');
  });

  it('opens the detail panel, edits long text and milestones, and shows the history of the edit', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const [a] = await api.call('measures:list', {});
    await see.visible(await showCell(page, a!.id, 'code'));
    await (await showCell(page, a!.id, 'code')).click();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('complementary', { name: `Details of ${a!.code}` });
    await see.visible(panel);
    await panel.getByLabel('Closure criteria').fill('Signed SLA\nfirst invoice paid');
    await panel.getByLabel('Owner', { exact: true }).click();
    await expect.poll(async () => (await api.call('measures:get', { id: a!.id })).closureCriteria).toBe('Signed SLA\nfirst invoice paid');
    await panel.getByLabel('Owner', { exact: true }).fill('Priya Nair');
    await panel.getByLabel('Owner', { exact: true }).press('Enter');
    await showColumn(page, 'owner');
    await see.text(cell(page, a!.id, 'owner'), 'Priya Nair');
    // Milestones: a bad owner is refused with the reason; a good one is added.
    await panel.getByLabel('New milestone title').fill('Pilot go-live');
    await panel.getByLabel('New milestone owner').fill('Nobody Known');
    await panel.getByRole('button', { name: 'Add' }).click();
    await see.contains(panel.locator('.milestones .error-text'), 'Unknown person "Nobody Known"');
    await panel.getByLabel('New milestone owner').fill('Priya Nair');
    await panel.getByLabel('New milestone due date').fill('2026-09-30');
    await panel.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => panel.getByLabel('Pilot go-live title').inputValue()).toBe('Pilot go-live');
    await panel.getByLabel('Pilot go-live done').click();
    await expect.poll(() => panel.getByLabel('Pilot go-live done').isChecked()).toBe(true);
    // A milestone's owner and due date are edited in place; the date reads like the grid's.
    await panel.getByLabel('Pilot go-live owner').fill('Marco Rossi');
    await panel.getByLabel('Pilot go-live owner').press('Enter');
    await panel.getByLabel('Pilot go-live due date', { exact: true }).fill('2026-10-31');
    await panel.getByLabel('Pilot go-live due date', { exact: true }).press('Enter');
    await expect
      .poll(async () => (await api.call('milestones:list', { measureId: a!.id })).find((x) => x.title === 'Pilot go-live'))
      .toMatchObject({ owner: 'Marco Rossi', dueDate: '2026-10-31' });
    await expect.poll(() => panel.getByLabel('Pilot go-live due date', { exact: true }).inputValue()).toBe('10/31/2026');
    await panel.getByLabel('Pilot go-live due date', { exact: true }).fill('31st of Octember');
    await panel.getByLabel('Pilot go-live due date', { exact: true }).press('Enter');
    await see.contains(panel.locator('.milestones'), 'is not a date');
    expect(await panel.getByLabel('Pilot go-live due date', { exact: true }).inputValue()).toBe('31st of Octember');
    // History: labels, names, old → new, newest first.
    const history = panel.getByRole('list', { name: 'Changes' });
    await see.contains(history, `Owner: ${a!.owner ?? '(empty)'} → Priya Nair`);
    await see.contains(history, 'Milestone "Pilot go-live": Done: no → yes');
    await see.contains(history, 'Closure criteria');
    await panel.getByLabel('History of field').selectOption('Owner');
    await expect.poll(async () => (await history.locator('li').allInnerTexts()).every((t) => t.includes('Owner:'))).toBe(true);
    // Esc closes the panel.
    await panel.getByLabel('New milestone title').press('Escape');
    await see.count(page.getByRole('complementary', { name: `Details of ${a!.code}` }), 0);
  });

  it('filters with chips and presets, and saves a named view per person', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const all = await api.call('measures:list', {});
    await see.visible(rows(page));
    const red = all.filter((m) => m.potentialStatus === 'red');
    await page.getByLabel('Saved view').selectOption({ label: 'Red on potential' });
    await expect.poll(() => page.getByTestId('row-count').textContent()).toContain(`${red.length} of ${all.length} measures`);
    await see.cls(page.locator('.chip').filter({ hasText: 'Potential' }), /active/);
    // Add a chip: DI level.
    const di = red[0]!.diLevel;
    await page.getByLabel('Filter by DI').selectOption(String(di));
    const both = red.filter((m) => m.diLevel === di).length;
    await expect.poll(() => page.getByTestId('row-count').textContent()).toContain(`${both} of ${all.length}`);
    await page.getByRole('button', { name: 'View actions' }).click();
    await page.getByRole('menuitem', { name: 'Save view…' }).click();
    await page.getByRole('dialog').getByRole('textbox').fill('Red at my level');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await api.call('views:list', {})).map((v) => v.name)).toEqual(['Red at my level']);
    // Back to all, then the saved view restores the chips.
    await page.getByLabel('Saved view').selectOption({ label: 'All measures' });
    await expect.poll(() => page.getByTestId('row-count').textContent()).not.toContain(' of ');
    await page.reload();
    await page.getByLabel('Saved view').selectOption({ label: 'Red at my level' });
    await expect.poll(() => page.getByTestId('row-count').textContent()).toContain(`${both} of ${all.length}`);
    // "My measures" asks who you are first.
    await page.getByLabel('Saved view').selectOption({ label: 'My measures' });
    await see.contains(page.getByRole('alert').last(), 'Acting as');
  });
});
