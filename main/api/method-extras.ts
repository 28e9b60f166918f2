import { z } from 'zod';
import type { Writer } from '../../db/changes.js';
import type { Database } from '../../db/connection.js';
import { ValidationError } from '../../db/errors.js';
import { kpiRows } from '../../db/repositories/kpis.js';
import { listRules } from '../../db/repositories/raid-escalations.js';
import { getValueSettings, setValueSettings } from '../../db/repositories/value.js';
import { kpiInputSchema } from '../../preload/contract/kpi.js';
import { ESC_LEVELS } from '../../preload/contract/raid-types.js';
import type { MethodFile } from '../../preload/contract.js';
import { thresholdProblem } from '../domain/kpis.js';

/**
 * The rest of an engagement method besides gates, roles, fields, templates and rights: the
 * escalation rules, the value tolerance and the KPI definitions (never their actuals: those are
 * the engagement's facts, not its method).
 */

type Extras = Pick<MethodFile, 'escalationRules' | 'tolerance' | 'kpis'>;

export const methodExtrasSchema = {
  escalationRules: z
    .array(z.object({ key: z.string().min(1).max(100), threshold: z.number().int().min(0).max(3650), level: z.enum(ESC_LEVELS), enabled: z.boolean() }).strict())
    .max(100)
    .optional(),
  tolerance: z.object({ tolerancePct: z.number().int().min(0).max(100), staleDays: z.number().int().min(1).max(3650) }).strict().optional(),
  kpis: z.array(kpiInputSchema).max(500).optional(),
};

/** One definition per KPI key: the first (by key, measure code) stands for the others of the same key. */
export function methodExtras(db: Database): Required<Extras> {
  const kpis = new Map<string, NonNullable<Extras['kpis']>[number]>();
  for (const k of kpiRows(db)) {
    if (!kpis.has(k.key)) kpis.set(k.key, { key: k.key, name: k.name, unit: k.unit, direction: k.direction, baseline: k.baseline, target: k.target, amber: k.amber, red: k.red });
  }
  const v = getValueSettings(db);
  return {
    escalationRules: listRules(db).map((r) => ({ key: r.key, threshold: r.threshold, level: r.level, enabled: r.enabled })),
    tolerance: { tolerancePct: v.tolerancePct, staleDays: v.staleDays },
    kpis: [...kpis.values()],
  };
}

/**
 * Writes the extras into a new workspace. A rule this version does not know, a KPI key given
 * twice or thresholds on the wrong side are refused with the reason (the caller writes nothing).
 * The KPI definitions become KPIs of the whole program, not yet reported: the new engagement
 * has no measures to put them on; a consultant moves or copies them once it has.
 */
export function applyMethodExtras(w: Writer, db: Database, m: Extras): void {
  const rules = listRules(db);
  for (const r of m.escalationRules ?? []) {
    const have = rules.find((x) => x.key === r.key);
    if (!have) throw new ValidationError(`The method's escalation rule "${r.key}" is not one this version of Steerco knows (${rules.map((x) => x.key).join(', ')}).`);
    w.update('escalation_rules', have.id, { threshold: r.threshold, level: r.level, enabled: r.enabled ? 1 : 0 });
  }
  if (m.tolerance) setValueSettings(w, m.tolerance);
  const seen = new Set<string>();
  (m.kpis ?? []).forEach((k, i) => {
    if (seen.has(k.key)) throw new ValidationError(`The method defines the KPI "${k.key}" twice.`);
    seen.add(k.key);
    const problem = thresholdProblem(k);
    if (problem) throw new ValidationError(`The method's KPI "${k.name}" cannot be used: ${problem}`);
    w.insert('kpis', { key: k.key, name: k.name, unit: k.unit, direction: k.direction, baseline: k.baseline, target: k.target, amber: k.amber, red: k.red, measure_id: null, node_id: null, sort_order: i });
  });
}
