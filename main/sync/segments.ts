import type { Database } from '../../db/connection.js';
import { getLocal, getMeta } from '../../db/connection.js';
import { replicaId } from '../../db/changes.js';
import { localVector, ownHead, parseVector, segmentLines, type VersionVector } from '../../db/repositories/sync.js';
import { lastSegment, putSegment, refusedOf, type SegmentRecord } from '../../db/repositories/sync-store.js';
import { nowIso } from '../../db/clock.js';
import { encodeSegment, segmentBody, segmentBytes, sha256, type SegmentHeader } from './format.js';

export const KEY_SETTING = 'sync_private_key';

/** Recently built or read segments' bytes, so an export right after a seal does not rebuild them. */
const recent = new WeakMap<Database, Map<string, Buffer>>();

function remember(db: Database, origin: string, seq: number, bytes: Buffer): void {
  let m = recent.get(db);
  if (!m) recent.set(db, (m = new Map()));
  if (m.size > 64) m.delete(m.keys().next().value!);
  m.set(`${origin}\u0000${seq}`, bytes);
}

export function rememberSegment(db: Database, origin: string, seq: number, bytes: Buffer): void {
  remember(db, origin, seq, bytes);
}

/**
 * Seals this copy's changes made since its last segment into a new signed segment, with
 * what this copy knows now as its context. Called before every import and at every
 * export: changes made between two imports share one context, the one their author saw,
 * which is what other copies check them against. Returns null when there is nothing new
 * (or this copy has no signing key yet). `vector`: localVector(db), when the caller has it.
 */
export function sealOwn(db: Database, vector?: VersionVector): SegmentRecord | null {
  const key = getLocal(db, KEY_SETTING);
  if (!key) return null;
  const me = replicaId(db);
  const last = lastSegment(db, me);
  const from = last?.toHlc ?? null;
  const head = ownHead(db, me);
  if (!head || (from !== null && head <= from)) return null;
  const lines = segmentLines(db, me, from, head);
  const body = segmentBody(lines);
  const seq = (last?.seq ?? 0) + 1;
  const { header, bytes } = encodeSegment(getMeta(db, 'workspace_id') ?? '', { origin: me, seq, from, to: head, deps: vector ?? localVector(db), createdAt: nowIso() }, body, lines.length, key);
  const rec: SegmentRecord = {
    origin: me,
    seq,
    fromHlc: from,
    toHlc: head,
    count: lines.length,
    deps: JSON.stringify(header.deps),
    createdAt: header.createdAt,
    bodySha256: header.bodySha256,
    signature: header.signature,
    refused: 0,
  };
  putSegment(db, rec);
  remember(db, me, seq, bytes);
  return rec;
}

export function headerOf(rec: SegmentRecord): SegmentHeader {
  return {
    origin: rec.origin,
    seq: rec.seq,
    from: rec.fromHlc,
    to: rec.toHlc,
    count: rec.count,
    deps: parseVector(rec.deps),
    createdAt: rec.createdAt,
    bodySha256: rec.bodySha256,
    signature: rec.signature,
  };
}

/**
 * A segment as its origin signed it, rebuilt from what this copy holds: the origin's changes
 * in its clock range from the log, and the lines refused here. Null if it cannot be rebuilt
 * byte for byte (then it is not relayed: a relay is never re-signed).
 */
export function rebuildSegment(db: Database, rec: SegmentRecord): Buffer | null {
  const cached = recent.get(db)?.get(`${rec.origin}\u0000${rec.seq}`);
  if (cached) return cached;
  let lines = segmentLines(db, rec.origin, rec.fromHlc, rec.toHlc);
  if (rec.refused > 0) {
    // Lines start with ["<hlc>", so their text sorts by clock.
    const extra = refusedOf(db, rec.origin, rec.seq).flatMap((r) => r.lines.split('\n').filter(Boolean));
    lines = [...lines, ...extra].sort();
  }
  if (lines.length !== rec.count) return null;
  const body = segmentBody(lines);
  if (sha256(body) !== rec.bodySha256) return null;
  const bytes = segmentBytes(headerOf(rec), body);
  remember(db, rec.origin, rec.seq, bytes);
  return bytes;
}
