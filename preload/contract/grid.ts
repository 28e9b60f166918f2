import { z } from 'zod';
import { method } from './define.js';
import { localeSchema, measurePatchSchema } from './core.js';
import { CUSTOM_FIELD_TYPES, type BulkUpdateResult, type CustomField, type Milestone, type SavedView } from './grid-types.js';
import { filePath, overwrite } from './paths.js';

const id = z.string().min(1, 'an id is required').max(200);
const label = z.string().trim().min(1, 'a label is required').max(200);
const choices = z.array(z.string().trim().min(1).max(200)).max(500);
const di = z.number().int().min(0).max(5).nullable();
const customPatch = z.record(z.string().max(200), z.string().max(1_000_000).nullable());
const edit = z.object({ id, patch: measurePatchSchema.optional(), custom: customPatch.optional(), workflow: z.record(z.string().max(200), z.string().max(2_000_000)).optional() }).strict();
const date = z.string().max(40).nullable();

/** Grid: bulk edits and paste, custom fields, milestones, saved views. */
const VIEW_STATE_MAX_CHARS = 64_000;
const VIEW_STATE_MAX_DEPTH = 8;
function depthOf(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  let max = 0;
  for (const c of Array.isArray(v) ? v : Object.values(v)) max = Math.max(max, depthOf(c));
  return max + 1;
}

export const gridContract = {
  /**
   * Applies edits to many measures in ONE transaction and ONE undo step (paste, bulk
   * edit, custom values). Every cell is validated first; if any cell is refused, nothing
   * is written and the error lists every refused cell (row = measure code). Dates, numbers
   * and money are read in `locale` (the user's; else the runtime's). A status set by
   * hand needs `reason` (one reason for the whole action); '' or null for a status goes back to the derived one.
   */
  'measures:bulkUpdate': method<BulkUpdateResult>()(
    z
      .object({ edits: z.array(edit).min(1).max(100_000), label: z.string().trim().max(200).optional(), locale: localeSchema.optional(), reason: z.string().max(10_000).optional() })
      .strict(),
  ),

  /**
   * Writes measures to an Excel workbook or CSV at `path` (through a temporary file: a
   * failure leaves nothing). `ids`: these measures in this order (the grid's filtered,
   * sorted rows), else all (or those under `nodeId`). `columns`: grid column keys in order,
   * else every column. `value`: add the Value sheet (effect lines × months; workbooks only).
   * CSV: `separator` (default ","), numbers with `locale`'s decimal mark. Progress comes as
   * `export:progress` events.
   */
  'measures:export': method<{ path: string; rows: number; columns: number }>()(
    z
      .object({
        path: filePath(),
        overwrite,
        format: z.enum(['xlsx', 'csv']),
        ids: z.array(id).max(200_000).optional(),
        nodeId: id.optional(),
        columns: z.array(z.string().max(220)).max(500).optional(),
        value: z.boolean().optional(),
        separator: z.enum([',', ';', '\t']).optional(),
        locale: localeSchema.optional(),
      })
      .strict(),
  ),

  /** Desktop app: the native save dialog for an export, starting at `suggested`; null path when cancelled. */
  'measures:pickExportPath': method<{ path: string | null }>()(z.object({ format: z.enum(['xlsx', 'csv']), suggested: z.string().max(4096) }).strict()),

  'customFields:list': method<CustomField[]>()(z.object({}).strict()),
  'customFields:create': method<CustomField>()(
    z.object({ label, type: z.enum(CUSTOM_FIELD_TYPES), choices: choices.optional(), requiredFromDi: di.optional() }).strict(),
  ),
  'customFields:update': method<CustomField>()(z.object({ id, label: label.optional(), choices: choices.optional(), requiredFromDi: di.optional() }).strict()),
  'customFields:delete': method<null>()(z.object({ id }).strict()),

  'milestones:list': method<Milestone[]>()(z.object({ measureId: id }).strict()),
  /** Owner by person id or exact name; dates YYYY-MM-DD. */
  'milestones:create': method<Milestone>()(
    z.object({ measureId: id, title: z.string().max(500), owner: z.string().max(200).nullable().optional(), dueDate: date.optional() }).strict(),
  ),
  'milestones:update': method<Milestone>()(
    z
      .object({ id, title: z.string().max(500).optional(), owner: z.string().max(200).nullable().optional(), dueDate: date.optional(), done: z.boolean().optional() })
      .strict(),
  ),
  'milestones:delete': method<null>()(z.object({ id }).strict()),

  /** The acting person's saved views. */
  'views:list': method<SavedView[]>()(z.object({}).strict()),
  /** Creates (no id) or overwrites (id) a view of the acting person. */
  'views:save': method<SavedView>()(
    z
      .object({
        id: id.optional(),
        name: z.string().trim().min(1, 'a name is required').max(100),
        // A view is columns, sort, filters: small and shallow. It is stored and synced as JSON.
        state: z
          .record(z.string(), z.unknown())
          .refine((s) => JSON.stringify(s).length <= VIEW_STATE_MAX_CHARS, `a saved view is at most ${VIEW_STATE_MAX_CHARS / 1000} kB`)
          .refine((s) => depthOf(s) <= VIEW_STATE_MAX_DEPTH, `a saved view is nested at most ${VIEW_STATE_MAX_DEPTH} levels`),
      })
      .strict(),
  ),
  'views:delete': method<null>()(z.object({ id }).strict()),
} as const;
