import type { CriterionResult } from '../../preload/contract/gates-types.js';
import type { TemplateField, TemplateInput, TemplateSpec, TemplateTrigger } from '../../preload/contract/workflow-types.js';

/**
 * Service workflows as measure templates: whether a template holds together, what it adds to a
 * gate, which of its escalation triggers hold. Pure functions over facts the api loads.
 */

/** Measure dates a deadline trigger may name besides the template's own date fields. */
export const MEASURE_DATES: Record<string, string> = { due_date: 'due date', start_date: 'start date' };
const MEASURE_ROLE_KEYS = ['owner', 'sponsor', 'controller'];
const KEY_RE = /^[a-z][a-z0-9_]*$/;

export interface TemplateContext {
  /** Keys of the workspace's custom fields (a template field may not reuse one). */
  workspaceFields: string[];
  /** Keys of the workspace's roles. */
  roles: string[];
  /** Gate levels of the workspace. */
  levels: number[];
  /** Keys of the decision types of the decision-rights matrix. */
  decisionTypes: string[];
}

/** Every reason a template cannot be saved, each with the part it is about; empty when it holds together. */
export function templateProblems(t: TemplateInput, ctx: TemplateContext): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const bad = (field: string, message: string) => out.push({ field, message });
  if (!KEY_RE.test(t.key)) bad('key', `The template key "${t.key}" must be lower-case letters, digits and _ (starting with a letter).`);
  const roleOk = (r: string) => ctx.roles.includes(r) || MEASURE_ROLE_KEYS.includes(r);
  if (t.ownerRole && !ctx.roles.includes(t.ownerRole)) bad('ownerRole', `The owner role "${t.ownerRole}" is not a role of this workspace.`);
  const fieldKeys = new Set<string>();
  for (const f of t.fields) {
    if (!KEY_RE.test(f.key)) bad(`fields.${f.key}`, `The field key "${f.key}" must be lower-case letters, digits and _ (starting with a letter).`);
    if (fieldKeys.has(f.key)) bad(`fields.${f.key}`, `The field "${f.key}" is defined twice.`);
    if (ctx.workspaceFields.includes(f.key)) {
      bad(`fields.${f.key}`, `The field "${f.label}" (${f.key}) clashes with the workspace field of the same key; a template field needs a key of its own.`);
    }
    if (f.type === 'choice' && f.choices.length === 0) bad(`fields.${f.key}`, `The choice field "${f.label}" needs at least one choice.`);
    fieldKeys.add(f.key);
  }
  const itemKeys = new Set<string>();
  for (const c of t.checklist) {
    if (!KEY_RE.test(c.key)) bad(`checklist.${c.key}`, `The checklist key "${c.key}" must be lower-case letters, digits and _ (starting with a letter).`);
    if (itemKeys.has(c.key)) bad(`checklist.${c.key}`, `The checklist item "${c.key}" is defined twice.`);
    if (!c.role) bad(`checklist.${c.key}`, `The checklist item "${c.label}" has no role: say which role ticks it.`);
    else if (!roleOk(c.role)) bad(`checklist.${c.key}`, `The checklist item "${c.label}" names the role "${c.role}", which is not a role of this workspace.`);
    if (c.decision !== undefined && !ctx.decisionTypes.includes(c.decision)) bad(`checklist.${c.key}`, `The checklist item "${c.label}" names the decision "${c.decision}", which is not in the decision-rights matrix.`);
    itemKeys.add(c.key);
  }
  const levels = new Set<number>();
  for (const g of t.gates) {
    if (!ctx.levels.includes(g.level)) bad(`gates.${g.level}`, `There is no gate DI${g.level} in this workspace.`);
    if (levels.has(g.level)) bad(`gates.${g.level}`, `The gate DI${g.level} is listed twice.`);
    levels.add(g.level);
    for (const f of g.fields) if (!fieldKeys.has(f)) bad(`gates.${g.level}`, `DI${g.level} asks for the field "${f}", which the template does not have.`);
    for (const c of g.checklist) if (!itemKeys.has(c)) bad(`gates.${g.level}`, `DI${g.level} asks for the checklist item "${c}", which the template does not have.`);
    for (const r of g.approvers) if (!roleOk(r)) bad(`gates.${g.level}`, `DI${g.level} names the approver role "${r}", which is not a role of this workspace.`);
  }
  const trigKeys = new Set<string>();
  for (const tr of t.triggers) {
    const where = `triggers.${tr.key}`;
    if (trigKeys.has(tr.key)) bad(where, `The trigger "${tr.key}" is defined twice.`);
    trigKeys.add(tr.key);
    const valueKind = tr.field !== undefined;
    const deadline = tr.unticked !== undefined || tr.blank !== undefined;
    if (valueKind === deadline) {
      bad(where, `The trigger "${tr.name}" needs either a field and the value it watches, or a checklist item (or field) still open before a date.`);
      continue;
    }
    if (valueKind) {
      const f = t.fields.find((x) => x.key === tr.field);
      if (!f) bad(where, `The trigger "${tr.name}" names the field "${tr.field}", which the template does not have.`);
      else if (tr.equals === undefined || tr.equals === '') bad(where, `The trigger "${tr.name}" needs the value of "${f.label}" it watches.`);
      else if (f.type === 'choice' && !f.choices.some((c) => c.toLowerCase() === tr.equals!.toLowerCase())) {
        bad(where, `The trigger "${tr.name}" watches "${tr.equals}", which is not a choice of "${f.label}" (${f.choices.join(', ')}).`);
      }
    } else {
      if (tr.unticked !== undefined && !itemKeys.has(tr.unticked)) bad(where, `The trigger "${tr.name}" names the checklist item "${tr.unticked}", which the template does not have.`);
      if (tr.blank !== undefined && !fieldKeys.has(tr.blank)) bad(where, `The trigger "${tr.name}" names the field "${tr.blank}", which the template does not have.`);
      const dateField = t.fields.find((x) => x.key === tr.date);
      if (!tr.date) bad(where, `The trigger "${tr.name}" needs the date it counts down to.`);
      else if (!MEASURE_DATES[tr.date] && !dateField) bad(where, `The trigger "${tr.name}" names the date "${tr.date}", which is neither a field of the template nor the measure's due_date or start_date.`);
      else if (dateField && dateField.type !== 'date') bad(where, `The trigger "${tr.name}" counts down to "${dateField.label}", which is not a date field.`);
      if (tr.daysBefore === undefined) bad(where, `The trigger "${tr.name}" needs how many days before the date it fires.`);
    }
  }
  for (const r of t.reporting) if (!fieldKeys.has(r)) bad('reporting', `The reporting field "${r}" is not a field of the template.`);
  return out;
}

/** The value a template field holds after typing `raw`, or the reason it cannot hold it. */
export function fieldValue(f: TemplateField, raw: string): { value: string } | { problem: string } {
  const v = raw.trim();
  if (v === '') return { value: '' };
  switch (f.type) {
    case 'text':
      return v.length > 2000 ? { problem: `${f.label}: at most 2,000 characters.` } : { value: v };
    case 'choice': {
      const c = f.choices.find((x) => x.toLowerCase() === v.toLowerCase());
      return c ? { value: c } : { problem: `${f.label}: "${v}" is not one of ${f.choices.join(', ')}.` };
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v
        ? { value: v }
        : { problem: `${f.label}: "${v}" is not a date (YYYY-MM-DD).` };
    case 'number': {
      const n = Number(v.replace(/[\s,_]/g, ''));
      return v !== '' && Number.isFinite(n) && /^[-+]?[\d\s,_]*\.?\d*$/.test(v) ? { value: String(n) } : { problem: `${f.label}: "${v}" is not a number.` };
    }
  }
}

/** What a measure of the template has: its field values and the checklist items ticked. */
export interface WorkflowFacts {
  values: Record<string, string>;
  done: Set<string>;
  /** Evidence items on the measure (a gate's evidence requirement). */
  evidence: number;
}

/** The template's criteria for a gate, met or not, in the gate panel's words. */
export function templateCriteria(spec: TemplateSpec, level: number, f: WorkflowFacts): CriterionResult[] {
  const g = spec.gates.find((x) => x.level === level);
  if (!g) return [];
  const out: CriterionResult[] = [];
  for (const key of g.checklist) {
    const item = spec.checklist.find((c) => c.key === key);
    const met = f.done.has(key);
    out.push({ key: `check:${key}`, label: `Checklist: ${item?.label ?? key}`, met, detail: met ? 'ticked' : 'not ticked yet' });
  }
  for (const key of g.fields) {
    const field = spec.fields.find((x) => x.key === key);
    const v = f.values[key] ?? '';
    out.push({ key: `field:${key}`, label: field?.label ?? key, met: v !== '', detail: v === '' ? 'empty' : v });
  }
  if (g.evidence) {
    out.push({ key: 'template_evidence', label: `Evidence: ${g.evidence}`, met: f.evidence > 0, detail: f.evidence ? `${f.evidence} evidence item${f.evidence === 1 ? '' : 's'}` : 'no evidence attached' });
  }
  return out;
}

/** Approver roles the template adds to a gate. */
export function templateApprovers(spec: TemplateSpec, level: number): string[] {
  return spec.gates.find((x) => x.level === level)?.approvers ?? [];
}

export interface TriggerFacts extends WorkflowFacts {
  code: string;
  today: string;
  dueDate: string | null;
  startDate: string | null;
  /** Per field: its value after each update of the measure's workflow, oldest first. */
  history: Record<string, string[]>;
}

const dayMs = 86_400_000;
const daysUntil = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

/** Why the trigger holds for this measure now, or null. */
export function triggerReason(spec: TemplateSpec, tr: TemplateTrigger, f: TriggerFacts): string | null {
  if (tr.field !== undefined) {
    const want = (tr.equals ?? '').toLowerCase();
    const label = spec.fields.find((x) => x.key === tr.field)?.label ?? tr.field;
    const need = Math.max(1, tr.updates ?? 1);
    if ((f.values[tr.field] ?? '').toLowerCase() !== want) return null;
    const hist = f.history[tr.field] ?? [];
    let n = 0;
    for (let i = hist.length - 1; i >= 0 && hist[i]!.toLowerCase() === want; i--) n++;
    if (n < need) return null;
    return need > 1 ? `${f.code}: ${label} ${tr.equals} for ${n} updates in a row` : `${f.code}: ${label} is ${tr.equals}`;
  }
  const date = tr.date === 'due_date' ? f.dueDate : tr.date === 'start_date' ? f.startDate : (f.values[tr.date ?? ''] ?? '');
  if (!date) return null;
  const open = tr.unticked !== undefined ? !f.done.has(tr.unticked) : (f.values[tr.blank ?? ''] ?? '') === '';
  if (!open) return null;
  const left = daysUntil(f.today, date);
  if (left > (tr.daysBefore ?? 0)) return null;
  const what = tr.unticked !== undefined ? (spec.checklist.find((c) => c.key === tr.unticked)?.label ?? tr.unticked) : (spec.fields.find((x) => x.key === tr.blank)?.label ?? tr.blank);
  const dateLabel = MEASURE_DATES[tr.date ?? ''] ?? spec.fields.find((x) => x.key === tr.date)?.label ?? tr.date;
  return `${f.code}: ${what} still open, ${left >= 0 ? `${left} day${left === 1 ? '' : 's'} before` : `${-left} day${left === -1 ? '' : 's'} after`} the ${dateLabel}`;
}
