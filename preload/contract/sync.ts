import { z } from 'zod';
import { method } from './define.js';
import { filePath } from './paths.js';

const path = filePath('a path is required');
const empty = z.object({}).strict();
const cellValue = z.union([z.string().max(1_000_000), z.number(), z.null()]);

export interface SyncMember {
  replicaId: string;
  name: string;
  isSelf: boolean;
  /** Latest change this copy holds from that member's copy (ISO), null if none yet. */
  lastChangeAt: string | null;
  /** The person the copy belongs to (it signs as them), null when not linked to one. */
  personId: string | null;
  role: 'admin' | 'member';
  status: 'active' | 'retired';
  retiredReason: string;
  /** When this copy last took a bundle of that member (ISO), null if never. */
  lastSyncAt: string | null;
  /** Has not synced for longer than the stale window (`staleDays`). */
  stale: boolean;
  /** Bundles in the sync folder still kept only because this member has not acknowledged them. */
  holdsBack: { files: number; bytes: number };
}

export interface SyncStatus {
  replicaId: string;
  workspaceId: string;
  folder: string | null;
  autoSync: boolean;
  /** A member who has not synced for this many days is shown as stale, with what it costs. */
  staleDays: number;
  /** This copy is an administrator's: it may add and retire members. */
  isAdmin: boolean;
  members: SyncMember[];
  /** replica id → latest clock value held from it. */
  vector: Record<string, string>;
  openConflicts: number;
  lastSync: SyncSummary | null;
}

export interface SyncSummary {
  at: string;
  changesIn: number;
  changesOut: number;
  exported: string | null;
  imported: number;
  skipped: number;
  refused: { file: string; reason: string }[];
  /** Actions refused inside bundles that were otherwise taken: whose copy signed them, and why. */
  refusedChanges: { from: string; reason: string }[];
  /** Bundles kept until they can be applied, and what each waits for (a member's registration, an earlier bundle…). */
  gaps: string[];
  newConflicts: number;
  openConflicts: number;
  /** Evidence file contents taken from the folder, written to it, and files still waiting for theirs. */
  blobsIn: number;
  blobsOut: number;
  blobsMissing: string[];
  /** This copy's bundles removed from the folder because every member has them. */
  pruned: number;
  /** A checkpoint this copy wrote for members far behind (file name), or null. */
  checkpoint: string | null;
  /** Bytes this run wrote to the folder (its bundle and checkpoint). */
  bytesOut: number;
}

export interface ConflictSideView {
  value: string | number | null;
  col: string;
  /** The column in words ("Due date"). */
  field: string;
  /** Who made the edit (person name when known) and from which member's copy. */
  who: string;
  copy: string;
  at: string;
}

export interface SyncConflictView {
  id: string;
  kind: 'cell' | 'delete';
  tbl: string;
  rowId: string;
  col: string;
  /** What the row is, for people: "M-0012 Onboarding playbook". */
  label: string;
  /** The field in words: "Implementation status (set by hand)", never a column name. */
  field: string;
  current: ConflictSideView;
  others: ConflictSideView[];
}

export interface SyncProgressEvent {
  phase: 'import' | 'export' | 'done';
  done: number;
  total: number;
  file: string | null;
}

/** Sync through shared files: member copies, bundles, sync folder, conflicts. */
export const syncContract = {
  /** This copy, the members, the sync folder and the number of open conflicts. */
  'sync:status': method<SyncStatus>()(empty),
  /** Sets (or clears, with null) the sync folder of this copy; `auto` syncs when it changes. */
  'sync:setFolder': method<SyncStatus>()(
    z.object({ folder: path.nullable(), auto: z.boolean().optional(), staleDays: z.number().int().min(1, 'at least a day').max(365, 'at most a year').optional() }).strict(),
  ),
  /** Imports every new bundle from the sync folder, then writes this copy's bundle there. */
  'sync:now': method<SyncSummary>()(empty),
  /** Writes this copy's next bundle into a folder. */
  'sync:export': method<{ file: string | null; changes: number }>()(z.object({ dir: path }).strict()),
  /** Imports bundle files or every bundle in the given folders. */
  'sync:import': method<SyncSummary>()(z.object({ paths: z.array(path).min(1).max(10_000) }).strict()),
  /** Writes a new member copy of this workspace for a named person (own replica and key pair). */
  'members:add': method<{ path: string; replicaId: string }>()(z.object({ name: z.string().trim().min(1, 'a name is required').max(200), out: path }).strict()),
  /**
   * An administrator retires a member's copy (a person leaving, a lost laptop): its later
   * bundles are refused everywhere, its work is kept, nobody waits for it any more.
   */
  'members:retire': method<SyncStatus>()(z.object({ replicaId: z.string().min(1).max(100), reason: z.string().trim().max(1000).optional() }).strict()),
  'conflicts:list': method<SyncConflictView[]>()(empty),
  /** Resolves a conflict: `value` for a field (one of the sides or a new one), `restore` for edit vs delete. */
  'conflicts:resolve': method<{ resolved: string }>()(
    z.object({ id: z.string().min(1).max(1000), value: cellValue.optional(), restore: z.boolean().optional() }).strict(),
  ),
} as const;

export interface SyncEvents {
  /** Progress of a running "Sync now". */
  'sync:progress': SyncProgressEvent;
}
