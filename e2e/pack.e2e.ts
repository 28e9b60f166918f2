import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ARTIFACTS, openApp, see, type Session } from './harness.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('steering pack in the app', () => {
  it('builds the pack, writes its texts, switches sections and paper, holds the meeting, reopens the frozen pack and exports slides', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    await page.getByRole('button', { name: 'Steering pack' }).click();
    const pages = page.locator('.pack-page');
    await expect.poll(() => pages.count()).toBeGreaterThan(8);
    await see.visible(page.locator('.pack-page h2', { hasText: 'Executive summary' }));
    // Landscape A4 by default: 297 mm wide at 96 dpi.
    expect(Math.round((await pages.first().boundingBox())!.width)).toBe(Math.round((297 * 96) / 25.4));
    // Charts are drawn on the first page (the executive summary).
    await expect.poll(() => pages.first().locator('canvas').count()).toBe(2);
    await page.screenshot({ path: join(ARTIFACTS, 'pack-preview.png') });

    // The written parts go into the pack.
    await page.locator('select[name=overallStatus]').selectOption('amber');
    await page.locator('textarea[name=statusReason]').fill('Billing feed two weeks late');
    await page.locator('textarea[name=summary]').fill('Gold tier launch holds; value credible except billing.');
    await page.getByRole('button', { name: 'Save texts' }).click();
    await see.contains(pages.first(), 'Gold tier launch holds; value credible except billing.');
    await see.contains(pages.first(), 'Billing feed two weeks late');

    // Sections: switch the RAID appendix off, move the decision log up; kept for the workspace.
    const raidTitle = page.locator('.pack-page h2', { hasText: 'Appendix: RAID log' });
    await see.count(raidTitle, 1);
    await page.locator('[data-section=appendix_raid] input[type=checkbox]').uncheck();
    await see.count(raidTitle, 0);
    await page.getByRole('button', { name: 'Move Appendix: decision log up' }).click();
    await expect.poll(async () => (await api.call('pack:settings', {})).sections.map((x) => x.key).slice(-2)).toEqual(['appendix_decisions', 'appendix_raid']);
    await page.locator('select[name=paper]').selectOption('Letter');
    await expect.poll(async () => Math.round((await pages.first().boundingBox())!.width)).toBe(Math.round((279.4 * 96) / 25.4));

    // Holding the meeting freezes the pack; later edits do not change it.
    await page.getByRole('button', { name: 'Hold meeting: freeze pack' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Freeze pack' }).click();
    await see.contains(pages.first().locator('.pack-head'), 'Frozen');
    const snaps = await api.call('pack:snapshots', {});
    expect(snaps).toHaveLength(1);
    await page.getByRole('button', { name: /Back to the live pack/ }).click();
    await see.contains(pages.first().locator('.pack-head'), 'Draft, not frozen');
    await page.locator('textarea[name=summary]').fill('Changed after the meeting.');
    await page.getByRole('button', { name: 'Save texts' }).click();
    await see.contains(pages.first(), 'Changed after the meeting.');
    await see.contains(page.locator('.pack-page', { hasText: 'What changed since the last meeting' }).first(), 'Compared with the pack frozen on');
    await page.locator('.pack-snapshots button.link').filter({ hasText: 'Whole program' }).click();
    await see.contains(pages.first(), 'Gold tier launch holds; value credible except billing.');
    expect(await pages.first().innerText()).not.toContain('Changed after the meeting.');

    // PowerPoint export from the app, to a folder the user names.
    const dir = mkdtempSync(join(tmpdir(), 'steerco-pptx-'));
    try {
      await page.getByRole('button', { name: 'Export PowerPoint…' }).click();
      const input = page.getByRole('dialog').locator('input');
      expect(await input.inputValue()).toMatch(/_Whole-program_\d{4}-\d{2}-\d{2}\.pptx$/);
      await input.fill(join(dir, 'pack.pptx'));
      await page.getByRole('dialog').getByRole('button', { name: 'Export' }).click();
      await see.contains(page.getByRole('status').last(), 'slides to');
      await see.count(page.getByRole('dialog'), 0);
      expect(readdirSync(dir)).toEqual(['pack.pptx']);
      // An unwritable place: a clear message, nothing written.
      await page.getByRole('button', { name: 'Export PowerPoint…' }).click();
      await page.getByRole('dialog').locator('input').fill(join(dir, 'missing', 'pack.pptx'));
      await page.getByRole('dialog').getByRole('button', { name: 'Export' }).click();
      await see.contains(page.getByRole('alert').last(), 'the folder does not exist');
      expect(existsSync(join(dir, 'missing'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when the chosen scope has no measures', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const node = await api.call('nodes:create', { parentId: null, name: 'Empty organization' });
    await page.getByRole('button', { name: 'Steering pack' }).click();
    await expect.poll(() => page.locator('.pack-page').count()).toBeGreaterThan(3);
    await page.locator('select[name=scope]').selectOption(node.id);
    await see.contains(page.locator('.pack-error'), '"Empty organization" has no measures');
    await see.count(page.locator('.pack-page'), 0);
  });
});
