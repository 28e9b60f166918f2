import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Database } from '../../db/connection.js';
import { replicaId } from '../../db/changes.js';
import { receivedFrom } from '../../db/repositories/sync.js';
import { exportBundle, findGaps, importBundle, type ImportOutcome } from './bundles.js';
import { openConflicts } from './conflicts.js';
import { BUNDLE_EXT } from './format.js';
import { exportBlobs, importBlobs } from './blobs.js';

export interface SyncProgress {
  phase: 'import' | 'export' | 'done';
  done: number;
  total: number;
  file: string | null;
}

export interface SyncSummary {
  changesIn: number;
  changesOut: number;
  exported: string | null;
  imported: number;
  skipped: number;
  refused: { file: string; reason: string }[];
  gaps: string[];
  /** Conflicts this run opened, and all open ones now. */
  newConflicts: number;
  openConflicts: number;
  /** Evidence file contents taken from / written to the folder's blobs, and files still without content. */
  blobsIn: number;
  blobsOut: number;
  blobsMissing: string[];
  tables: string[];
}

const NAME_RE = /^([0-9a-f-]{36})\.(\d{6})\.stbundle$/;

/** Bundle files in a folder: finished ones only (never `*.tmp`), in replica and sequence order. */
export function bundleFiles(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) if (f.endsWith(BUNDLE_EXT) && !f.startsWith('.')) out.push(join(p, f));
    } else out.push(p);
  }
  return out;
}

/**
 * Imports bundles, each in its own transaction. A bundle from a member this copy has not
 * heard of yet (the member was added on a third copy) is retried after the others, whose
 * changes may introduce that member.
 */
export async function importFiles(db: Database, files: string[], onProgress?: (p: SyncProgress) => void): Promise<ImportOutcome[]> {
  const me = replicaId(db);
  const outcomes = new Map<string, ImportOutcome>();
  let pending = files.filter((f) => {
    const m = NAME_RE.exec(basename(f));
    if (!m) return true;
    if (m[1] === me) return false;
    // Named like a bundle already imported: no need to read it again.
    return !receivedFrom(db, m[1]!).some((r) => r.seq === Number(m[2]) && basename(r.file) === basename(f));
  });
  let done = 0;
  const total = pending.length;
  for (let pass = 0; pass < 5 && pending.length > 0; pass++) {
    const retry: string[] = [];
    for (const f of pending) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(f);
      } catch (e) {
        outcomes.set(f, { file: f, status: 'refused', reason: `could not be read: ${(e as Error).message}`, replica: null, seq: null, sha256: '', prevSha256: null, changes: 0, conflicts: 0, tables: [] });
        continue;
      }
      // Let progress events reach the window between bundles (each import is synchronous).
      await new Promise((r) => setImmediate(r));
      const o = importBundle(db, bytes, basename(f));
      o.file = f;
      outcomes.set(f, o);
      if (o.status === 'refused' && o.reason?.startsWith('comes from an unknown copy')) retry.push(f);
      else onProgress?.({ phase: 'import', done: ++done, total, file: basename(f) });
    }
    const progressed = [...outcomes.values()].some((o) => o.status === 'imported');
    if (!progressed || retry.length === pending.length) break;
    pending = retry;
  }
  return [...outcomes.values()];
}

/** "Sync now": import every new bundle in the folder, then write this copy's bundle there. */
export async function syncFolder(db: Database, actor: string, folder: string, onProgress?: (p: SyncProgress) => void): Promise<SyncSummary> {
  mkdirSync(folder, { recursive: true });
  const outcomes = await importFiles(db, bundleFiles([folder]), onProgress);
  const blobs = importBlobs(db, [folder]);
  onProgress?.({ phase: 'export', done: 0, total: 1, file: null });
  // Contents first: a copy that sees the bundle finds the files its evidence rows name.
  const blobsOut = exportBlobs(db, folder);
  const out = exportBundle(db, actor, folder);
  onProgress?.({ phase: 'done', done: 1, total: 1, file: out.file ? basename(out.file) : null });
  return summarize(db, outcomes, out.file, out.changes, { blobsIn: blobs.imported, blobsOut, blobsMissing: blobs.missing });
}

export function summarize(
  db: Database,
  outcomes: ImportOutcome[],
  exported: string | null,
  changesOut: number,
  blobs: { blobsIn: number; blobsOut: number; blobsMissing: string[] } = { blobsIn: 0, blobsOut: 0, blobsMissing: [] },
): SyncSummary {
  const tables = new Set<string>();
  for (const o of outcomes) o.tables.forEach((t) => tables.add(t));
  return {
    changesIn: outcomes.reduce((n, o) => n + o.changes, 0),
    changesOut,
    exported: exported ? basename(exported) : null,
    imported: outcomes.filter((o) => o.status === 'imported').length,
    skipped: outcomes.filter((o) => o.status === 'skipped').length,
    refused: outcomes.filter((o) => o.status === 'refused').map((o) => ({ file: basename(o.file), reason: o.reason ?? 'refused' })),
    gaps: findGaps(db, outcomes),
    newConflicts: outcomes.reduce((n, o) => n + o.conflicts, 0),
    openConflicts: openConflicts(db).length,
    ...blobs,
    tables: [...tables],
  };
}
