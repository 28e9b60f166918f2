import { runAction, type Writer } from '../../db/changes.js';
import type { Database } from '../../db/connection.js';
import { addDays, currentPeriod, nowIso, today } from '../../db/clock.js';
import { setMeasureTemplate, upsertKeyed } from '../../db/repositories/templates.js';
import { DEMO_TEMPLATE_OF } from '../domain/template-library.js';
import { nextCode } from '../../db/repositories/meetings.js';
import { storeEvidence } from './gates-view.js';

/** The demo's workflow measures: their templates, some fields filled and steps ticked. */

const byTitle = (db: Database, title: string) => db.prepare('SELECT id FROM measures WHERE title = ? AND deleted = 0').get(title) as { id: string } | undefined;
const personId = (db: Database, name: string) => (db.prepare('SELECT id FROM people WHERE name = ?').get(name) as { id: string } | undefined)?.id ?? null;

function setValues(w: Writer, db: Database, measureId: string, values: Record<string, string>): void {
  for (const [k, v] of Object.entries(values)) upsertKeyed(w, db, 'template_values', `${measureId}:${k}`, { measure_id: measureId, field_key: k, value: v });
}

function tick(w: Writer, db: Database, measureId: string, item: string, person: string, note: string | null): void {
  const by = personId(db, person);
  const evidenceId = note ? storeEvidence(w, db, measureId, null, [{ kind: 'note', name: 'Checklist evidence', note }], by ?? 'system')[0]! : null;
  upsertKeyed(w, db, 'template_checks', `${measureId}:${item}`, { measure_id: measureId, item_key: item, done: 1, person_id: by, note: '', evidence_id: evidenceId, at: nowIso() });
}

export function seedWorkflowDemo(db: Database, w: Writer): void {
  const ids = new Map((db.prepare('SELECT id, key FROM templates WHERE deleted = 0').all() as { id: string; key: string }[]).map((t) => [t.key, t.id]));
  for (const [title, key] of Object.entries(DEMO_TEMPLATE_OF)) {
    const m = byTitle(db, title);
    const t = ids.get(key);
    if (m && t) setMeasureTemplate(w, db, m.id, t);
  }
  const onboarding = byTitle(db, 'Customer onboarding checklist');
  if (onboarding) {
    setValues(w, db, onboarding.id, { launch_date: addDays(today(), 3), configuration_status: 'In progress', risk_note: 'Customer data arrives late from the CRM migration.', onboarding_sla_risk: 'Medium' });
    tick(w, db, onboarding.id, 'sales_handoff', 'Marco Rossi', 'Handoff signed in the deal review of the first Gold customer.');
  }
  const triage = byTitle(db, 'Triage rules by tier and severity');
  if (triage) setValues(w, db, triage.id, { category: 'Incident', subservice: 'Tier triage', sla: 'Gold 1h', impact: 'High', urgency: 'Medium' });
  const contract = byTitle(db, 'Contract approval workflow');
  if (contract) setValues(w, db, contract.id, { deal_value: '480000', discount_pct: '12', deal_margin_pct: '28', approval_path: 'Discount exception' });
}

/**
 * Two later status updates of the triage measure, SLA risk high in both: the service-desk
 * template's "SLA risk high for 2 updates" trigger holds in the demo. Separate actions
 * because an update is one action.
 */
export function seedWorkflowDemoUpdates(db: Database): void {
  const triage = byTitle(db, 'Triage rules by tier and severity');
  if (!triage) return;
  runAction(db, { actor: 'system', label: 'Demo: SLA risk report', undoable: false }, (w) => setValues(w, db, triage.id, { sla_risk: 'High' }));
  runAction(db, { actor: 'system', label: 'Demo: resolver group', undoable: false }, (w) => setValues(w, db, triage.id, { resolver_group: 'L2 service desk', escalation_path: 'L2 → duty manager → steering' }));
}

const month = (offset: number) => {
  const [y, m] = currentPeriod().split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + offset, 1));
  return d.toISOString().slice(0, 7);
};

interface DemoKpi {
  on: string;
  key: string;
  name: string;
  unit: string;
  direction: 'higher' | 'lower';
  baseline: number | null;
  target: number;
  amber: number;
  red: number;
  actuals: number[];
}

const SLA = { key: 'sla_attainment', name: 'SLA attainment', unit: '%', direction: 'higher' as const, baseline: 88, target: 95, amber: 93, red: 90 };
const LEAD = { key: 'onboarding_lead_time', name: 'Onboarding lead time', unit: 'days', direction: 'lower' as const, baseline: 21, target: 10, amber: 12, red: 15 };

/** The demo's service KPIs (three months of actuals, the last one this month) and its service-economics lines. */
const DEMO_KPIS: DemoKpi[] = [
  { on: 'Triage rules by tier and severity', ...SLA, actuals: [91, 93.5, 95.2] },
  { on: 'Configure tier-aware SLA timers', ...SLA, actuals: [94, 94.5, 96] },
  { on: 'Automated SLA breach notifications', ...SLA, actuals: [92, 90.5, 88.5] },
  { on: 'Quality gate before go-live per customer', ...LEAD, actuals: [16, 14, 13] },
  { on: 'Customer onboarding checklist', ...LEAD, actuals: [12, 11, 11] },
  { on: 'First-contact resolution above 70%', key: 'first_contact_resolution', name: 'First-contact resolution', unit: '%', direction: 'higher', baseline: 58, target: 70, amber: 65, red: 60, actuals: [62, 66, 64] },
  { on: 'Reduce billing leakage below 1%', key: 'billing_leakage_rate', name: 'Billing leakage rate', unit: '%', direction: 'lower', baseline: 3, target: 1, amber: 1.5, red: 2.5, actuals: [2.8, 2.1, 1.8] },
];

export function seedKpiDemo(db: Database, w: Writer): void {
  for (const k of DEMO_KPIS) {
    const m = byTitle(db, k.on);
    if (!m) continue;
    const id = w.insert('kpis', { key: k.key, name: k.name, measure_id: m.id, node_id: null, unit: k.unit, direction: k.direction, baseline: k.baseline, target: k.target, amber: k.amber, red: k.red, sort_order: 0 });
    k.actuals.forEach((v, i) => w.insert('kpi_actuals', { kpi_id: id, period: month(i - k.actuals.length + 1), value: v }, `${id}:${month(i - k.actuals.length + 1)}`));
  }
  const program = db.prepare("SELECT id FROM nodes WHERE level = 'program' AND deleted = 0 ORDER BY sort_order LIMIT 1").get() as { id: string } | undefined;
  if (program) {
    const id = w.insert('kpis', { key: 'customer_satisfaction', name: 'Customer satisfaction', measure_id: null, node_id: program.id, unit: '/5', direction: 'higher', baseline: 3.9, target: 4.5, amber: 4.2, red: 3.8, sort_order: 0 });
    [4.1, 4.3, 4.4].forEach((v, i) => w.insert('kpi_actuals', { kpi_id: id, period: month(i - 2), value: v }, `${id}:${month(i - 2)}`));
  }
  // Service economics: the margin measure's target and forecast margin, the cost measure's baseline and actual cost.
  const line = (title: string, type: string, label: string, col: 'plan' | 'forecast' | 'actual', amounts: number[]) => {
    const m = byTitle(db, title);
    if (!m) return;
    const id = w.insert('effect_lines', { measure_id: m.id, type, label, target: null, sort_order: 90, updated_at: nowIso() });
    amounts.forEach((a, i) => w.insert('effect_values', { line_id: id, period: month(i - amounts.length + 1), [col]: a }, `${id}:${month(i - amounts.length + 1)}`));
  };
  line('Target margin of 32% on Gold tier', 'target_margin', 'Gold tier target margin', 'plan', [4_000_000, 4_000_000, 4_000_000]);
  line('Target margin of 32% on Gold tier', 'forecast_margin', 'Gold tier forecast margin', 'forecast', [3_600_000, 3_750_000, 3_820_000]);
  line('Monthly controller validation of actuals', 'baseline_service_cost', 'Service cost baseline', 'plan', [9_500_000, 9_500_000, 9_500_000]);
  line('Monthly controller validation of actuals', 'actual_service_cost', 'Actual service cost', 'actual', [9_900_000, 9_650_000, 9_400_000]);
  // A decision the committee still has to take.
  w.insert('decisions', { code: nextCode(db, 'decisions', 'D'), meeting_id: null, text: 'Pause or redesign the Bronze tier: margin below plan for three months (open).', decided_by: '', date: today(), status: 'open' });
  const quality = byTitle(db, 'Quality review of first 20 Gold tickets');
  if (quality) setValues(w, db, quality.id, { review_type: 'Service review', review_exceptions: '3', review_outcome: 'Passed with exceptions' });
}
