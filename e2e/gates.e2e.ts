import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runAction } from '../db/changes.js';
import { ARTIFACTS, cell, openApp, see, type Session, showColumn, showCell } from './harness.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('stage gates', () => {
  it('requests DI3 with evidence, is approved by sponsor and controller, and shows the level change and history', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const people = await api.call('people:list', {});
    const name = (id: string | null) => people.find((p) => p.id === id)!.name;
    const m = (await api.call('measures:list', {})).find(
      (x) => x.diLevel === 2 && x.lifecycle === 'active' && x.controllerId && new Set([x.ownerId, x.sponsorId, x.controllerId]).size === 3,
    )!;
    const actAs = async (id: string | null) => {
      await page.getByLabel('Acting as').selectOption({ label: name(id) });
      await expect.poll(async () => (await api.call('app:info', {})).workspace?.actorId).toBe(id);
    };

    // The grid's "Next gate" column says what is missing; clicking it opens the gate panel.
    await showColumn(page, 'nextGate');
    await see.contains(cell(page, m.id, 'nextGate'), 'DI3: 0/2');
    await (await showCell(page, m.id, 'nextGate')).locator('button').click();
    const panel = page.getByTestId('gate-panel');
    await see.contains(panel.getByTestId('criterion-business_case_validated'), '✗');

    // A request with missing criteria is refused with the list.
    await actAs(m.ownerId);
    await panel.getByRole('button', { name: 'Request DI3' }).click();
    await see.contains(page.getByRole('alert').last(), 'DI3 needs: Business case validated by controller');
    expect((await api.call('gates:status', { measureId: m.id })).pending).toBeNull();

    // The owner may not confirm the business case; the controller can.
    await actAs(m.controllerId);
    await panel.getByTestId('criterion-business_case_validated').getByRole('button', { name: 'Confirm' }).click();
    await see.contains(panel.getByTestId('criterion-business_case_validated'), `confirmed by ${name(m.controllerId)}`);
    await actAs(m.ownerId);
    await panel.getByTestId('criterion-approval_recommendation').getByRole('button', { name: 'Confirm' }).click();
    await see.contains(panel.getByTestId('criterion-approval_recommendation'), '✓');
    await showColumn(page, 'nextGate');
    await see.contains(cell(page, m.id, 'nextGate'), 'Ready for DI3');

    // Request with a comment and a file as evidence.
    await panel.getByLabel('Request comment').fill('Business case signed off by finance');
    await panel.getByRole('region', { name: 'Next gate' }).getByLabel('Attach evidence file').setInputFiles({ name: 'business-case.txt', mimeType: 'text/plain', buffer: Buffer.from('NPV 1.2m') });
    await see.contains(panel.getByLabel('Evidence to attach'), 'business-case.txt');
    await panel.getByRole('button', { name: 'Request DI3' }).click();
    const pending = panel.getByTestId('pending-request');
    await see.contains(pending, `waiting for ${name(m.sponsorId)}`);
    await see.contains(pending, 'business-case.txt');
    await showColumn(page, 'nextGate');
    await see.contains(cell(page, m.id, 'nextGate'), 'DI3 requested');

    // The approvals inbox lists it with whom it waits for and its age.
    await page.getByRole('button', { name: 'Close gate panel' }).click();
    await page.getByRole('button', { name: 'Approvals', exact: true }).click();
    await see.contains(page.getByTestId('inbox-row').filter({ hasText: m.code }), name(m.sponsorId));
    await page.getByTestId('inbox-row').filter({ hasText: m.code }).getByRole('button', { name: 'Open' }).click();

    // Someone without the role is refused; sponsor then controller approve.
    const outsider = people.find((p) => ![m.ownerId, m.sponsorId, m.controllerId].includes(p.id) && !p.roles.includes('finance_controller'))!;
    await page.getByLabel('Acting as').selectOption({ label: outsider.name });
    await panel.getByRole('button', { name: 'Approve' }).click();
    await see.contains(page.getByRole('alert').last(), 'not an approver');
    await actAs(m.sponsorId);
    await panel.getByLabel('Decision comment').fill('Go');
    await panel.getByRole('button', { name: 'Approve' }).click();
    await see.contains(pending, `approved by ${name(m.sponsorId)}`);
    await actAs(m.controllerId);
    await panel.getByRole('button', { name: 'Approve' }).click();

    // The level changed, in the panel and the grid; the history keeps who approved, with the evidence.
    await see.text(panel.getByTestId('gate-level'), 'DI3 Decided');
    await page.getByRole('button', { name: 'Measures', exact: true }).click();
    await showColumn(page, 'diLevel');
    await see.contains(cell(page, m.id, 'diLevel'), 'DI3');
    const history = panel.getByTestId('gate-history');
    await see.contains(history, 'DI2 → DI3 approved');
    await see.contains(history, `${name(m.sponsorId)} approved`);
    await see.contains(history, 'business-case.txt');
    await page.screenshot({ path: join(ARTIFACTS, 'gates.png') });
    expect((await api.call('measures:get', { id: m.id })).diLevel).toBe(3);
  });

  it('puts a measure on hold with reason and review date, and refuses evidence over the limit', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const people = await api.call('people:list', {});
    const m = (await api.call('measures:list', {})).find((x) => x.lifecycle === 'active' && x.diLevel === 3 && x.sponsorId)!;
    await api.call('gates:updateSettings', { evidenceMaxBytes: 1024 });
    runAction(api.session.db(), { actor: 'test', label: 'milestones' }, (w) => {
      w.insert('milestones', { measure_id: m.id, title: 'Go live', due_date: '2026-06-30', done: 0 });
    });
    // The demo may already plan milestones for this measure; the open one above is not done.
    const ms = api.session.db().prepare('SELECT count(*) AS n, sum(done) AS d FROM milestones WHERE measure_id = ? AND deleted = 0').get(m.id) as { n: number; d: number };
    await page.getByLabel('Acting as').selectOption({ label: people.find((p) => p.id === m.sponsorId)!.name });
    await (await showCell(page, m.id, 'nextGate')).locator('button').click();
    const panel = page.getByTestId('gate-panel');
    await see.contains(panel.getByTestId('criterion-all_milestones_done'), `${ms.d} of ${ms.n} done`);

    await panel.getByRole('region', { name: 'Measure evidence' }).getByLabel('Attach evidence file').setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(4096, 7) });
    await panel.getByRole('button', { name: 'Save evidence' }).click();
    await see.contains(page.getByRole('alert').last(), 'evidence files may be at most');
    expect((await api.call('gates:status', { measureId: m.id })).evidence).toHaveLength(0);

    // A file within the limit is stored and opens (downloads) from the workspace.
    await api.call('gates:updateSettings', { evidenceMaxBytes: 1024 * 1024 });
    await panel.getByRole('region', { name: 'Measure evidence' }).getByLabel('Attach evidence file').setInputFiles({ name: 'minutes.txt', mimeType: 'text/plain', buffer: Buffer.from('SteerCo minutes') });
    await panel.getByRole('button', { name: 'Save evidence' }).click();
    const evidence = panel.getByRole('region', { name: 'Measure evidence' }).getByRole('list', { name: 'Evidence' });
    await see.contains(evidence, 'minutes.txt');
    const [download] = await Promise.all([page.waitForEvent('download'), evidence.getByRole('button', { name: /minutes.txt/ }).click()]);
    expect(download.suggestedFilename()).toBe('minutes.txt');

    await panel.getByRole('button', { name: 'Put on hold' }).click();
    await panel.getByLabel('Reason').fill('Budget freeze until Q3');
    await panel.getByLabel('Review date', { exact: true }).fill('09/01/2026');
    await panel.getByRole('button', { name: 'Put on hold' }).last().click();
    await see.contains(panel, 'On hold');
    await see.contains(panel, 'Budget freeze until Q3 (review 09/01/2026)');
    await showColumn(page, 'lifecycle');
    await see.contains(cell(page, m.id, 'lifecycle'), 'On hold');
  });
});

describe('gate configuration and methods', () => {
  it('changes criteria, approvers and names without code, saves the method and starts a new workspace from it', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    await page.getByRole('button', { name: 'Gates', exact: true }).click();
    await page.getByLabel('DI3 criterion Approval recommendation').click();
    await expect.poll(async () => (await api.call('gates:config', {})).levels[3]!.criteria).toEqual(['business_case_validated']);
    await page.getByLabel('DI3 approver Steering committee sponsor').click();
    await expect.poll(async () => (await api.call('gates:config', {})).levels[3]!.approverRoles).toEqual(['sponsor', 'controller', 'steering_sponsor']);
    await page.getByLabel('Name of DI3').fill('Committed');
    await page.getByLabel('Risk weight of DI3').click();
    await page.getByLabel('Risk weight of DI3').fill('60');
    await page.getByLabel('Name of DI3').click();
    await expect.poll(async () => (await api.call('gates:config', {})).levels[3]).toMatchObject({ name: 'Committed', riskWeightPct: 60 });
    // Refusal: a gate without approvers.
    await page.getByLabel('DI1 approver Sponsor of the measure').click();
    await see.contains(page.getByRole('alert').last(), 'a gate needs at least one approver role');
    expect((await api.call('gates:config', {})).levels[1]!.approverRoles.length).toBeGreaterThan(0);

    // The grid's column follows the new criteria.
    await page.getByRole('button', { name: 'Measures', exact: true }).click();
    const m = (await api.call('measures:list', {})).find((x) => x.diLevel === 2 && x.lifecycle === 'active')!;
    await showColumn(page, 'nextGate');
    await see.contains(cell(page, m.id, 'nextGate'), 'DI3: 0/1');

    // Save the method, then start a new workspace from it.
    await page.getByRole('button', { name: 'Gates', exact: true }).click();
    await page.getByRole('button', { name: 'Save method…' }).click();
    const methodPath = join(s.dir, 'northwind-method.json');
    await page.getByRole('dialog').getByRole('textbox').fill(methodPath);
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => existsSync(methodPath)).toBe(true);
    await page.getByRole('button', { name: 'New workspace from method…' }).click();
    await page.getByLabel('Method file').fill(methodPath);
    const newPath = join(s.dir, 'next-client.steerco');
    await page.getByLabel('New workspace file').fill(newPath);
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    await see.contains(page.locator('.ws-name'), 'next-client');
    await see.visible(page.getByLabel('Name of DI3'));
    expect(await page.getByLabel('Name of DI3').inputValue()).toBe('Committed');
    expect((await api.call('measures:list', {})).length).toBe(0);
    expect((await api.call('gates:config', {})).levels[3]).toMatchObject({ name: 'Committed', riskWeightPct: 60, criteria: ['business_case_validated'] });
  });
});
