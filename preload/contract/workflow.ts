import { z } from 'zod';
import { method } from './define.js';
import { localeSchema } from './core.js';
import { evidenceInputSchema } from './gates.js';
import { ESC_LEVELS } from './raid-types.js';
import type { Measure } from './types.js';
import { RIGHTS, type RightsMatrix } from './rights-types.js';
import { TEMPLATE_FIELD_TYPES, type MeasureWorkflow, type Template, type TemplateGrid, type TemplateRemoval } from './workflow-types.js';

export * from './workflow-types.js';
export * from './rights-types.js';

const id = z.string().min(1, 'an id is required').max(200);
const key = z.string().trim().min(1, 'a key is required').max(100);
const label = z.string().trim().min(1, 'a name is required').max(200);
const level = z.number().int().min(0).max(5);

/** Shapes only; the api checks what refers to what (fields, roles, checklist items) with reasons. */
export const templateInputSchema = z
  .object({
    key,
    name: label,
    ownerRole: z.string().trim().max(100),
    description: z.string().trim().max(10_000).default(''),
    fields: z.array(z.object({ key, label, type: z.enum(TEMPLATE_FIELD_TYPES), choices: z.array(z.string().trim().min(1).max(200)).max(100).default([]) }).strict()).max(100).default([]),
    checklist: z.array(z.object({ key, label, role: z.string().trim().max(100), evidence: z.boolean().default(false), decision: key.optional() }).strict()).max(100).default([]),
    gates: z
      .array(
        z
          .object({
            level,
            fields: z.array(key).max(100).default([]),
            checklist: z.array(key).max(100).default([]),
            approvers: z.array(key).max(10).default([]),
            evidence: z.string().trim().max(500).default(''),
          })
          .strict(),
      )
      .max(6)
      .default([]),
    triggers: z
      .array(
        z
          .object({
            key,
            name: label,
            level: z.enum(ESC_LEVELS),
            field: key.optional(),
            equals: z.string().trim().max(200).optional(),
            updates: z.number().int().min(1).max(100).optional(),
            unticked: key.optional(),
            blank: key.optional(),
            date: key.optional(),
            daysBefore: z.number().int().min(-365).max(365).optional(),
          })
          .strict(),
      )
      .max(50)
      .default([]),
    reporting: z.array(key).max(100).default([]),
  })
  .strict();

/** Service workflows: measure templates, their checklist and fields on a measure. */
export const workflowContract = {
  /** The workspace's templates (built-in library and the workspace's own), with how many measures use each. */
  'templates:list': method<Template[]>()(z.object({}).strict()),
  /** Creates a template, or changes the one with this key; refused with the reason (nothing written) when it does not hold together. */
  'templates:save': method<Template>()(z.object({ template: templateInputSchema }).strict()),
  /**
   * Removes a template. When measures use it, nothing is removed and the answer asks what becomes
   * of them; `keepMeasures: true` removes it and they stay, as plain measures.
   */
  'templates:remove': method<TemplateRemoval>()(z.object({ key, keepMeasures: z.boolean().optional() }).strict()),
  /** A new measure in a package, of the template `templateKey` (its owner: the one holder of the template's owner role). */
  'templates:createMeasure': method<Measure>()(z.object({ nodeId: id, templateKey: key, title: z.string().trim().min(1).max(500).optional() }).strict()),
  /** Gives a measure a template, or (null) makes it a plain measure again. */
  'templates:assign': method<MeasureWorkflow>()(z.object({ measureId: id, templateKey: key.nullable() }).strict()),
  /** The measure's template, its fields with values and its checklist. */
  'templates:measure': method<MeasureWorkflow>()(z.object({ measureId: id }).strict()),
  /** Sets a template field of a measure ('' clears); a value the field cannot take is refused with the reason. */
  'templates:setField': method<MeasureWorkflow>()(z.object({ measureId: id, key, value: z.string().max(10_000), locale: localeSchema.optional() }).strict()),
  /** Ticks (or unticks) a checklist item as the acting person, with the evidence it needs. */
  'templates:tick': method<MeasureWorkflow>()(
    z.object({ measureId: id, item: key, done: z.boolean(), note: z.string().trim().max(10_000).optional(), evidence: evidenceInputSchema.optional() }).strict(),
  ),
  /** Which template each live measure of a template has (for lists and exports). */
  'templates:links': method<{ measureId: string; templateKey: string; templateName: string }[]>()(z.object({}).strict()),
  /** The grid's workflow columns: one per template field, each workflow measure's template and its field values. */
  'templates:grid': method<TemplateGrid>()(z.object({}).strict()),
  /** The decision-rights matrix: decision types (the business decisions, each gate, hold / cancel / close) × roles. */
  'rights:matrix': method<RightsMatrix>()(z.object({}).strict()),
  /**
   * Sets one cell. For a gate, approve or decide makes the role an approver of the gate (and
   * consult, inform or none takes it off); a gate keeps at least one approver and hold / cancel /
   * close at least one role that decides.
   */
  'rights:set': method<RightsMatrix>()(z.object({ decisionType: key, role: key, right: z.enum(RIGHTS) }).strict()),
} as const;
