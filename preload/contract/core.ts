import { z } from 'zod';
import { method } from './define.js';
import type {
  CheckReport,
  HierarchyNode,
  HistoryEntry,
  Measure,
  Person,
  Role,
  UndoState,
  WorkspaceInfo,
} from './types.js';
import { EDITABLE_MEASURE_FIELDS, LEVELS } from './types.js';
import { filePath } from './paths.js';
import { isLocaleTag } from './parse.js';

const id = z.string().min(1, 'an id is required').max(200);
const path = filePath();
const name = z.string().trim().min(1, 'a name is required').max(500);
const empty = z.object({}).strict();

const patchShape = Object.fromEntries(EDITABLE_MEASURE_FIELDS.map((f) => [f, z.string().max(1_000_000).nullable().optional()])) as Record<
  (typeof EDITABLE_MEASURE_FIELDS)[number],
  z.ZodOptional<z.ZodNullable<z.ZodString>>
>;
export const measurePatchSchema = z.object(patchShape).strict();
/**
 * The user's locale (BCP 47, e.g. "de-DE"), sent with typed text: dates and numbers are read
 * in its order and marks (preload/contract/parse.ts). Absent: the runtime's default locale.
 */
export const localeSchema = z.string().max(35).refine(isLocaleTag, 'is not a language tag (for example de-DE or en-US)');

export interface AppInfo {
  version: string;
  workspace: WorkspaceInfo | null;
  recent: string[];
  /** True where the shell can show native open/save dialogs (the desktop app). */
  nativeDialogs: boolean;
  /** A folder the start screen suggests for new workspaces. */
  defaultFolder: string;
  /** Today as the app's clock says (the user's local day, or STEERCO_TODAY), YYYY-MM-DD. */
  today: string;
}

/** Workspace files, people, hierarchy, measures and undo: the walking skeleton. */
export const coreContract = {
  /** Version, open workspace, recent files. */
  'app:info': method<AppInfo>()(empty),
  /** Creates a new workspace file (`demo: true` fills it with the demo program) and opens it. */
  'workspace:create': method<WorkspaceInfo>()(z.object({ path, name: name.optional(), demo: z.boolean().optional() }).strict()),
  /** Opens a workspace file; refuses non-Steerco, newer-schema and damaged files untouched. */
  'workspace:open': method<WorkspaceInfo>()(z.object({ path }).strict()),
  'workspace:close': method<null>()(empty),
  /** Writes a consistent copy of the open workspace (SQLite backup) to a new file. */
  'workspace:saveCopy': method<{ path: string }>()(z.object({ path }).strict()),
  /** Asks the shell for a path with a native dialog; `unsupported` in browser mode. */
  'workspace:pickPath': method<{ path: string | null }>()(z.object({ mode: z.enum(['open', 'create', 'copy']) }).strict()),
  'workspace:check': method<CheckReport>()(empty),
  /** Chooses the person this copy acts as (recorded as the actor of every change). */
  'session:setActor': method<WorkspaceInfo>()(z.object({ personId: id.nullable() }).strict()),

  'nodes:list': method<HierarchyNode[]>()(empty),
  'nodes:create': method<HierarchyNode>()(
    z.object({ parentId: id.nullable(), name, level: z.enum(LEVELS).optional() }).strict(),
  ),
  'nodes:rename': method<HierarchyNode>()(z.object({ id, name }).strict()),
  /** Moves a node under a new parent of the level above it; `index` places it among siblings. */
  'nodes:move': method<HierarchyNode>()(z.object({ id, parentId: id.nullable(), index: z.number().int().min(0).optional() }).strict()),
  /** Deletes a node with everything under it (one undo step). */
  'nodes:delete': method<{ nodes: number; measures: number }>()(z.object({ id }).strict()),

  /** The measures of a node's subtree (or all); with `ids`, only those of them (to refresh rows that changed). `manual`: the statuses set by hand. */
  'measures:list': method<Measure[]>()(z.object({ nodeId: id.optional(), ids: z.array(id).max(20_000).optional() }).strict()),
  'measures:get': method<Measure>()(z.object({ id }).strict()),
  'measures:create': method<Measure>()(z.object({ nodeId: id, patch: measurePatchSchema.optional(), locale: localeSchema.optional() }).strict()),
  /**
   * Edits fields of one measure; people by id or exact name; '' or null clears. `custom`: custom field values by key.
   * Dates, numbers and money as typed, read in `locale`; a value that cannot be read is refused and nothing is written.
   * A status (implementationStatus / potentialStatus) is set by hand and needs `reason` (refused without, nothing
   * written); '' or null for a status goes back to the derived one.
   */
  'measures:update': method<Measure>()(
    z
      .object({
        id,
        patch: measurePatchSchema,
        custom: z.record(z.string().max(200), z.string().max(1_000_000).nullable()).optional(),
        locale: localeSchema.optional(),
        reason: z.string().max(10_000).optional(),
      })
      .strict(),
  ),
  'measures:move': method<Measure[]>()(z.object({ ids: z.array(id).min(1).max(100_000), nodeId: id }).strict()),
  'measures:delete': method<{ deleted: number }>()(z.object({ ids: z.array(id).min(1).max(100_000) }).strict()),
  /** Every change of a measure, newest first, from the change log. */
  'measures:history': method<HistoryEntry[]>()(z.object({ id }).strict()),

  'people:list': method<Person[]>()(empty),
  'people:create': method<Person>()(
    z.object({ name, email: z.string().trim().max(320).optional(), function: z.string().trim().max(200).optional(), roles: z.array(z.string()).optional() }).strict(),
  ),
  'people:update': method<Person>()(
    z.object({ id, name: name.optional(), email: z.string().trim().max(320).optional(), function: z.string().trim().max(200).optional(), roles: z.array(z.string()).optional() }).strict(),
  ),
  'people:delete': method<null>()(z.object({ id }).strict()),
  'roles:list': method<Role[]>()(empty),

  'history:state': method<UndoState>()(empty),
  /** Undoes this copy's last action (grid edit, paste, bulk edit, form). */
  'history:undo': method<UndoState & { done: string | null }>()(empty),
  'history:redo': method<UndoState & { done: string | null }>()(empty),
} as const;

export interface CoreEvents {
  /**
   * Data changed: which tables, so views reload only what they show. `rows` and `columns`:
   * the ids of the changed rows and the changed columns by table, when the action was small
   * enough to list them (a table missing from `columns` may have changed in any column).
   * `undo`: the undo and redo labels after a person's action (absent for other changes).
   */
  'workspace:changed': { tables: string[]; rows?: Record<string, string[]>; columns?: Record<string, string[]>; undo?: UndoState };
  /** A workspace was opened or closed. */
  'workspace:opened': { workspace: WorkspaceInfo | null };
  /**
   * The local day changed while a workspace is open (noticed on the next call, or within a
   * minute): statuses were re-derived for it (their rows come as workspace:changed), and
   * views that depend on today (late, overdue, due soon) should reload.
   */
  'clock:day': { today: string };
}
