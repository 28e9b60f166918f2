import type { Database } from '../../db/connection.js';
import { today } from '../../db/clock.js';
import { listTemplates, templateChecks, templateLinks, templateValues, valueHistory } from '../../db/repositories/templates.js';
import type { MeasureWorkflow, Template } from '../../preload/contract.js';
import type { RuleKey, Trigger } from '../domain/escalations.js';
import { triggerReason, type TriggerFacts } from '../domain/templates.js';

/**
 * Escalation triggers of templates, evaluated for the live measures of each template: they
 * join the workspace's rules in the escalation list (rule key "template:<template>:<trigger>").
 */

interface MeasureDates {
  id: string;
  code: string;
  dueDate: string | null;
  startDate: string | null;
}

function evaluate(db: Database, t: Template, m: MeasureDates, values: Record<string, string>, done: Set<string>, day: string): { key: string; name: string; level: Template['triggers'][number]['level']; reason: string }[] {
  const out = [];
  let history: Record<string, string[]> | null = null;
  for (const tr of t.triggers) {
    // The change-log history is read only when a value trigger's current value matches.
    if (tr.field !== undefined && (tr.updates ?? 1) > 1 && (values[tr.field] ?? '').toLowerCase() === (tr.equals ?? '').toLowerCase()) history ??= valueHistory(db, m.id);
    const facts: TriggerFacts = { values, done, evidence: 0, code: m.code, today: day, dueDate: m.dueDate, startDate: m.startDate, history: history ?? {} };
    if (tr.field !== undefined && (tr.updates ?? 1) <= 1) facts.history = { [tr.field]: [values[tr.field] ?? ''] };
    const reason = triggerReason(t, tr, facts);
    if (reason) out.push({ key: tr.key, name: tr.name, level: tr.level, reason });
  }
  return out;
}

const DATES_SQL = "SELECT id, code, due_date AS dueDate, start_date AS startDate FROM measures WHERE deleted = 0 AND lifecycle IN ('active', 'on_hold')";

/** Triggers of the measure's template that hold now. */
export function measureFiring(db: Database, measureId: string, t: Template, day = today()): MeasureWorkflow['firing'] {
  const m = db.prepare(`${DATES_SQL} AND id = ?`).get(measureId) as MeasureDates | undefined;
  if (!m || t.triggers.length === 0) return [];
  const done = new Set(templateChecks(db, measureId).filter((c) => c.done === 1).map((c) => c.itemKey));
  return evaluate(db, t, m, templateValues(db, measureId).get(measureId) ?? {}, done, day);
}

/** Every template trigger that holds now, as escalation triggers. */
export function templateTriggers(db: Database, day = today()): Trigger[] {
  const links = templateLinks(db);
  if (links.size === 0) return [];
  const templates = new Map(listTemplates(db).filter((t) => t.triggers.length > 0).map((t) => [t.id, t]));
  if (templates.size === 0) return [];
  const values = templateValues(db, null);
  const done = new Map<string, Set<string>>();
  for (const c of templateChecks(db, null)) if (c.done === 1) (done.get(c.measureId) ?? done.set(c.measureId, new Set()).get(c.measureId)!).add(c.itemKey);
  const out: Trigger[] = [];
  // Only the measures of a template with triggers are read (a tenth of 20k in the bench, not all of them).
  const ids = [...links].filter(([, t]) => templates.has(t)).map(([m]) => m);
  for (const m of db.prepare(`${DATES_SQL} AND id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as MeasureDates[]) {
    const t = templates.get(links.get(m.id) ?? '');
    if (!t) continue;
    for (const f of evaluate(db, t, m, values.get(m.id) ?? {}, done.get(m.id) ?? new Set(), day)) {
      out.push({ subjectKey: `template:${t.key}:${f.key}:${m.id}`, ruleKey: `template:${t.key}:${f.key}` as RuleKey, subjectKind: 'measure', subjectId: m.id, level: f.level, reason: f.reason });
    }
  }
  return out;
}

/** The name of a template trigger's rule key, for the escalation list. */
export function templateRuleName(db: Database, ruleKey: string): string | undefined {
  const [, tKey, trKey] = ruleKey.split(':');
  if (!ruleKey.startsWith('template:') || !tKey || !trKey) return undefined;
  const t = listTemplates(db).find((x) => x.key === tKey);
  const tr = t?.triggers.find((x) => x.key === trKey);
  return t && tr ? `${t.name}: ${tr.name}` : undefined;
}
