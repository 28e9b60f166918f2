import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ARTIFACTS, openApp, see, type Session } from './harness.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('holding a meeting is safe', () => {
  it('carries the draft texts to the meeting, holds it with them, and reopens the same pack', async () => {
    s = await openApp({ workspace: 'demo', viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    s.page.on('pageerror', (e) => errors.push(e.message));
    const { page, api } = s;
    await page.getByRole('button', { name: 'Steering pack' }).click();
    const first = page.locator('.pack-page').first();
    await see.contains(page.getByTestId('texts-source'), 'Draft (no meeting chosen)');
    // Without a meeting there is nothing to hold.
    await expect.poll(() => page.getByRole('button', { name: 'Hold meeting: freeze pack' }).isDisabled()).toBe(true);
    await see.contains(page.locator('.hold-hint'), 'choose it above');
    await page.locator('select[name=overallStatus]').selectOption('amber');
    const fill = async (name: string, v: string) => page.locator(`textarea[name=${name}]`).fill(v);
    await fill('statusReason', 'Billing feed two weeks late');
    await fill('summary', 'Gold launch on track; billing fallback needed.');
    await fill('keyAchievement', 'Tiers and price book signed off');
    await fill('keyConcern', 'Approve the manual billing fallback');
    await page.getByRole('button', { name: 'Save texts' }).click();
    await see.contains(first, 'Gold launch on track; billing fallback needed.');
    await page.screenshot({ path: join(ARTIFACTS, 'pack-preview-1440.png') });

    const meeting = (await api.call('meetings:list', {})).find((m) => m.status === 'planned')!;
    await page.locator('select[name=meeting]').selectOption(meeting.id);
    await see.contains(first.locator('.pack-head'), meeting.title);
    await see.contains(page.getByTestId('texts-source'), 'Carried over from the draft');
    await see.contains(first, 'Gold launch on track; billing fallback needed.');
    await expect.poll(() => page.locator('textarea[name=keyConcern]').inputValue()).toBe('Approve the manual billing fallback');
    await page.getByRole('button', { name: 'Hold meeting: freeze pack' }).click();
    // Nothing is empty: the plain confirmation, no warning.
    await see.contains(page.getByRole('dialog'), `as shown to ${meeting.title}`);
    await page.getByRole('dialog').getByRole('button', { name: 'Freeze pack' }).click();
    await see.contains(first.locator('.pack-head'), 'Frozen');
    await see.contains(first, 'Approve the manual billing fallback');
    await expect.poll(async () => (await api.call('meetings:get', { id: meeting.id })).meeting.status).toBe('held');
    // The texts are the meeting's now; the next draft starts empty.
    await page.locator('select[name=meeting]').selectOption('');
    await see.contains(first, 'No summary written yet.');
    await page.locator('select[name=meeting]').selectOption(meeting.id);
    await see.contains(first.locator('.pack-head'), 'Frozen');
    await see.contains(first, 'Gold launch on track; billing fallback needed.');
    expect(errors).toEqual([]);
  });

  it('marking a meeting held in the Meetings tab warns about empty texts, then freezes the same pack', async () => {
    s = await openApp({ workspace: 'demo', viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    s.page.on('pageerror', (e) => errors.push(e.message));
    const { page, api } = s;
    const meeting = await api.call('meetings:create', { title: 'Steering committee #6', date: '2099-03-01' });
    await api.call('pack:saveTexts', { meetingId: meeting.id, texts: { overallStatus: 'green', statusReason: 'On plan', summary: '', keyAchievement: '', keyConcern: 'None this month' } });
    await page.getByRole('button', { name: 'Meetings', exact: true }).click();
    await page.getByRole('region', { name: 'Meetings' }).or(page.getByLabel('Meetings')).getByRole('button', { name: /Steering committee #6/ }).click();
    await page.getByLabel('Meeting status').selectOption('held');
    const dialog = page.getByRole('dialog');
    await see.contains(dialog.getByLabel('Empty parts'), 'Summary');
    await see.contains(dialog.getByLabel('Empty parts'), 'Key achievement');
    await page.screenshot({ path: join(ARTIFACTS, 'hold-warning.png') });
    // Cancel: nothing is frozen, the meeting stays planned.
    await dialog.getByRole('button', { name: 'Cancel: write them first' }).click();
    await see.count(page.getByRole('dialog'), 0);
    expect(await api.call('pack:snapshots', {})).toEqual([]);
    expect((await api.call('meetings:get', { id: meeting.id })).meeting.status).toBe('planned');
    await expect.poll(() => page.getByLabel('Meeting status').inputValue()).toBe('planned');
    // Hold it anyway: the pack is frozen with the meeting's texts, as the pack view would.
    await page.getByLabel('Meeting status').selectOption('held');
    await page.getByRole('dialog').getByRole('button', { name: 'Freeze with these empty' }).click();
    await expect.poll(async () => (await api.call('pack:meetings', {})).find((m) => m.id === meeting.id)?.snapshotId ?? null).not.toBeNull();
    await expect.poll(async () => (await api.call('meetings:get', { id: meeting.id })).meeting.status).toBe('held');
    const snap = (await api.call('pack:snapshots', {}))[0]!;
    expect((await api.call('pack:snapshot', { id: snap.id })).texts).toMatchObject({ overallStatus: 'green', keyConcern: 'None this month' });
    await page.getByRole('button', { name: 'Steering pack' }).click();
    await page.locator('select[name=meeting]').selectOption(meeting.id);
    const first = page.locator('.pack-page').first();
    await see.contains(first.locator('.pack-head'), 'Frozen');
    await see.contains(first, 'None this month');
    expect(errors).toEqual([]);
  });
});
