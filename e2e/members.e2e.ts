import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { advanceClock, resetClock } from '../db/clock.js';
import { ARTIFACTS, openApp, see, type Session } from './harness.js';

let s: Session | undefined;
afterEach(async () => {
  resetClock();
  await s?.close();
  s = undefined;
});

describe('members who stop syncing', () => {
  it('the sync panel shows a member who has not synced for a while and what it costs; the administrator retires the copy', async () => {
    s = await openApp({ workspace: 'demo', viewport: { width: 1440, height: 900 } });
    const { page, api, dir } = s;
    const share = join(dir, 'share');
    await page.getByRole('button', { name: /Sync/ }).click();
    const panel = page.getByTestId('sync-panel');
    await panel.getByLabel('Member name').fill('Bea Novak');
    await panel.getByLabel('Member copy file').fill(join(dir, 'bea.steerco'));
    await panel.getByRole('button', { name: 'Create member copy' }).click();
    await panel.getByLabel('Sync folder').fill(share);
    await panel.getByRole('button', { name: 'Save folder' }).click();
    const m = (await api.call('measures:list', {}))[0]!;
    await api.call('measures:update', { id: m.id, patch: { title: 'Changed while Bea is away' } });
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await see.contains(panel.getByTestId('sync-summary'), 'changes in');
    const bea = panel.getByTestId('member').filter({ hasText: 'Bea Novak' });
    await expect.poll(() => bea.getByTestId('member-stale').count()).toBe(0);

    // Three weeks later Bea has still not synced: the panel says so, with what waiting costs.
    advanceClock(21 * 86_400_000);
    await panel.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: /Sync/ }).click();
    await see.contains(bea.getByTestId('member-stale'), 'Has not synced for a while: 1 bundle');
    await page.screenshot({ path: join(ARTIFACTS, 'sync-members-stale.png') });

    // The administrator retires her copy, with the reason.
    await bea.getByRole('button', { name: "Retire Bea Novak's copy" }).click();
    await bea.getByLabel('Reason for retiring').fill('Left the program');
    await bea.getByRole('button', { name: 'Retire Bea Novak’s copy' }).click();
    await see.contains(bea, 'retired: Left the program');
    await expect.poll(() => bea.getByTestId('member-stale').count()).toBe(0);
    expect((await api.call('sync:status', {})).members.find((x) => x.name === 'Bea Novak')?.status).toBe('retired');
    await page.screenshot({ path: join(ARTIFACTS, 'sync-members-retired.png') });
  }, 120_000);
});
