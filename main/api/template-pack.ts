import type { Database } from '../../db/connection.js';
import { listTemplates, templateChecks, templateLinks, templateValues } from '../../db/repositories/templates.js';
import { evidenceCounts } from '../../db/repositories/templates.js';
import type { FactWorkflowMeasure } from '../../preload/contract/pack-facts.js';
import { day as dayIn } from '../domain/pack-format.js';
import { templateCriteria } from '../domain/templates.js';
import { templateTriggers } from './template-triggers.js';

/** The pack's facts about workflow measures in scope (null scope: every live measure); dates of its fields in `locale` (ISO without). */
export function workflowFacts(db: Database, inScope: Set<string> | null, day: string, locale?: string): FactWorkflowMeasure[] {
  const links = templateLinks(db);
  if (links.size === 0) return [];
  const templates = new Map(listTemplates(db).map((t) => [t.id, t]));
  const values = templateValues(db, null);
  const done = new Map<string, Set<string>>();
  for (const c of templateChecks(db, null)) if (c.done === 1) (done.get(c.measureId) ?? done.set(c.measureId, new Set()).get(c.measureId)!).add(c.itemKey);
  const evidence = evidenceCounts(db);
  const firing = new Map<string, string[]>();
  for (const t of templateTriggers(db, day)) (firing.get(t.subjectId) ?? firing.set(t.subjectId, []).get(t.subjectId)!).push(t.reason);
  const rows = db
    .prepare("SELECT id, code, title, di_level AS diLevel FROM measures WHERE deleted = 0 AND lifecycle IN ('active', 'on_hold') ORDER BY code")
    .all() as { id: string; code: string; title: string; diLevel: number }[];
  const out: FactWorkflowMeasure[] = [];
  for (const m of rows) {
    const t = templates.get(links.get(m.id) ?? '');
    if (!t || (inScope && !inScope.has(m.id))) continue;
    const v = values.get(m.id) ?? {};
    const d = done.get(m.id) ?? new Set<string>();
    const open = templateCriteria(t, m.diLevel + 1, { values: v, done: d, evidence: evidence.get(m.id) ?? 0 }).filter((c) => !c.met);
    out.push({
      measureId: m.id,
      code: m.code,
      title: m.title,
      template: t.name,
      done: t.checklist.filter((c) => d.has(c.key)).length,
      steps: t.checklist.length,
      nextGateOpen: open.map((c) => c.label.replace(/^Checklist: /, '')),
      reporting: t.reporting.map((k) => {
        const f = t.fields.find((x) => x.key === k);
        const value = v[k];
        return `${f?.label ?? k}: ${value ? (f?.type === 'date' ? dayIn(value, locale) : value) : '—'}`;
      }),
      firing: firing.get(m.id) ?? [],
    });
  }
  return out;
}
