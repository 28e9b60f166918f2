import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ARTIFACTS, openApp, see, type Session } from './harness.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('service KPIs', () => {
  it('adds a KPI to a measure, a typed actual turns it amber, and the dashboard panel and the pack section show it', async () => {
    s = await openApp({ workspace: 'demo', viewport: { width: 1440, height: 900 } });
    const { page, api } = s;
    const today = (await api.call('app:info', {})).today;
    const month = today.slice(0, 7);
    const [y, m0] = month.split('-').map(Number) as [number, number];
    const next = m0 === 12 ? `${y + 1}-01` : `${y}-${String(m0 + 1).padStart(2, '0')}`;
    const m = (await api.call('measures:list', {})).find((x) => x.title === 'Weekly operations scorecard')!;

    // The grid draws only the rows in view: find the measure first.
    await page.getByLabel('Search measures').fill(m.title);
    await page.getByRole('button', { name: `Open details of ${m.code}` }).click();
    const section = page.getByTestId('kpi-section');
    await see.contains(section.getByTestId('kpi-status'), 'no KPI');
    await section.getByRole('button', { name: '+ KPI' }).click();
    await section.getByLabel('KPI name').fill('Backlog age');
    await section.getByLabel('KPI unit').fill('days');
    await section.getByLabel('KPI direction').selectOption('lower');
    await section.getByLabel('KPI target').fill('3');
    await section.getByLabel('KPI amber threshold').fill('5');
    // Red on the wrong side of amber is refused with the reason; nothing is added.
    await section.getByLabel('KPI red threshold').fill('4');
    await section.getByRole('button', { name: 'Add KPI' }).click();
    await see.contains(section.getByRole('alert'), 'the red threshold (4) is on the wrong side of amber (5)');
    expect(await api.call('kpi:list', { measureId: m.id })).toEqual([]);
    await section.getByLabel('KPI red threshold').fill('8');
    await section.getByRole('button', { name: 'Add KPI' }).click();
    const item = section.getByTestId('kpi-backlog_age');
    await see.contains(item, 'Not reported');

    // An actual for next month is refused, the typed value stays; this month's 4 days is green, 6 days amber.
    await item.getByLabel('Backlog age month').fill(next);
    await item.getByLabel('Backlog age actual').fill('4');
    await item.getByRole('button', { name: 'Save actual' }).click();
    await see.contains(section.getByRole('alert'), `${next} is in the future`);
    expect(await item.getByLabel('Backlog age actual').inputValue()).toBe('4');
    await item.getByLabel('Backlog age month').fill(month);
    await item.getByRole('button', { name: 'Save actual' }).click();
    await see.contains(item, 'Green');
    await item.getByLabel('Backlog age actual').fill('6');
    await item.getByRole('button', { name: 'Save actual' }).click();
    await see.contains(item, 'Amber');
    await see.contains(section.getByTestId('kpi-status'), 'Amber');
    await section.screenshot({ path: join(ARTIFACTS, 'kpi-detail.png') });

    // The dashboard's Service KPIs panel: the ten figures and the KPI, amber.
    await page.getByRole('button', { name: 'Dashboard', exact: true }).click();
    const panel = page.getByTestId('service-kpis');
    await see.contains(panel, 'Service launch readiness');
    const k = (await api.call('kpi:list', { measureId: m.id }))[0]!;
    await see.contains(panel.getByTestId(`kpi-row-${k.id}`), 'Amber');
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'kpi-dashboard.png') });
    expect(await panel.locator('.kpi-figure').count()).toBe(10);

    // The pack's Service KPIs section shows it.
    await page.getByRole('button', { name: 'Steering pack' }).click();
    const kpiPage = page.locator('.pack-page', { has: page.locator('h2', { hasText: 'Service KPIs' }) }).first();
    await see.visible(kpiPage);
    await see.contains(kpiPage, 'Backlog age');
    await see.contains(kpiPage, 'Open decision count');
    await kpiPage.scrollIntoViewIfNeeded();
    await kpiPage.screenshot({ path: join(ARTIFACTS, 'kpi-pack.png') });
    const row = kpiPage.locator('tr', { hasText: 'Backlog age' });
    await see.contains(row, 'Amber');
  });
});
