import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../main/api/index.js';
import { ARTIFACTS, cell, editCell, openApp, see, type Session, showCell, showColumn } from './harness.js';

let s: Session | undefined;
let bea: Api | undefined;
afterEach(async () => {
  bea?.close();
  bea = undefined;
  await s?.close();
  s = undefined;
});

describe('sync through a shared folder', () => {
  it('invites a member copy, syncs both ways, shows a concurrent edit as a conflict in the list and the grid, resolves it everywhere, and refuses a tampered bundle', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api, dir } = s;
    const share = join(dir, 'share');
    const m = (await api.call('measures:list', {}))[0]!;
    await see.visible(await showCell(page, m.id, 'title'));

    // Invite Bea: her own copy of the workspace.
    await page.getByRole('button', { name: /Sync/ }).click();
    const panel = page.getByTestId('sync-panel');
    await panel.getByLabel('Member name').fill('Bea Novak');
    await panel.getByLabel('Member copy file').fill(join(dir, 'bea.steerco'));
    await panel.getByRole('button', { name: 'Create member copy' }).click();
    await see.contains(panel.locator('.members'), 'Bea Novak');

    // Set the sync folder and sync: this copy's bundle lands in the folder.
    await panel.getByLabel('Sync folder').fill(share);
    await panel.getByRole('button', { name: 'Save folder' }).click();
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await see.contains(panel.getByTestId('sync-summary'), 'changes in');
    expect(readdirSync(share).filter((f) => f.endsWith('.stbundle'))).toHaveLength(1);
    await panel.getByRole('button', { name: 'Close' }).click();

    // Both edit the same title offline; Bea also edits another field.
    await editCell(page, m.id, 'title', 'Tiers: Bronze, Silver, Gold (owner)');
    await see.text(cell(page, m.id, 'title'), 'Tiers: Bronze, Silver, Gold (owner)');
    bea = createApi({ configDir: join(dir, 'bea-config'), version: 'e2e' });
    await bea.call('workspace:open', { path: join(dir, 'bea.steerco') });
    await bea.call('sync:setFolder', { folder: share });
    await bea.call('measures:update', { id: m.id, patch: { title: 'Tiers: Bronze and Gold only', businessUnit: 'Service Ops' } });
    const beaSync = await bea.call('sync:now', {});
    expect(beaSync.refused).toEqual([]);

    // Sync now: Bea's changes arrive, the concurrent title edit is a conflict.
    await page.getByRole('button', { name: /Sync/ }).click();
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await see.contains(panel.getByTestId('sync-summary'), '1 new conflicts');
    await see.text(page.getByTestId('conflict-badge'), '1');
    const conflict = panel.getByTestId('conflict');
    await see.contains(conflict, 'Tiers: Bronze, Silver, Gold (owner)');
    await see.contains(conflict, 'Tiers: Bronze and Gold only');
    await see.contains(conflict, 'Bea Novak');
    await page.screenshot({ path: join(ARTIFACTS, 'sync-conflict.png') });
    await panel.getByRole('button', { name: 'Close' }).click();
    await showColumn(page, 'businessUnit');
    await see.text(cell(page, m.id, 'businessUnit'), 'Service Ops');
    await see.cls(cell(page, m.id, 'title'), /cell-conflict/);

    // Type a new value: the conflict closes here, the grid shows it, the flag goes.
    await page.getByRole('button', { name: /Sync/ }).click();
    await conflict.getByLabel('New value').fill('Tiers: Bronze, Silver, Gold');
    await conflict.getByRole('button', { name: 'Use new value' }).click();
    await see.count(panel.getByTestId('conflict'), 0);
    await see.count(page.getByTestId('conflict-badge'), 0);
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await see.contains(panel.getByTestId('sync-summary'), '0 new conflicts');
    await panel.getByRole('button', { name: 'Close' }).click();
    await see.text(cell(page, m.id, 'title'), 'Tiers: Bronze, Silver, Gold');
    await expect.poll(async () => (await cell(page, m.id, 'title').getAttribute('class')) ?? '').not.toMatch(/cell-conflict/);

    // Bea syncs: the resolution closes the conflict on her copy too.
    await bea.call('sync:now', {});
    expect((await bea.call('measures:get', { id: m.id })).title).toBe('Tiers: Bronze, Silver, Gold');
    expect(await bea.call('conflicts:list', {})).toEqual([]);

    // A bundle with one changed byte is refused with the reason, and nothing changes: Bea's
    // next bundle, passed on by hand (a USB stick) with one byte of its changes altered.
    await bea.call('measures:update', { id: m.id, patch: { legalEntity: 'Bea GmbH' } });
    const usb = join(dir, 'usb');
    const out = await bea.call('sync:export', { dir: usb });
    const forged = Buffer.from(readFileSync(out.file!));
    const at = forged.indexOf('Bea GmbH');
    forged[at] = 0x58;
    const forgedName = 'bea-forwarded-copy.stbundle';
    writeFileSync(join(share, forgedName), forged);
    const before = await api.call('measures:list', {});
    await page.getByRole('button', { name: /Sync/ }).click();
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await see.contains(panel.getByTestId('sync-summary'), `Refused ${forgedName}`);
    await see.contains(panel.getByTestId('sync-summary'), 'changed or truncated');
    expect(await api.call('measures:list', {})).toEqual(before);
  }, 120_000);
});
