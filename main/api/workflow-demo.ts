import { runAction, type Writer } from '../../db/changes.js';
import type { Database } from '../../db/connection.js';
import { addDays, nowIso, today } from '../../db/clock.js';
import { setMeasureTemplate, upsertKeyed } from '../../db/repositories/templates.js';
import { DEMO_TEMPLATE_OF } from '../domain/template-library.js';
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
