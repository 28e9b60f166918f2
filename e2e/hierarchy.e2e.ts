import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { HierarchyNode } from '../preload/contract.js';
import { cell, openApp, see, type Session, showCell, showRow } from './harness.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** The rows the grid displays, in order (scrolled out of view or not): node rows as "node:<id>", measures by id. */
async function displayed(page: Page): Promise<string[]> {
  // From the grid itself: at a laptop's height it draws only the rows in view.
  return page.evaluate(() => (window as unknown as { steercoGrids: Record<string, { rowIds(): string[] }> }).steercoGrids.measures!.rowIds());
}

async function clip(page: Page, type: 'paste' | 'cut', text = ''): Promise<string> {
  return page.evaluate(
    ([t, kind]) => {
      const dt = new DataTransfer();
      if (kind === 'paste') dt.setData('text/plain', t!);
      (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent(kind!, { clipboardData: dt, bubbles: true, cancelable: true }));
      return dt.getData('text/plain');
    },
    [text, type],
  );
}

const nodeRow = (page: Page, id: string) => page.locator(`.ag-row[row-id="node:${id}"] .gnode-row`);

describe('hierarchy in the grid', () => {
  it('shows nodes as rows with roll-up counts, collapses and expands, sorts within packages and filters with the nodes above matches', async () => {
    s = await openApp({ workspace: 'demo', viewport: { width: 1440, height: 900 } });
    const { page, api } = s;
    const nodes = await api.call('nodes:list', {});
    const program = nodes.find((n) => n.level === 'program')!;
    const projects = nodes.filter((n) => n.parentId === program.id);
    const packagesOf = (p: HierarchyNode) => nodes.filter((n) => n.parentId === p.id);
    const packages = projects.flatMap(packagesOf);
    const measures = (await api.call('measures:list', {})).filter((m) => packages.some((p) => p.id === m.nodeId));
    const project = projects[0]!;
    const pkg = packagesOf(project)[0]!;
    await see.visible(await showCell(page, measures[0]!.id, 'title'));
    await page.getByRole('treeitem').filter({ hasText: program.name }).first().click();

    await page.getByRole('button', { name: 'Hierarchy' }).click();
    await expect.poll(async () => page.getByRole('button', { name: 'Hierarchy' }).getAttribute('aria-pressed')).toBe('true');
    // Every project and package is a row; counts roll up from the measures below.
    const inProject = measures.filter((m) => packagesOf(project).some((p) => p.id === m.nodeId));
    await showRow(page, `node:${project.id}`);
    await see.contains(nodeRow(page, project.id), project.name);
    await showRow(page, `node:${project.id}`);
    await see.contains(nodeRow(page, project.id), `${inProject.length} measures`);
    await showRow(page, `node:${pkg.id}`);
    await see.contains(nodeRow(page, pkg.id), `${pkg.measureCount} measure`);
    const reds = inProject.filter((m) => m.implementationStatus === 'red').length;
    if (reds) await see.contains(nodeRow(page, project.id), `${reds} red`);
    // Measures follow their package, indented one level below it.
    const m0 = measures.find((m) => m.nodeId === pkg.id)!;
    await see.cls(cell(page, m0.id, 'code'), /tree-indent-2/);
    let order = await displayed(page);
    expect(order.length).toBe(projects.length + packages.length + measures.length);
    expect(order.indexOf(`node:${project.id}`)).toBeLessThan(order.indexOf(`node:${pkg.id}`));
    expect(order.indexOf(`node:${pkg.id}`)).toBeLessThan(order.indexOf(m0.id));

    // Sorting by title (descending) keeps the tree: measures are sorted within their package.
    const title = page.locator('.ag-header-cell[col-id="title"] .ag-header-cell-label');
    await title.click();
    await title.click();
    await expect
      .poll(async () => {
        order = await displayed(page);
        const inPkg = order.slice(order.indexOf(`node:${pkg.id}`) + 1).filter((_, i, a) => a.slice(0, i + 1).every((id) => !id.startsWith('node:')));
        return inPkg.map((id) => measures.find((m) => m.id === id)!.title);
      })
      .toEqual(measures.filter((m) => m.nodeId === pkg.id).map((m) => m.title).sort((a, b) => b.localeCompare(a)));
    for (const [i, id] of order.entries()) {
      if (id.startsWith('node:')) continue;
      const m = measures.find((x) => x.id === id)!;
      // The nearest package row above each measure is its own package.
      const above = order.slice(0, i).reverse().find((r) => r.startsWith('node:') && nodes.find((n) => `node:${n.id}` === r)!.level === 'package');
      expect(above).toBe(`node:${m.nodeId}`);
    }

    // Collapse the project: its packages and measures go; the row stays with its counts.
    await showRow(page, `node:${project.id}`);
    await nodeRow(page, project.id).getByRole('button', { name: `Collapse ${project.name}` }).click();
    await expect.poll(async () => (await displayed(page)).includes(`node:${pkg.id}`)).toBe(false);
    expect(await displayed(page)).not.toContain(m0.id);
    await showRow(page, `node:${project.id}`);
    await see.contains(nodeRow(page, project.id), `${inProject.length} measures`);
    await see.contains(page.getByTestId('row-count'), `${measures.length - inProject.length} of ${measures.length} measures`);
    // Keyboard: → on the focused node row expands it again.
    await showRow(page, `node:${project.id}`);
    await nodeRow(page, project.id).locator('.gnode-name').click();
    // The row is drawn again in place, not recreated: a recreated row loses the focus for a moment and a
    // key pressed then (a busy machine) goes nowhere.
    await page.evaluate((id) => Object.assign(document.querySelector(`.ag-row[row-id="node:${id}"]`)!, { steercoMark: 1 }), project.id);
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await displayed(page)).includes(m0.id)).toBe(true);
    await expect.poll(() => nodeRow(page, project.id).locator('.gnode-toggle').getAttribute('aria-expanded')).toBe('true');
    expect(await page.evaluate((id) => (document.querySelector(`.ag-row[row-id="node:${id}"]`) as unknown as { steercoMark?: number }).steercoMark, project.id)).toBe(1);
    // The node row keeps the keyboard focus while the rows below it are drawn.
    const focusedRow = () => page.evaluate(() => document.activeElement?.closest('.ag-row')?.getAttribute('row-id') ?? null);
    await expect.poll(focusedRow).toBe(`node:${project.id}`);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await displayed(page)).includes(m0.id)).toBe(false);
    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect.poll(async () => (await displayed(page)).includes(m0.id)).toBe(true);

    // A search shows the matches with the nodes above them only, and how many match per node.
    await page.getByRole('searchbox', { name: 'Search measures' }).fill(m0.title);
    await expect.poll(async () => displayed(page)).toEqual([`node:${project.id}`, `node:${pkg.id}`, m0.id]);
    await showRow(page, `node:${project.id}`);
    await see.contains(nodeRow(page, project.id), `1 of ${inProject.length} measures`);
    await page.getByRole('searchbox', { name: 'Search measures' }).fill('');
    await expect.poll(async () => (await displayed(page)).length).toBe(order.length);

    // The mode survives a reload of the page.
    await page.reload();
    await showRow(page, `node:${project.id}`);
    await see.contains(nodeRow(page, project.id), project.name);
  });

  it('moves a measure to another package by dragging it onto the package row (one undo step), and adds a measure from a package row', async () => {
    s = await openApp({ workspace: 'demo', viewport: { width: 1440, height: 900 } });
    const { page, api } = s;
    const nodes = await api.call('nodes:list', {});
    const measures = await api.call('measures:list', {});
    const program = nodes.find((n) => n.level === 'program')!;
    const projects = nodes.filter((n) => n.parentId === program.id).map((n) => n.id);
    const m = measures.find((x) => projects.includes(nodes.find((n) => n.id === x.nodeId)!.parentId!))!;
    const target = nodes.find((n) => n.level === 'package' && projects.includes(n.parentId!) && n.id !== m.nodeId)!;
    await see.visible(await showCell(page, m.id, 'title'));
    await page.getByRole('treeitem').filter({ hasText: program.name }).first().click();
    await page.getByRole('button', { name: 'Hierarchy' }).click();
    await showRow(page, `node:${target.id}`);
    await see.contains(nodeRow(page, target.id), target.name);

    await showRow(page, m.id);
    const handle = page.locator(`.ag-row[row-id="${m.id}"] .ag-row-drag`).first();
    const from = (await handle.boundingBox())!;
    const to = (await nodeRow(page, target.id).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 30, from.y + 10, { steps: 5 });
    await page.mouse.move(to.x + 200, to.y + to.height / 2, { steps: 15 });
    // The package the measure would land in is highlighted while dragging.
    await see.cls(page.locator(`.ag-row[row-id="node:${target.id}"]`), /drop-target/);
    await page.mouse.up();
    await expect.poll(async () => page.locator('.ag-row.drop-target').count()).toBe(0);
    await expect.poll(async () => (await api.call('measures:get', { id: m.id })).nodeId).toBe(target.id);
    await see.contains(page.getByRole('status').last(), `Moved 1 measure to ${target.name}`);
    await showRow(page, `node:${target.id}`);
    await see.contains(nodeRow(page, target.id), `${target.measureCount + 1} measure`);
    await page.locator('.ag-header').click();
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await api.call('measures:get', { id: m.id })).nodeId).toBe(m.nodeId);

    // "+ Measure" on a package row creates the measure there and starts editing its title.
    await showRow(page, `node:${target.id}`);
    await nodeRow(page, target.id).getByRole('button', { name: `Add a measure to ${target.name}` }).click();
    await expect.poll(async () => (await api.call('measures:list', {})).filter((x) => x.nodeId === target.id).length).toBe(target.measureCount + 1);
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.ag-cell-inline-editing'))).toBe(true);
  });

  it('pastes across package rows onto measures only, refuses a 1 MB cell on its own line, and moves cut rows pasted on a package row', async () => {
    s = await openApp({ workspace: 'demo', viewport: { width: 1440, height: 900 } });
    const { page, api } = s;
    const nodes = await api.call('nodes:list', {});
    const program = nodes.find((n) => n.level === 'program')!;
    const projects = nodes.filter((n) => n.parentId === program.id).map((n) => n.id);
    const packages = nodes.filter((n) => n.level === 'package' && projects.includes(n.parentId!));
    const all = await api.call('measures:list', {});
    await see.visible(await showCell(page, all[0]!.id, 'title'));
    await page.getByRole('treeitem').filter({ hasText: program.name }).first().click();
    await page.getByRole('button', { name: 'Hierarchy' }).click();
    await showRow(page, `node:${packages[1]!.id}`);
    await see.contains(nodeRow(page, packages[1]!.id), packages[1]!.name);
    // A package row with a measure just above it (the end of the previous package) and one just below.
    const order = await displayed(page);
    const at = order.findIndex((id, i) => i > 0 && id.startsWith('node:') && !order[i - 1]!.startsWith('node:') && !order[i + 1]!.startsWith('node:'));
    const p2 = nodes.find((n) => `node:${n.id}` === order[at])!;
    const last = all.find((m) => m.id === order[at - 1])!;
    const next = all.find((m) => m.id === order[at + 1])!;
    const p1 = nodes.find((n) => n.id === last.nodeId)!;

    // Two rows pasted on the last measure of a package: the second lands on the first measure of the next package.
    await (await showCell(page, last.id, 'function')).click();
    await clip(page, 'paste', 'Pasted A\r\nPasted B\r\n');
    await see.contains(page.getByRole('status').last(), 'Pasted 2 rows × 1 column');
    expect((await api.call('measures:get', { id: last.id })).function).toBe('Pasted A');
    expect((await api.call('measures:get', { id: next.id })).function).toBe('Pasted B');

    // A cell over 1,000,000 characters is named on its own line; nothing of the block is written.
    const changes = (await api.call('workspace:check', {})).counts.change_log;
    await (await showCell(page, last.id, 'title')).click();
    await clip(page, 'paste', `Fine title\r\n${'x'.repeat(1_000_001)}\r\n`);
    const report = page.getByTestId('paste-report');
    await see.contains(report, 'nothing was saved');
    await see.contains(report, `${next.code} Title: 1,000,001 characters is too long (at most 1,000,000)`);
    await report.getByRole('button', { name: 'OK' }).click();
    expect((await api.call('workspace:check', {})).counts.change_log).toBe(changes);
    expect((await api.call('measures:get', { id: last.id })).title).toBe(last.title);

    // Cut a measure, focus a package row in the grid, paste: it moves there (one undo step).
    await page.locator(`.ag-row[row-id="${last.id}"] .ag-selection-checkbox input`).first().check();
    await (await showCell(page, last.id, 'title')).click();
    const cutText = await clip(page, 'cut');
    await see.contains(page.getByRole('status').last(), 'Cut 1 measure');
    await showRow(page, `node:${p2.id}`);
    await nodeRow(page, p2.id).locator('.gnode-name').click();
    await clip(page, 'paste', cutText);
    await expect.poll(async () => (await api.call('measures:get', { id: last.id })).nodeId).toBe(p2.id);
    await see.contains(page.getByRole('status').last(), `Moved 1 measure to ${p2.name}`);
    await showRow(page, `node:${p2.id}`);
    await see.contains(nodeRow(page, p2.id), `${p2.measureCount + 1} measures`);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await api.call('measures:get', { id: last.id })).nodeId).toBe(p1.id);
  });
});
