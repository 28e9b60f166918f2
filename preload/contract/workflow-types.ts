/** Types of service workflows (measure templates), shared by every layer. Pure types and constants. */
import type { Evidence } from './gates-types.js';
import type { EscLevel } from './raid-types.js';

export const TEMPLATE_FIELD_TYPES = ['text', 'choice', 'date', 'number'] as const;
export type TemplateFieldType = (typeof TEMPLATE_FIELD_TYPES)[number];

/** A field only measures of the template have (never a workspace custom field's key). */
export interface TemplateField {
  key: string;
  label: string;
  type: TemplateFieldType;
  /** For `choice`: the allowed values. */
  choices: string[];
}

/** A step someone with `role` ticks; `evidence`: the tick needs a file, link or note. */
export interface ChecklistItem {
  key: string;
  label: string;
  /** A workspace role key, or owner / sponsor / controller of the measure. */
  role: string;
  evidence: boolean;
  /** A decision type whose deciders and approvers (decision rights) may tick it too. */
  decision?: string;
}

/** What the template adds to one gate: fields to fill, steps to tick, approvers, evidence. */
export interface TemplateGate {
  level: number;
  fields: string[];
  checklist: string[];
  approvers: string[];
  /** The evidence the gate needs, in words ("Signed go/no-go minutes"); '' for none. */
  evidence: string;
}

/**
 * An escalation trigger on the template's fields, checklist and dates. Either a value that
 * holds for `updates` updates in a row (`field` equals `equals`), or a deadline: `unticked`
 * (a checklist item) or `blank` (a field) still open `daysBefore` days before the date in
 * `date` (a date field of the template, or the measure's due_date / start_date).
 */
export interface TemplateTrigger {
  key: string;
  name: string;
  level: EscLevel;
  field?: string;
  equals?: string;
  updates?: number;
  unticked?: string;
  blank?: string;
  date?: string;
  daysBefore?: number;
}

export interface TemplateSpec {
  fields: TemplateField[];
  checklist: ChecklistItem[];
  gates: TemplateGate[];
  triggers: TemplateTrigger[];
  /** Field keys the template reports (the pack's workflow lines, the KPI roll-ups). */
  reporting: string[];
}

export interface TemplateInput extends TemplateSpec {
  key: string;
  name: string;
  /** The role that owns measures of the template (a workspace role key). */
  ownerRole: string;
  description: string;
}

export interface Template extends TemplateInput {
  id: string;
  /** Live measures of the template. */
  usedBy: number;
}

export interface WorkflowCheck extends ChecklistItem {
  roleLabel: string;
  done: boolean;
  by: string | null;
  at: string | null;
  note: string;
  /** The evidence given with the tick. */
  proof: Evidence | null;
  /** May the acting person tick (or untick) it, and why not. */
  canTick: boolean;
  whyNot: string;
}

/** A measure's workflow: its template, the template's fields with values, the checklist. */
export interface MeasureWorkflow {
  measureId: string;
  template: Template | null;
  fields: (TemplateField & { value: string })[];
  checklist: WorkflowCheck[];
  /** Triggers of the template that hold now for this measure, with the reason. */
  firing: { key: string; name: string; level: EscLevel; reason: string }[];
}

/** The answer of templates:remove: removed, or the question of what becomes of the measures using it. */
export interface TemplateRemoval {
  removed: boolean;
  usedBy: number;
  message: string;
}

/** A template field as a grid column: every template that has the key (a key means one thing in a workspace's templates). */
export interface TemplateColumn extends TemplateField {
  /** Keys and names of the templates with this field. */
  templates: { key: string; name: string }[];
}

/** What the measures grid shows of the workflows: a column per template field, and each workflow measure's template and values. */
export interface TemplateGrid {
  columns: TemplateColumn[];
  /** Live measures of a template: its key and name, and the values of its own fields. */
  measures: Record<string, { template: string; name: string; values: Record<string, string> }>;
}
