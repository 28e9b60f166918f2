import type { Database } from '../../db/connection.js';
import { evidenceCounts, listTemplates, templateChecks, templateLinks, templateOfMeasure, templateValues } from '../../db/repositories/templates.js';
import type { CriterionResult, GateLevelConfig, Template } from '../../preload/contract.js';
import { templateApprovers, templateCriteria, type WorkflowFacts } from '../domain/templates.js';

/**
 * What a measure's template adds to its gates: the template's checklist, fields and evidence
 * as criteria of the level, its approvers as slots. The gate handlers ask here for every
 * level they check, so the panel, the request, the approval and readiness agree.
 */

/** The level as this measure meets it: the workspace's approvers plus the template's. */
export function levelForMeasure(db: Database, measureId: string, level: GateLevelConfig | undefined, template = templateOfMeasure(db, measureId)): GateLevelConfig | undefined {
  if (!level || !template) return level;
  const extra = templateApprovers(template, level.level).filter((r) => !level.approverRoles.includes(r));
  return extra.length ? { ...level, approverRoles: [...level.approverRoles, ...extra] } : level;
}

function factsOf(db: Database, measureId: string): WorkflowFacts {
  const done = new Set(templateChecks(db, measureId).filter((c) => c.done === 1).map((c) => c.itemKey));
  const evidence = (db.prepare('SELECT count(*) AS n FROM gate_evidence WHERE measure_id = ? AND deleted = 0').get(measureId) as { n: number }).n;
  return { values: templateValues(db, measureId).get(measureId) ?? {}, done, evidence };
}

/** The template's criteria of `level` for one measure (none for a plain measure). */
export function templateCriteriaFor(db: Database, measureId: string, level: number): CriterionResult[] {
  const t = templateOfMeasure(db, measureId);
  return t ? templateCriteria(t, level, factsOf(db, measureId)) : [];
}

/**
 * For many measures at once (the grid's readiness column): a function giving the template's
 * criteria of a measure and level, reading every table once.
 */
export function templateCriteriaBatch(db: Database): (measureId: string, level: number) => CriterionResult[] {
  const links = templateLinks(db);
  if (links.size === 0) return () => [];
  const templates = new Map<string, Template>(listTemplates(db).map((t) => [t.id, t]));
  const values = templateValues(db, null);
  const done = new Map<string, Set<string>>();
  for (const c of templateChecks(db, null)) {
    if (c.done !== 1) continue;
    let s = done.get(c.measureId);
    if (!s) done.set(c.measureId, (s = new Set()));
    s.add(c.itemKey);
  }
  const evidence = evidenceCounts(db);
  return (measureId, level) => {
    const t = templates.get(links.get(measureId) ?? '');
    if (!t) return [];
    return templateCriteria(t, level, { values: values.get(measureId) ?? {}, done: done.get(measureId) ?? new Set(), evidence: evidence.get(measureId) ?? 0 });
  };
}

/** The measure's template by key and name, or null for a plain measure. */
export function templateRef(db: Database, measureId: string): { key: string; name: string } | null {
  const t = templateOfMeasure(db, measureId);
  return t ? { key: t.key, name: t.name } : null;
}
