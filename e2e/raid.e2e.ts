import { afterEach, describe, expect, it } from 'vitest';
import { cell, editCell, openApp, see, type Session, showCell, showColumn } from './harness.js';
import { today } from '../db/clock.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('RAID, dependencies, escalations, meetings', () => {
  it('creates a dependency, makes the upstream late, and sees the downstream flagged and the escalation raised', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const all = await api.call('measures:list', {});
    // An upstream on track today, waiting on nothing, and a downstream not blocked yet
    // (statuses are derived and true, so which demo measures these are depends on the day).
    const day = today();
    let up: (typeof all)[number] | undefined;
    let down: (typeof all)[number] | undefined;
    for (const m of all) {
      if (m.lifecycle !== 'active') continue;
      const d = await api.call('deps:forMeasure', { measureId: m.id });
      if (d.blockedBy) continue;
      const onTrack = m.diLevel < 4 && !!m.dueDate && m.dueDate >= day && m.implementationStatus !== 'red' && d.waitsOn.length === 0;
      if (!up && onTrack) up = m;
      else if (!down) down = m;
      if (up && down) break;
    }
    expect(down).toBeTruthy();
    expect(up).toBeTruthy();
    if (!up || !down) return;

    // From the measures grid, the RAID link opens the measure's dependencies and decisions.
    const first = all[0]!;
    await (await showCell(page, first.id, 'raid')).getByRole('button').click();
    await see.contains(page.locator('.deps-panel h2'), first.code);

    await page.getByLabel('Focus measure').selectOption(down.id);
    await see.contains(page.locator('.deps-panel h2'), down.code);
    await page.getByLabel('Upstream measure').fill(up.code);
    await page.getByRole('button', { name: 'Add dependency' }).click();
    await see.contains(page.getByTestId('waits-on'), `${up.code} ${up.title}`);
    await see.count(page.getByTestId('blocked-by'), 0);
    expect((await api.call('deps:forMeasure', { measureId: down.id })).waitsOn.map((l) => l.measure?.code)).toEqual([up.code]);

    // A cycle is refused with the reason; nothing is written.
    await page.getByLabel('Focus measure').selectOption(up.id);
    await see.contains(page.locator('.deps-panel h2'), up.code);
    await page.getByLabel('Upstream measure').fill(down.code);
    await page.getByRole('button', { name: 'Add dependency' }).click();
    await see.contains(page.getByRole('alert').last(), 'would make a cycle');
    expect((await api.call('deps:forMeasure', { measureId: up.id })).waitsOn).toEqual([]);

    // Make the upstream late in the measures grid.
    await page.getByRole('button', { name: 'Measures', exact: true }).click();
    await page.getByLabel('Search measures').fill(up.title);
    await see.visible(await showCell(page, up.id, 'startDate'));
    await editCell(page, up.id, 'startDate', '2020-01-01');
    await showColumn(page, 'startDate');
    await see.text(cell(page, up.id, 'startDate'), '01/01/2020');
    await editCell(page, up.id, 'dueDate', '2020-06-30');
    await showColumn(page, 'dueDate');
    await see.text(cell(page, up.id, 'dueDate'), '06/30/2020');

    // The downstream measure is flagged, and the escalation appears.
    await page.getByRole('button', { name: 'RAID', exact: true }).click();
    await page.getByLabel('Focus measure').selectOption(down.id);
    await see.contains(page.getByTestId('blocked-by'), `waits on ${up.code}`);
    await see.contains(page.getByTestId('waits-on'), 'Late');
    await page.getByRole('button', { name: /^Escalations/ }).click();
    await see.contains(page.getByRole('table', { name: 'Escalations' }), `${down.code} waits on ${up.code}`);
  });

  it('records a decision in the next meeting and finds it from the measure; refuses an action without owner', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const m = (await api.call('measures:list', {})).find((x) => x.title === 'Contract approval workflow')!;
    await page.getByRole('button', { name: 'Meetings', exact: true }).click();
    await see.contains(page.locator('.meeting-detail'), 'Attendees');
    await expect.poll(() => page.getByLabel('Meeting title', { exact: true }).inputValue()).toBe('Steering committee #5');
    // Last meeting's open actions are listed for follow-up.
    await see.contains(page.getByTestId('follow-up'), 'Raise contractor requisitions for the night shift');
    await see.contains(page.getByTestId('follow-up'), 'Overdue');

    await page.getByLabel('Decision', { exact: true }).fill('Approve DI3 for the contract approval workflow');
    await page.getByLabel('Decided by').fill('Hanna Berg');
    await page.getByLabel('Linked codes').fill(m.code);
    await page.getByRole('button', { name: 'Record decision' }).click();
    await see.contains(page.getByTestId('meeting-decisions'), 'Approve DI3 for the contract approval workflow');

    // The decision log is searchable across meetings.
    await page.getByLabel('Search decisions').fill('contract approval');
    await see.count(page.getByTestId('logged-decision'), 1);
    await page.getByLabel('Search decisions').fill('night shift');
    await see.contains(page.getByTestId('logged-decision').first(), 'contractor positions');
    await page.getByLabel('Search decisions').fill('');

    // An action without owner is refused; nothing is added.
    const before = (await api.call('actions:list', {})).length;
    await page.getByLabel('Action', { exact: true }).fill('Send DI3 pack to the controller');
    await page.getByRole('button', { name: '+ Add action' }).click();
    await see.contains(page.getByRole('alert').last(), 'An action needs an owner');
    expect((await api.call('actions:list', {})).length).toBe(before);
    await page.getByLabel('Action owner').selectOption({ label: 'Sofia Almeida' });
    await page.getByRole('button', { name: '+ Add action' }).click();
    await see.contains(page.getByTestId('meeting-actions'), 'Send DI3 pack to the controller');

    // From the measure: its decisions.
    await page.getByRole('button', { name: 'Measures', exact: true }).click();
    await page.getByLabel('Search measures').fill('Contract approval workflow');
    await (await showCell(page, m.id, 'raid')).getByRole('button').click();
    await see.contains(page.getByTestId('measure-decisions'), 'Approve DI3 for the contract approval workflow');

    // A closed meeting takes no more decisions.
    await page.getByRole('button', { name: 'Meetings', exact: true }).click();
    await page.getByRole('button', { name: /Steering committee #3/ }).click();
    await see.contains(page.getByTestId('meeting-decisions'), 'its minutes are final');
    await see.count(page.getByRole('button', { name: 'Record decision' }), 0);
  });

  it('holding a meeting in the Meetings tab freezes its steering pack (one undo step)', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    await page.getByRole('button', { name: 'Meetings', exact: true }).click();
    await expect.poll(() => page.getByLabel('Meeting title', { exact: true }).inputValue()).toBe('Steering committee #5');
    const meeting = (await api.call('pack:meetings', {})).find((x) => x.title === 'Steering committee #5')!;
    expect((await api.call('pack:snapshots', {})).filter((x) => x.meetingId === meeting.id)).toEqual([]);
    await page.getByLabel('Meeting status').selectOption('held');
    // Nothing is written for this meeting yet: the empty texts are listed first.
    await page.getByRole('dialog').getByRole('button', { name: 'Freeze with these empty' }).click();
    await see.contains(page.getByRole('status').last(), 'Meeting held: its steering pack is frozen');
    await expect.poll(async () => (await api.call('pack:snapshots', {})).filter((x) => x.meetingId === meeting.id).length).toBe(1);
    await expect.poll(() => page.getByLabel('Meeting status').inputValue()).toBe('held');
    // One Ctrl+Z undoes both.
    await page.locator('.meeting-detail h2, .meeting-detail').first().click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByLabel('Meeting status').inputValue()).toBe('planned');
  });

  it('edits the RAID log in its grid with refusals in the cell, flags, and undo', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const items = await api.call('raid:list', {});
    const r = items.find((x) => x.code === 'R-0001')!;
    const late = items.find((x) => x.code === 'R-0002')!;
    await page.getByRole('button', { name: 'RAID', exact: true }).click();
    await see.visible(await showCell(page, r.id, 'impact'));
    await showColumn(page, 'flags');
    await see.contains(cell(page, late.id, 'flags'), 'Overdue');
    await showColumn(page, 'flags');
    await see.contains(cell(page, late.id, 'flags'), 'Stale');
    await see.contains(page.getByTestId('raid-count'), 'overdue');

    await editCell(page, r.id, 'impact', 'huge');
    await see.contains(page.getByRole('alert').last(), 'is not one of low, medium, high, critical');
    await showColumn(page, 'impact');
    await see.cls(cell(page, r.id, 'impact'), /cell-error/);
    expect((await api.call('raid:list', {})).find((x) => x.id === r.id)!.impact).toBe('critical');

    await editCell(page, r.id, 'status', 'mitigated');
    await showColumn(page, 'status');
    await see.text(cell(page, r.id, 'status'), 'mitigated');
    await editCell(page, r.id, 'owner', 'Priya Nair');
    await showColumn(page, 'owner');
    await see.text(cell(page, r.id, 'owner'), 'Priya Nair');
    await page.locator('.ag-header').first().click();
    await page.keyboard.press('Control+z');
    await showColumn(page, 'owner');
    await see.text(cell(page, r.id, 'owner'), r.owner!);

    // A new item starts on the focused measure.
    await page.getByRole('button', { name: '+ Add risk' }).click();
    await expect.poll(async () => (await api.call('raid:list', {})).length).toBe(items.length + 1);
  });
});
