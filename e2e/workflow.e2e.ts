import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ARTIFACTS, openApp, see, type Session } from './harness.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('service workflows', () => {
  it('creates a measure from a template, ticks its checklist with evidence, and the gate refuses until it is done', async () => {
    s = await openApp({ workspace: 'demo', viewport: { width: 1440, height: 900 } });
    const { page, api } = s;
    const db = api.session.db();
    const pkg = db.prepare("SELECT id, name FROM nodes WHERE level = 'package' AND deleted = 0 ORDER BY sort_order LIMIT 1").get() as { id: string; name: string };
    const people = await api.call('people:list', {});
    const id = (name: string) => people.find((p) => p.name === name)!.id;
    const actAs = async (name: string) => {
      await page.getByLabel('Acting as').selectOption({ label: name });
      await expect.poll(async () => (await api.call('app:info', {})).workspace?.actorId).toBe(id(name));
    };

    // "+ Add measure ▾": a measure of the Customer onboarding template, in the selected package.
    await page.getByRole('treeitem').filter({ hasText: pkg.name }).first().click();
    await page.getByRole('button', { name: 'Add a measure from a template' }).click();
    await page.getByRole('menu', { name: 'Templates' }).screenshot({ path: join(ARTIFACTS, 'workflow-template-menu.png') });
    await page.getByRole('menuitem', { name: /Customer onboarding/ }).click();
    await expect.poll(async () => (await api.call('templates:links', {})).filter((l) => l.templateKey === 'customer_onboarding').length).toBe(3);
    const m = (await api.call('measures:list', {})).find((x) => x.title === 'New customer onboarding')!;
    const section = page.getByTestId('workflow-section');
    await see.contains(section, 'Sales handoff approval');
    await expect.poll(() => section.getByLabel('Workflow template').inputValue()).toBe('customer_onboarding');

    // Set up the gate so only the template's DI2 requirements are left: the measure at DI1 with a sponsor.
    await api.call('gates:updateLevel', { level: 2, criteria: [] });
    db.prepare('UPDATE measures SET di_level = 1 WHERE id = ?').run(m.id);
    await api.call('measures:update', { id: m.id, patch: { sponsor: id('Hanna Berg') } });
    await actAs('Aisha Khan');

    // The gate refuses with the template's checklist and fields.
    await section.getByRole('button', { name: 'Open gate panel' }).click();
    const panel = page.getByTestId('gate-panel');
    await see.contains(panel.getByTestId('gate-template'), 'Customer onboarding');
    await see.contains(panel.getByTestId('criterion-check:sales_handoff'), '✗');
    await panel.getByRole('button', { name: 'Request DI2' }).click();
    await see.contains(page.getByRole('alert').last(), 'DI2 needs: Checklist: Sales handoff approval (not ticked yet), Launch date (empty)');
    expect((await api.call('gates:status', { measureId: m.id })).pending).toBeNull();
    await page.getByRole('button', { name: 'Close gate panel' }).click();

    // A date the field cannot read is refused with the reason and stays typed; a good one is kept.
    const launch = section.getByLabel('Launch date');
    await launch.fill('2027-02-30');
    await launch.press('Enter');
    await see.contains(section.getByRole('alert'), 'Launch date: "2027-02-30" is not a day: February 2027 has 28 days');
    expect(await launch.inputValue()).toBe('2027-02-30');
    await launch.fill('2027-06-30');
    await launch.press('Enter');
    await expect.poll(async () => (await api.call('templates:measure', { measureId: m.id })).fields.find((f) => f.key === 'launch_date')?.value).toBe('2027-06-30');

    // Only the commercial owner ticks the sales handoff, and only with evidence.
    const handoff = section.getByTestId('check-sales_handoff');
    await expect.poll(() => handoff.getByRole('button', { name: 'Tick' }).isDisabled()).toBe(true);
    await actAs('Marco Rossi');
    await expect.poll(() => handoff.getByRole('button', { name: 'Tick' }).isDisabled()).toBe(false);
    await handoff.getByRole('button', { name: 'Tick' }).click();
    await see.contains(section.getByRole('alert'), '"Sales handoff approval" needs evidence');
    await handoff.getByLabel('Evidence for Sales handoff approval').fill('Handoff call with the account team, minutes in the CRM');
    await handoff.getByRole('button', { name: 'Tick' }).click();
    await see.contains(handoff, 'ticked by Marco Rossi');
    await see.contains(handoff, 'Handoff call with the account team');
    await page.getByRole('complementary', { name: `Details of ${m.code}` }).screenshot({ path: join(ARTIFACTS, 'workflow-detail.png') });

    // Now the gate takes the request.
    await actAs('Aisha Khan');
    await section.getByRole('button', { name: 'Open gate panel' }).click();
    await see.contains(panel.getByTestId('criterion-check:sales_handoff'), '✓');
    await panel.getByRole('button', { name: 'Request DI2' }).click();
    await see.contains(panel.getByTestId('pending-request'), 'waiting for');
    await page.screenshot({ path: join(ARTIFACTS, 'workflow-gate.png') });
    expect((await api.call('gates:status', { measureId: m.id })).pending?.toLevel).toBe(2);
  });
});
