import { afterEach, describe, expect, it } from 'vitest';
import { formatDay } from '../preload/contract.js';
import { ARTIFACTS, cell, editCell, openApp, see, type Session, showCell } from './harness.js';

// One date format from the user's locale everywhere: every date is shown by one formatter
// (preload/contract/parse.ts formatDay) and typed in the same format, read by the one parser;
// what it cannot read is refused at the field with the reason, the typed text kept.
let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const CASES = [
  { locale: 'en-US', bad: '31/12/2099', reason: 'is not a date in en-US (month/day/year, 12/31/2026): there is no month 31' },
  { locale: 'en-GB', bad: '12/31/2099', reason: 'is not a date in en-GB (day/month/year, 31/12/2026): there is no month 31' },
  { locale: 'de-DE', bad: '12/31/2099', reason: 'is not a date in de-DE (day.month.year, 31.12.2026): there is no month 31' },
];

describe.each(CASES)('dates in $locale', ({ locale, bad, reason }) => {
  it('shows every date in the locale, reads what is typed in it and refuses the rest at the field', async () => {
    s = await openApp({ workspace: 'demo', viewport: { width: 1440, height: 900 }, locale });
    const { page, api } = s;
    const shown = (iso: string) => formatDay(iso, locale);
    const m = (await api.call('measures:list', {})).find((x) => x.startDate && x.dueDate)!;

    // The grid's date columns and the detail panel show the locale's format.
    await see.text(await showCell(page, m.id, 'dueDate'), shown(m.dueDate!));
    await see.text(await showCell(page, m.id, 'startDate'), shown(m.startDate!));
    await page.getByRole('button', { name: `Open details of ${m.code}` }).click();
    const panel = page.getByRole('complementary', { name: `Details of ${m.code}` });
    await expect.poll(() => panel.getByLabel('Due date', { exact: true }).inputValue()).toBe(shown(m.dueDate!));
    // Typed in the grid in the locale's format; the history shows the new day the same way.
    await editCell(page, m.id, 'dueDate', shown('2099-11-30'));
    await expect.poll(async () => (await api.call('measures:get', { id: m.id })).dueDate).toBe('2099-11-30');
    await see.text(cell(page, m.id, 'dueDate'), shown('2099-11-30'));
    await expect.poll(() => panel.getByLabel('Due date', { exact: true }).inputValue()).toBe(shown('2099-11-30'));
    await see.contains(panel.getByRole('list', { name: 'Changes' }), `→ ${shown('2099-11-30')}`);
    await page.getByRole('button', { name: 'Close details' }).click();

    // Meetings: a new meeting's date typed in the locale; an unreadable one refused at the field.
    await page.getByRole('button', { name: 'Meetings', exact: true }).click();
    const before = (await api.call('meetings:list', {})).length;
    await page.getByLabel('New meeting title').fill('Steering committee #9');
    const date = page.getByLabel('New meeting date', { exact: true });
    await date.fill(bad);
    await page.getByRole('button', { name: '+ New meeting' }).click();
    await see.contains(page.locator('.new-meeting .error-text'), `"${bad}" ${reason}`);
    expect(await date.inputValue()).toBe(bad);
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    expect((await api.call('meetings:list', {})).length).toBe(before);
    await page.screenshot({ path: `${ARTIFACTS}/dates-refused-meeting-${locale}.png` });
    await date.fill(shown('2099-12-01'));
    await see.count(page.locator('.new-meeting .error-text'), 0);
    await page.getByRole('button', { name: '+ New meeting' }).click();
    await expect.poll(async () => (await api.call('meetings:list', {})).find((x) => x.title === 'Steering committee #9')?.date).toBe('2099-12-01');
    const list = page.getByLabel('Meetings', { exact: true });
    await see.contains(list, shown('2099-12-01'));
    await list.getByRole('button', { name: /Steering committee #9/ }).click();
    await expect.poll(() => page.getByLabel('Meeting date', { exact: true }).inputValue()).toBe(shown('2099-12-01'));

    // An action's due date: the same field, the same parser; the list shows it formatted.
    const actions = page.getByTestId('meeting-actions');
    await actions.getByLabel('Action', { exact: true }).fill('Confirm the billing fallback');
    await actions.getByLabel('Action owner').selectOption({ index: 1 });
    await actions.getByLabel('Action due date', { exact: true }).fill(bad);
    await actions.getByRole('button', { name: '+ Add action' }).click();
    await see.contains(actions.locator('.error-text'), reason);
    expect(await actions.getByLabel('Action due date', { exact: true }).inputValue()).toBe(bad);
    await actions.getByLabel('Action due date', { exact: true }).fill(shown('2099-12-15'));
    await actions.getByRole('button', { name: '+ Add action' }).click();
    await see.contains(actions.getByTestId('action').filter({ hasText: 'Confirm the billing fallback' }), shown('2099-12-15'));
    await page.screenshot({ path: `${ARTIFACTS}/dates-meetings-${locale}.png` });

    // The pack writes its dates the same way (head, milestones, actions).
    await page.getByRole('button', { name: 'Steering pack' }).click();
    const today = (await api.call('app:info', {})).today;
    await see.contains(page.locator('.pack-page .pack-head').first(), shown(today));
    const pack = await api.call('pack:build', { locale });
    const milestones = pack.sections.find((x) => x.key === 'milestones');
    const cells = JSON.stringify(milestones?.blocks ?? []);
    expect(cells).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(cells).toContain(shown(today));
  });
});
