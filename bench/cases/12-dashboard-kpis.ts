/**
 * dashboard-kpis: the Dashboard tab with its Service KPIs panel on 20k measures (480k period
 * values, 2,000 KPIs with three months of actuals, 2,000 workflow measures with fields and
 * ticks) — click on the tab until the five answers, the three charts and the ten service
 * figures are drawn — vs the same clicks until only the five answers and the charts are
 * drawn (the dashboard paint before the panel): the panel may add at most half of it.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { runAction } from '../../db/changes.js';
import type { Database } from '../../db/connection.js';
import { currentPeriod } from '../../db/clock.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../../e2e/harness.js';
import { seedTemplates } from '../../main/api/templates.js';
import { rederive } from '../../main/api/value-status.js';
import { startHost } from '../../main/host/server.js';
import { median, type BenchCase, type BenchContext, type Measurement } from '../harness.js';
import { seedValues } from './05-value-rollup.js';

const RUNS = 5;

function month(offset: number): string {
  const [y, m] = currentPeriod().split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + offset, 1)).toISOString().slice(0, 7);
}

/** KPIs on every tenth measure and templates on another tenth, written below the app (raw SQL) like the values. */
export function seedKpis(db: Database): { kpis: number; workflows: number } {
  runAction(db, { actor: 'bench', label: 'templates', undoable: false }, (w) => seedTemplates(w, db));
  const ids = (db.prepare('SELECT id FROM measures WHERE deleted = 0 ORDER BY rowid').all() as { id: string }[]).map((r) => r.id);
  const tpl = (key: string) => (db.prepare('SELECT id FROM templates WHERE key = ?').get(key) as { id: string }).id;
  const onboarding = tpl('customer_onboarding');
  const desk = tpl('service_desk');
  const kpi = db.prepare("INSERT INTO kpis (id, key, name, measure_id, unit, direction, baseline, target, amber, red) VALUES (?, ?, ?, ?, '%', 'higher', 88, 95, 93, 90)");
  const actual = db.prepare('INSERT INTO kpi_actuals (id, kpi_id, period, value) VALUES (?, ?, ?, ?)');
  const link = db.prepare('INSERT INTO measure_templates (id, measure_id, template_id) VALUES (?, ?, ?)');
  const value = db.prepare('INSERT INTO template_values (id, measure_id, field_key, value) VALUES (?, ?, ?, ?)');
  const check = db.prepare("INSERT INTO template_checks (id, measure_id, item_key, done, at) VALUES (?, ?, ?, 1, '2026-01-01T00:00:00Z')");
  let kpis = 0;
  let workflows = 0;
  db.transaction(() => {
    ids.forEach((m, i) => {
      if (i % 10 === 0) {
        const id = `k-${i}`;
        kpi.run(id, i % 20 === 0 ? 'sla_attainment' : 'first_contact_resolution', i % 20 === 0 ? 'SLA attainment' : 'First-contact resolution', m);
        for (let p = -2; p <= 0; p++) actual.run(`${id}:${month(p)}`, id, month(p), 86 + ((i + p) % 12));
        kpis++;
      }
      if (i % 10 === 5) {
        const onb = i % 20 === 5;
        link.run(m, m, onb ? onboarding : desk);
        if (onb) {
          value.run(`${m}:go_no_go`, m, 'go_no_go', i % 3 === 0 ? 'Go' : 'Pending');
          check.run(`${m}:sales_handoff`, m, 'sales_handoff');
        } else value.run(`${m}:sla_risk`, m, 'sla_risk', ['Low', 'Medium', 'High'][i % 3]!);
        workflows++;
      }
    });
  })();
  return { kpis, workflows };
}

const dashboardKpis: BenchCase = {
  name: 'dashboard-kpis',
  description: 'Dashboard tab with the Service KPIs panel (20k measures, 2k KPIs, 2k workflow measures) vs the dashboard paint without the panel',
  target: { ratio: 1.5 },
  async run(ctx: BenchContext): Promise<Measurement> {
    const api = ctx.api();
    await api.call('workspace:open', { path: ctx.seededCopy() });
    seedValues(api.session.db(), ctx.options.seed);
    const seeded = seedKpis(api.session.db());
    rederive(api.session.db(), null);
    const host = await startHost({ api });
    const browser = await chromium.launchPersistentContext(join(ctx.dir, `profile-${randomUUID()}`), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1440, height: 900 } });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.goto(host.openUrl);
      await page.locator('.ag-row[row-id]').first().waitFor({ timeout: 120_000 });
      const full: number[] = [];
      const base: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.getByRole('button', { name: 'Measures' }).click();
        await page.locator('.dashboard').waitFor({ state: 'detached' });
        const t0 = performance.now();
        await page.getByRole('button', { name: 'Dashboard' }).click();
        await page.locator('[data-testid="five-questions"]').waitFor({ timeout: 120_000 });
        await page.waitForFunction(() => document.querySelectorAll('.chart-box canvas').length === 3 && [...document.querySelectorAll('canvas')].every((c) => c.width > 0));
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
        base.push(performance.now() - t0);
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="service-kpis"] .kpi-figure').length === 10, undefined, { timeout: 120_000 });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
        full.push(performance.now() - t0);
      }
      const figures = await api.call('kpi:figures', {});
      return {
        appMs: median(full),
        rawMs: median(base),
        stat: `median of ${RUNS} tab switches`,
        extra: { ...seeded, kpisShown: figures.kpis.length },
      };
    } finally {
      await browser.close();
      await host.close();
    }
  },
};

export default dashboardKpis;
