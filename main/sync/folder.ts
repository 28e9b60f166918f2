import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Database } from '../../db/connection.js';
import { replicaId } from '../../db/changes.js';
import { getMember } from '../../db/repositories/sync.js';
import { markFile, pendingSummary } from '../../db/repositories/sync-store.js';
import { buildBundle, importBundle, writeBundle, type ImportOutcome } from './bundles.js';
import { openConflicts } from './conflicts.js';
import { presentSegments, scanFolder, type FolderFile } from './folder-index.js';
import { BUNDLE_EXT } from './format.js';
import { exportBlobs, importBlobs } from './blobs.js';
import { planFolder, pruneFolder } from './prune.js';
import type { SyncSummary as ContractSyncSummary } from '../../preload/contract/sync.js';

export interface SyncProgress {
  phase: 'import' | 'export' | 'done';
  done: number;
  total: number;
  file: string | null;
}

/** The contract's summary of a run (without its time), and the tables it changed (for the views). */
export type SyncSummary = Omit<ContractSyncSummary, 'at'> & { tables: string[] };

/** Explicit bundle files and folders (`sync import FILE|DIR …`): a folder's finished bundles in name order. */
export function bundleFiles(db: Database, paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) out.push(...scanFolder(db, p).map((f) => f.path));
    else if (p.endsWith(BUNDLE_EXT) || statSync(p).isFile()) out.push(p);
  }
  return out;
}

/** Imports bundles, each in its own transaction; a scanned folder's files already handled are not read again. */
export async function importFiles(db: Database, files: string[], onProgress?: (p: SyncProgress) => void, scanned?: FolderFile[]): Promise<ImportOutcome[]> {
  const known = new Map((scanned ?? []).map((f) => [f.path, f]));
  const todo = files.filter((f) => !known.get(f)?.done);
  const outcomes: ImportOutcome[] = [];
  let done = 0;
  for (const f of todo) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(f);
    } catch (e) {
      outcomes.push({ file: f, status: 'refused', reason: `could not be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, replica: null, seq: null, sha256: '', changes: 0, conflicts: 0, tables: [], refusedChanges: [], waiting: [], retry: true });
      continue;
    }
    // Let progress events reach the window between bundles (each import is synchronous).
    await new Promise((r) => setImmediate(r));
    const o = importBundle(db, bytes, basename(f));
    o.file = f;
    outcomes.push(o);
    if (known.has(f)) markFile(db, resolve(dirname(f)), basename(f), !(o.status === 'refused' && o.retry), o.status, o.reason);
    onProgress?.({ phase: 'import', done: ++done, total: todo.length, file: basename(f) });
  }
  // Files refused before (and still in the folder) are named again in every summary.
  for (const f of scanned ?? []) {
    if (f.done && f.outcome === 'refused') outcomes.push({ file: f.path, status: 'refused', reason: f.reason, replica: f.writer, seq: null, sha256: '', changes: 0, conflicts: 0, tables: [], refusedChanges: [], waiting: [] });
  }
  return outcomes;
}

/** Bundle files an administrator's copy lets pile up before it writes a checkpoint. */
export const CHECKPOINT_AFTER_FILES = 48;

/**
 * "Sync now": import every new bundle in the folder, then write this copy's bundle there (only
 * when it has something new), remove this copy's bundles everyone has, and — on an
 * administrator's copy, when bundles pile up for a member far behind — write a checkpoint.
 */
export interface SyncOptions {
  /** Remove this copy's bundles nobody needs any more (default true). */
  prune?: boolean;
  /** Held-back bundles after which an administrator's copy writes a checkpoint (default CHECKPOINT_AFTER_FILES; 0: never). */
  checkpointAfter?: number;
}

export async function syncFolder(db: Database, actor: string, folder: string, onProgress?: (p: SyncProgress) => void, opts: SyncOptions = {}): Promise<SyncSummary> {
  mkdirSync(folder, { recursive: true });
  const scanned = scanFolder(db, folder);
  const outcomes = await importFiles(db, scanned.map((f) => f.path), onProgress, scanned);
  const blobs = importBlobs(db, [folder]);
  onProgress?.({ phase: 'export', done: 0, total: 1, file: null });
  // Contents first: a copy that sees the bundle finds the files its evidence rows name.
  const blobsOut = exportBlobs(db, folder);
  const b = buildBundle(db, actor, { present: presentSegments(scanned) });
  const exported = b ? writeBundle(db, b, folder) : null;
  let after = scanFolder(db, folder);
  const checkpoint = maybeCheckpoint(db, actor, folder, after, opts.checkpointAfter ?? CHECKPOINT_AFTER_FILES);
  if (checkpoint) after = scanFolder(db, folder);
  const bytesOut = (b?.bytes.length ?? 0) + (checkpoint ? (after.find((f) => f.name === checkpoint)?.size ?? 0) : 0);
  const pruned = opts.prune === false ? 0 : pruneFolder(db, folder, after);
  onProgress?.({ phase: 'done', done: 1, total: 1, file: exported ? basename(exported) : null });
  return { ...summarize(db, outcomes, exported, b?.count ?? 0, { blobsIn: blobs.imported, blobsOut, blobsMissing: blobs.missing }, pruned, checkpoint), bytesOut };
}

/** Writes this copy's bundle to `dir` (a USB stick…), leaving out what the folder holds already. */
export function exportToFolder(db: Database, actor: string, dir: string): { file: string | null; changes: number } {
  mkdirSync(dir, { recursive: true });
  const b = buildBundle(db, actor, { present: presentSegments(scanFolder(db, dir)) });
  return b ? { file: writeBundle(db, b, dir), changes: b.count } : { file: null, changes: 0 };
}

function maybeCheckpoint(db: Database, actor: string, folder: string, files: FolderFile[], after: number): string | null {
  if (after <= 0) return null;
  const self = getMember(db, replicaId(db));
  if (!self || self.role !== 'admin' || self.status !== 'active') return null;
  const held = planFolder(db, files).heldBack.filter((h) => !h.file.header?.checkpoint);
  if (held.length < after) return null;
  // Each checkpoint holds all a member far behind lacks, so it grows while they stay away:
  // a new one only once what piled up since is half the size of the last one, which keeps
  // the bytes ever written to about three times the final checkpoint instead of growing
  // with the square of the absence.
  const last = Math.max(0, ...files.filter((f) => f.header?.checkpoint).map((f) => f.size));
  if (held.reduce((n, h) => n + h.file.size, 0) * 2 < last) return null;
  const b = buildBundle(db, actor, { checkpoint: true });
  return b ? basename(writeBundle(db, b, folder)) : null;
}

export function summarize(
  db: Database,
  outcomes: ImportOutcome[],
  exported: string | null,
  changesOut: number,
  blobs: { blobsIn: number; blobsOut: number; blobsMissing: string[] } = { blobsIn: 0, blobsOut: 0, blobsMissing: [] },
  pruned = 0,
  checkpoint: string | null = null,
): SyncSummary {
  const tables = new Set<string>();
  for (const o of outcomes) o.tables.forEach((t) => tables.add(t));
  const waiting = pendingSummary(db).map((p) => `${p.file} (from ${getMember(db, p.origin)?.name ?? `copy ${p.origin.slice(0, 8)}`}) is kept until it can be applied: it waits for ${p.waiting}`);
  return {
    changesIn: outcomes.reduce((n, o) => n + o.changes, 0),
    changesOut,
    exported: exported ? basename(exported) : null,
    imported: outcomes.filter((o) => o.status === 'imported').length,
    skipped: outcomes.filter((o) => o.status === 'skipped').length,
    refused: outcomes.filter((o) => o.status === 'refused').map((o) => ({ file: basename(o.file), reason: o.reason ?? 'refused' })),
    refusedChanges: outcomes.flatMap((o) => o.refusedChanges),
    gaps: [...new Set(waiting)],
    newConflicts: outcomes.reduce((n, o) => n + o.conflicts, 0),
    openConflicts: openConflicts(db).length,
    ...blobs,
    pruned,
    checkpoint,
    bytesOut: 0,
    tables: [...tables],
  };
}
