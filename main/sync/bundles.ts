import { basename } from 'node:path';
import type { Database } from '../../db/connection.js';
import { getMeta } from '../../db/connection.js';
import { latestSchemaVersion } from '../../db/migrate.js';
import { getMember, localVector, notePeerVector, noteReceived, receivedOne } from '../../db/repositories/sync.js';
import { listPending } from '../../db/repositories/sync-store.js';
import { now as clockNow } from '../../db/clock.js';
import { deriveAfterWrite } from '../../db/derive.js';
import { countOpen } from './conflicts.js';
import { BUNDLE_FORMAT, BUNDLE_NAME_RE, BundleDeferred, BundleRefused, checkBundleHeader, headerJson, sha256, splitSegments, verifyBundleSignature, type BundleHeader } from './format.js';
import { BUNDLE_FORMAT_V1 } from './format-v1.js';
import { importLegacy } from './legacy.js';
import { importSegment, memberName, newScope, type ImportScope, type RefusedAction, type SegmentResult } from './segment-import.js';
import { sealOwn } from './segments.js';
import { takeBackAfterRetirement } from './retire.js';

export { buildBundle, commitBundle, exportBundle, writeBundle, type BuiltBundle, type ExportResult } from './export.js';

export interface ImportOutcome {
  file: string;
  /** pending: everything new in it waits for something this copy does not have yet (see `waiting`). */
  status: 'imported' | 'skipped' | 'refused' | 'pending';
  reason: string | null;
  /** The copy that wrote the bundle. */
  replica: string | null;
  seq: number | null;
  sha256: string;
  /** Changes this copy did not have (kept changes of earlier bundles included). */
  changes: number;
  conflicts: number;
  tables: string[];
  /** Actions refused, each with whose copy signed it and why. */
  refusedChanges: RefusedAction[];
  /** What its pending segments wait for. */
  waiting: string[];
  /** Refused for now only (clocks apart…): read again on the next sync. */
  retry?: boolean;
}

/** How far ahead of this computer's clock an incoming edit may be stamped (clock skew between laptops). */
export const MAX_CLOCK_AHEAD_MS = 24 * 3_600_000;

interface Verified {
  header: BundleHeader;
  segments: Buffer[];
  /** The writer is a known, active member whose acknowledgement counts. */
  ackCounts: boolean;
}

/** Checks what the bundle's writer claims before a single row is touched. */
function verifyBundle(db: Database, scope: ImportScope, json: Record<string, unknown>, body: Buffer, file: string, fileSha: string): Verified | { skip: string } {
  const header = checkBundleHeader(json);
  if (header.workspaceId !== getMeta(db, 'workspace_id')) throw new BundleRefused('belongs to another workspace');
  if (header.schemaVersion > latestSchemaVersion()) {
    throw new BundleRefused(`was made by a newer Steerco (schema ${header.schemaVersion}, this one knows ${latestSchemaVersion()}); update Steerco`);
  }
  const name = BUNDLE_NAME_RE.exec(basename(file));
  if (name && (name[1] !== header.writer || Number(name[2]) !== header.seq)) {
    const holds = header.writer === scope.me ? "this copy's own" : `${memberName(scope, header.writer)}'s`;
    const named = name[1] === scope.me ? "this copy's own" : `${memberName(scope, name[1]!)}'s`;
    throw new BundleRefused(`is named as ${named} bundle #${Number(name[2])} but holds ${holds} bundle #${header.seq}: it was renamed`);
  }
  const writer = getMember(db, header.writer);
  if (writer && !verifyBundleSignature(header, writer.publicKey)) throw new BundleRefused(`signature does not match ${writer.name}'s key (header forged or altered)`);
  if (header.writer === scope.me) {
    if (!writer) throw new BundleRefused("claims to be this copy's own bundle, but this copy is not registered");
    return { skip: "this copy's own bundle" };
  }
  const done = receivedOne(db, header.writer, header.seq);
  if (done && (done.sha256 === fileSha || done.sha256 === '')) return { skip: 'already imported' };
  if (done && writer) throw new BundleRefused(`a different bundle #${header.seq} from ${writer.name} was already imported (replayed or forged)`);
  const segments = splitSegments(header, body);
  return { header, segments, ackCounts: !!writer && writer.status === 'active' };
}

/**
 * Verifies and applies one bundle in one transaction: every segment's origin signature, then
 * each segment action by action (refused actions are named, kept aside, and change nothing);
 * segments that build on something not here yet are kept and applied as soon as it comes,
 * in this import or a later one. A refused bundle changes nothing at all.
 * `now`: this computer's clock (ms), which incoming edits may not be far ahead of.
 */
export function importBundle(db: Database, bytes: Buffer, file: string, now = clockNow()): ImportOutcome {
  const sha = sha256(bytes);
  const base: ImportOutcome = { file, status: 'refused', reason: null, replica: null, seq: null, sha256: sha, changes: 0, conflicts: 0, tables: [], refusedChanges: [], waiting: [] };
  const parsed = headerJson(bytes);
  if (!parsed) return { ...base, reason: 'not a Steerco bundle, or truncated (no header line)' };
  const format = parsed.json.format;
  if (format === BUNDLE_FORMAT_V1) return importLegacy(db, bytes, file, base);
  if (format !== BUNDLE_FORMAT) return { ...base, reason: `not a Steerco bundle (format ${String(format)})` };
  base.replica = typeof parsed.json.writer === 'string' ? parsed.json.writer : null;
  base.seq = typeof parsed.json.seq === 'number' ? parsed.json.seq : null;
  // A big bundle touches many index pages; a larger page cache for the one transaction
  // keeps SQLite from spilling and rewriting them before the commit.
  const cache = db.pragma('cache_size', { simple: true }) as number;
  if (bytes.length > 2_000_000) db.pragma('cache_size = -65536');
  try {
    return db.transaction(() => {
      db.pragma('defer_foreign_keys = ON');
      // What this copy holds: the context its own new changes are sealed with, and the
      // starting point of the import (sealing adds nothing this vector does not hold).
      const vector = localVector(db);
      sealOwn(db, vector);
      const scope = newScope(db, vector);
      const v = verifyBundle(db, scope, parsed.json, parsed.body, file, sha);
      if ('skip' in v) return { ...base, status: 'skipped', reason: v.skip } satisfies ImportOutcome;
      const results: SegmentResult[] = v.segments.map((s) => importSegment(scope, s, basename(file), now, MAX_CLOCK_AHEAD_MS));
      results.push(...retryPending(scope, now));
      const takenBack = takeBackAfterRetirement(db, scope.touched);
      // Derived statuses follow the imported facts in the same transaction.
      const derived = Object.keys(deriveAfterWrite(db, scope.touched));
      if (v.ackCounts) notePeerVector(db, v.header.writer, v.header.vector);
      const applied = results.reduce((n, r) => n + r.applied, 0);
      noteReceived(db, { replica: v.header.writer, seq: v.header.seq, sha256: sha, file: basename(file), changes: applied });
      const candidates = results.flatMap((r) => r.candidates);
      const tables = [...new Set([...results.flatMap((r) => r.tables), ...takenBack, ...derived])];
      const mine = results.slice(0, v.segments.length);
      const refusedChanges = results.flatMap((r) => r.refused);
      const allPending = mine.length > 0 && mine.every((r) => r.state === 'pending');
      const nothingNew = mine.length > 0 && mine.every((r) => r.state === 'held') && applied === 0 && refusedChanges.length === 0;
      return {
        ...base,
        status: allPending ? 'pending' : nothingNew ? 'skipped' : 'imported',
        reason: allPending ? `kept until it can be applied: it waits for ${mine[0]!.waiting ?? 'what it builds on'}` : nothingNew ? 'nothing new (already here)' : null,
        changes: applied,
        conflicts: countOpen(db, candidates),
        tables,
        refusedChanges,
        waiting: [...new Set(results.map((r) => r.waiting).filter((w): w is string => w !== null))],
      } satisfies ImportOutcome;
    })();
  } catch (e) {
    if (e instanceof BundleRefused) return { ...base, status: 'refused', reason: e.message, retry: e instanceof BundleDeferred };
    const msg = (e as Error).message;
    const reason = /FOREIGN KEY/.test(msg) ? 'refers to rows this copy does not have yet (import the bundles it builds on first)' : `could not be applied: ${msg}`;
    return { ...base, status: 'refused', reason };
  } finally {
    db.pragma(`cache_size = ${Math.trunc(cache)}`);
  }
}

/** Kept segments whose origin was registered, or whose predecessor arrived, in the meantime. */
function retryPending(scope: ImportScope, now: number): SegmentResult[] {
  const out: SegmentResult[] = [];
  for (let progress = true; progress; ) {
    progress = false;
    for (const p of listPending(scope.db)) {
      let r: SegmentResult;
      try {
        r = importSegment(scope, p.bytes, p.file, now, MAX_CLOCK_AHEAD_MS);
      } catch (e) {
        // A kept segment that turns out forged once its origin is known: dropped, and said so.
        if (!(e instanceof BundleRefused)) throw e;
        scope.db.prepare('DELETE FROM sync_pending WHERE origin = ? AND seq = ?').run(p.origin, p.seq);
        out.push({ state: 'applied', applied: 0, refused: [{ from: memberName(scope, p.origin), reason: `${p.file}: ${e.message}` }], waiting: null, candidates: [], tables: [] });
        continue;
      }
      if (r.state !== 'pending') {
        progress = true;
        out.push(r);
      }
    }
  }
  return out;
}
