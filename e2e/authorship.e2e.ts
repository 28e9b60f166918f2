import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '../db/changes.js';
import { ARTIFACTS, openApp, see, type Session, showCell } from './harness.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('entered by X for Y', () => {
  it('a facilitator enters a request and an approval for others on her copy: the approvals inbox and the history say who typed it for whom; a request nobody could approve is refused', async () => {
    s = await openApp({ workspace: 'demo', viewport: { width: 1440, height: 900 } });
    const { page, api, dir } = s;
    const people = await api.call('people:list', {});
    const name = (id: string | null) => people.find((p) => p.id === id)!.name;
    // A DI1 measure whose sponsor is not its owner; DI2 is approved by the sponsor alone.
    const m = (await api.call('measures:list', {})).find((x) => x.diLevel === 1 && x.lifecycle === 'active' && x.sponsorId && x.ownerId && x.sponsorId !== x.ownerId)!;
    const facilitator = people.find((p) => ![m.ownerId, m.sponsorId, m.controllerId].includes(p.id) && !p.roles.includes('steering_sponsor'))!;
    // What DI2 asks for that the demo may not have yet: a dated milestone plan and a monthly plan.
    runAction(api.session.db(), { actor: 'system', label: 'facts', undoable: false }, (w) => {
      w.insert('milestones', { measure_id: m.id, title: 'Design signed off', due_date: '2030-01-31', done: 0, sort_order: 99 });
      const line = w.insert('effect_lines', { measure_id: m.id, type: 'recurring_benefit', label: 'Savings', target: 500_000 });
      w.insert('effect_values', { line_id: line, period: '2030-01', plan: 40_000, actual_validated: 0 }, `${line}:2030-01`);
    });
    const actAs = async (id: string) => {
      await page.getByLabel('Acting as').selectOption({ label: name(id) });
      await expect.poll(async () => (await api.call('app:info', {})).workspace?.actorId).toBe(id);
    };

    // The facilitator's copy: she makes a member copy for a colleague, which registers this copy as hers.
    await actAs(facilitator.id);
    await page.getByRole('button', { name: /Sync/ }).click();
    const sync = page.getByTestId('sync-panel');
    await sync.getByLabel('Member name').fill(name(m.sponsorId));
    await sync.getByLabel('Member copy file').fill(join(dir, 'sponsor.steerco'));
    await sync.getByRole('button', { name: 'Create member copy' }).click();
    await see.contains(sync.locator('.members'), `${facilitator.name} (this copy)`);
    await sync.getByRole('button', { name: 'Close' }).click();

    // In the workshop she enters the owner's confirmation and request, acting as the owner.
    await actAs(m.ownerId!);
    await api.call('gates:attest', { measureId: m.id, key: 'dependencies_reviewed' });
    // The sponsor asking for it could never be approved (DI2 is the sponsor's, no self-approval).
    await actAs(m.sponsorId!);
    await expect(api.call('gates:request', { measureId: m.id, toLevel: 2 })).rejects.toMatchObject({ body: { message: expect.stringMatching(/^Nobody could approve this request/) } });
    await actAs(m.ownerId!);
    await api.call('gates:request', { measureId: m.id, toLevel: 2, comment: 'Plan agreed in the workshop' });

    await page.getByRole('button', { name: 'Approvals', exact: true }).click();
    const row = page.getByTestId('inbox-row').filter({ hasText: m.code });
    await see.contains(row.getByTestId('inbox-requester'), `${name(m.ownerId)} (entered by ${facilitator.name} for ${name(m.ownerId)})`);

    // The sponsor says yes; the facilitator enters it for her.
    await actAs(m.sponsorId!);
    await row.getByRole('button', { name: 'Open' }).click();
    const panel = page.getByTestId('gate-panel');
    const pending = panel.getByTestId('pending-request');
    await see.contains(pending, `Requested by ${name(m.ownerId)} (entered by ${facilitator.name} for ${name(m.ownerId)})`);
    await page.screenshot({ path: join(ARTIFACTS, 'entered-by-request.png') });
    await panel.getByRole('button', { name: 'Approve' }).click();
    await see.contains(panel.getByTestId('gate-level'), 'DI2');
    await page.getByRole('button', { name: 'Close gate panel' }).click();

    // The measure's history: the level change was entered by the facilitator for the sponsor.
    await page.getByRole('button', { name: 'Measures', exact: true }).click();
    await see.visible(await showCell(page, m.id, 'code'));
    await page.getByRole('button', { name: `Open details of ${m.code}` }).click();
    const details = page.getByRole('complementary', { name: `Details of ${m.code}` });
    const history = details.getByRole('list', { name: 'Changes' });
    await details.getByLabel('History of field').selectOption('DI level');
    await see.contains(history, 'DI level: 1 → 2');
    await see.contains(history.locator('li').first().getByTestId('history-author'), `${name(m.sponsorId)} (entered by ${facilitator.name} for ${name(m.sponsorId)})`);
    while ((await page.getByRole('button', { name: 'Dismiss' }).count()) > 0) await page.getByRole('button', { name: 'Dismiss' }).first().click();
    await history.screenshot({ path: join(ARTIFACTS, 'entered-by-history.png') });
  }, 120_000);
});
