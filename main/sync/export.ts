import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../db/connection.js';
import { getLocal, getMeta, setLocal } from '../../db/connection.js';
import { schemaVersion } from '../../db/migrate.js';
import { activePeers, localVector, peerAck, type MemberRow, type VersionVector } from '../../db/repositories/sync.js';
import { segmentsAfter } from '../../db/repositories/sync-store.js';
import { nowIso } from '../../db/clock.js';
import { bundleFileName, checkBundleHeader, encodeBundle, headerJson, parseSegment, type BundleHeader, type SegmentHeader } from './format.js';
import { ensureIdentity } from './identity.js';
import { rebuildSegment, sealOwn } from './segments.js';

export interface BuiltBundle {
  fileName: string;
  bytes: Buffer;
  header: BundleHeader;
  count: number;
}

export interface BuildOptions {
  /** `origin\0seq` of the segments the target folder already holds: never written again. */
  present?: Set<string>;
  /** A checkpoint: every segment an active peer lacks, whatever the folder holds. */
  checkpoint?: boolean;
}

/** The lowest acknowledgement of `origin`'s changes among the peers that are not `origin`: null if one has none. */
function floorOf(acks: { id: string; ack: VersionVector }[], origin: string): string | null | undefined {
  let floor: string | null | undefined;
  for (const a of acks) {
    if (a.id === origin) continue;
    const h = a.ack[origin] ?? null;
    if (floor === undefined || h === null || (floor !== null && h < floor)) floor = h;
    if (floor === null) break;
  }
  return floor;
}

/**
 * The segments to write: each copy's segments (this copy's own new ones, and others' it
 * relays) that some active peer has not acknowledged and the folder does not hold yet.
 * With everyone syncing through one folder that is this copy's own new segment only; a
 * segment is relayed only where a peer demonstrably lacks it and cannot read it there.
 */
function segmentsToWrite(db: Database, me: string, peers: MemberRow[], opts: BuildOptions): { header: SegmentHeader; bytes: Buffer }[] {
  const acks = peers.map((p) => ({ id: p.id, ack: peerAck(db, p) }));
  const out: { header: SegmentHeader; bytes: Buffer }[] = [];
  if (acks.length === 0) return out;
  const origins = (db.prepare('SELECT DISTINCT origin FROM sync_segments ORDER BY origin').pluck().all() as string[]).sort((a, b) => (a === me ? -1 : b === me ? 1 : 0));
  for (const origin of origins) {
    const floor = floorOf(acks, origin);
    if (floor === undefined) continue;
    for (const rec of segmentsAfter(db, origin, floor)) {
      if (!opts.checkpoint && opts.present?.has(`${origin}\u0000${rec.seq}`)) continue;
      const bytes = rebuildSegment(db, rec);
      if (bytes) out.push({ header: parseSegment(bytes).header, bytes });
    }
  }
  return out;
}

/** Builds this copy's next bundle; null when there is nothing new to tell anyone. */
export function buildBundle(db: Database, actor: string, opts: BuildOptions = {}): BuiltBundle | null {
  const { replica: me, privateKey } = ensureIdentity(db, actor);
  sealOwn(db);
  const segments = segmentsToWrite(db, me, activePeers(db, me), opts);
  const vector = localVector(db);
  if (segments.length === 0 && (opts.checkpoint || getLocal(db, 'sync_out_vector') === JSON.stringify(vector))) return null;
  const seq = Number(getLocal(db, 'sync_out_seq') ?? 0) + 1;
  const bytes = encodeBundle(
    { schemaVersion: schemaVersion(db), workspaceId: getMeta(db, 'workspace_id') ?? '', writer: me, seq, vector, createdAt: nowIso(), checkpoint: !!opts.checkpoint },
    segments,
    privateKey,
  );
  const header = checkBundleHeader(headerJson(bytes)!.json);
  return { fileName: bundleFileName(me, seq), bytes, header, count: segments.reduce((n, s) => n + s.header.count, 0) };
}

/** Marks a built bundle as written: the next one is numbered after it. */
export function commitBundle(db: Database, b: BuiltBundle): void {
  db.transaction(() => {
    setLocal(db, 'sync_out_seq', String(b.header.seq));
    if (!b.header.checkpoint) setLocal(db, 'sync_out_vector', JSON.stringify(b.header.vector));
  })();
}

export interface ExportResult {
  file: string | null;
  changes: number;
  bytes: number;
}

/** Writes a built bundle to `dir` as `*.tmp`, then renames it: readers never see half a bundle. */
export function writeBundle(db: Database, b: BuiltBundle, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, b.fileName);
  if (existsSync(file)) throw new Error(`${file} already exists; this copy's bundle numbering is out of step with the folder.`);
  const tmp = `${file}.tmp`;
  try {
    writeFileSync(tmp, b.bytes);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  commitBundle(db, b);
  return file;
}

/** Writes the next bundle to `dir`, leaving out segments `present` says it already holds. */
export function exportBundle(db: Database, actor: string, dir: string, present?: Set<string>): ExportResult {
  const b = buildBundle(db, actor, { present });
  if (!b) return { file: null, changes: 0, bytes: 0 };
  return { file: writeBundle(db, b, dir), changes: b.count, bytes: b.bytes.length };
}
