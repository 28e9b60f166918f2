import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Database } from '../../db/connection.js';
import { replicaId } from '../../db/changes.js';
import { activePeers, covers, localVector, peerAck, type MemberRow, type VersionVector } from '../../db/repositories/sync.js';
import { dropFile } from '../../db/repositories/sync-store.js';
import type { FolderFile } from './folder-index.js';
import type { SegmentRef } from './format.js';

/**
 * Which of the folder's bundles are no longer needed by anyone, and which are held back only
 * by members who have not acknowledged them yet. A segment is no longer needed when every
 * active member other than its origin has acknowledged it, or when a newer checkpoint in the
 * folder carries it (a member far behind reads that one file instead).
 */
export interface FolderPlan {
  /** This copy's own files that may be removed (only the writer removes a file). */
  removable: FolderFile[];
  /** Files (anyone's) still needed, with the members whose acknowledgement they wait for. */
  heldBack: { file: FolderFile; by: string[] }[];
}

function segmentNeededBy(s: SegmentRef, acks: { m: MemberRow; ack: VersionVector }[]): string[] {
  return acks.filter((a) => a.m.id !== s.origin && (a.ack[s.origin] ?? '') < s.to).map((a) => a.m.id);
}

export function planFolder(db: Database, files: FolderFile[]): FolderPlan {
  const me = replicaId(db);
  const mine = localVector(db);
  const peers = activePeers(db, me);
  // A peer's acknowledgement counts only once this copy holds everything it did: then this
  // copy also knows every member registered before it, whose acknowledgement counts too.
  const acks = peers.map((m) => ({ m, ack: peerAck(db, m) }));
  const trusted = acks.every((a) => covers(mine, a.ack));
  const checkpoints = files.filter((f) => f.header?.checkpoint);
  const inCheckpoint = (s: SegmentRef, f: FolderFile): boolean =>
    checkpoints.some((c) => c !== f && c.header!.createdAt >= f.header!.createdAt && c.header!.segments.some((x) => x.origin === s.origin && x.seq === s.seq));
  const removable: FolderFile[] = [];
  const heldBack: FolderPlan['heldBack'] = [];
  const newestOwn = Math.max(0, ...files.filter((f) => f.writer === me && f.header).map((f) => f.header!.seq));
  for (const f of files) {
    if (f.legacyVector && f.writer === me) {
      // A format-1 bundle of this copy (from before the update): gone once everyone has what it held.
      const held = f.legacyVector[me] ?? '';
      if (trusted && acks.every((a) => (a.ack[me] ?? '') >= held)) removable.push(f);
      continue;
    }
    if (!f.header) continue;
    const by = new Set<string>();
    for (const s of f.header.segments) if (!inCheckpoint(s, f)) segmentNeededBy(s, acks).forEach((id) => by.add(id));
    if (by.size > 0) {
      heldBack.push({ file: f, by: [...by] });
      continue;
    }
    // This copy's own file, needed by nobody: removed, except its newest (its latest acknowledgement).
    if (f.writer === me && trusted && f.header.seq < newestOwn) removable.push(f);
  }
  return { removable, heldBack };
}

/** Removes this copy's bundles nobody needs any more; returns how many. */
export function pruneFolder(db: Database, dir: string, files: FolderFile[]): number {
  const folder = resolve(dir);
  let n = 0;
  for (const f of planFolder(db, files).removable) {
    try {
      rmSync(f.path, { force: true });
      dropFile(db, folder, f.name);
      n++;
    } catch {
      // Still there (a locked file on a share): tried again on the next sync.
    }
  }
  return n;
}
