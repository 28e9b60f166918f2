import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../db/connection.js';
import { getLocal, getMeta, setLocal } from '../../db/connection.js';
import { replicaId } from '../../db/changes.js';
import { deriveAfterWrite } from '../../db/derive.js';
import { parseHlc } from '../../db/hlc.js';
import { latestSchemaVersion, schemaVersion } from '../../db/migrate.js';
import {
  changeLinesAfter,
  getMember,
  listMembers,
  localVector,
  mergeVectors,
  notePeerVector,
  noteReceived,
  peerVector,
  receivedFrom,
  type WireChange,
} from '../../db/repositories/sync.js';
import { applyChanges } from './apply.js';
import { countOpen } from './conflicts.js';
import { BUNDLE_FORMAT, BundleRefused, bundleFileName, encodeBundle, parseBody, parseHeader, sha256, verifySignature, type BundleHeader } from './format.js';
import { ensureIdentity } from './identity.js';
import { nowIso, now as clockNow } from '../../db/clock.js';

export interface BuiltBundle {
  fileName: string;
  bytes: Buffer;
  header: BundleHeader;
  count: number;
}

/**
 * Every change the other members have not acknowledged yet, this copy's own and those it
 * relays from third copies. A peer acknowledges by the version vector in its bundles'
 * headers (or, before its first bundle, the vector its copy was made from).
 */
function unacknowledged(db: Database, me: string): unknown[][] {
  const peers = listMembers(db).filter((m) => !m.deleted && m.id !== me);
  if (peers.length === 0) return [];
  const acks = peers.map((p) => mergeVectors(p.joinedVector, peerVector(db, p.id)));
  const out: unknown[][] = [];
  let origins = 0;
  for (const [origin, max] of Object.entries(localVector(db))) {
    let floor: string | null = max;
    for (const a of acks) {
      const h = a[origin] ?? null;
      if (h === null || (floor !== null && h < floor)) floor = h;
      if (floor === null) break;
    }
    if (floor !== null && floor >= max) continue;
    origins++;
    for (const line of changeLinesAfter(db, origin, floor)) out.push(line);
  }
  if (origins < 2) return out; // one origin's lines come sorted by clock already
  // Lines start with [hlc, replica]: sort by clock, ties by replica.
  const keyed = out.map((l) => ({ k: `${l[0] as string}\u0000${l[1] as string}`, l }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map((x) => x.l);
}

/** Builds this copy's next bundle; null when there is nothing new to tell anyone. */
export function buildBundle(db: Database, actor: string): BuiltBundle | null {
  const { replica, privateKey } = ensureIdentity(db, actor);
  const changes = unacknowledged(db, replica);
  const vector = localVector(db);
  if (changes.length === 0 && getLocal(db, 'sync_out_vector') === JSON.stringify(vector)) return null;
  const seq = Number(getLocal(db, 'sync_out_seq') ?? 0) + 1;
  const header = {
    format: BUNDLE_FORMAT,
    schemaVersion: schemaVersion(db),
    workspaceId: getMeta(db, 'workspace_id') ?? '',
    replica,
    seq,
    prevSha256: getLocal(db, 'sync_out_sha'),
    vector,
    createdAt: nowIso(),
  };
  const bytes = encodeBundle(header, changes, privateKey);
  return { fileName: bundleFileName(replica, seq), bytes, header: parseHeader(bytes).header, count: changes.length };
}

/** Marks a built bundle as written: the next one chains to it. */
export function commitBundle(db: Database, b: BuiltBundle): void {
  db.transaction(() => {
    setLocal(db, 'sync_out_seq', String(b.header.seq));
    setLocal(db, 'sync_out_sha', sha256(b.bytes));
    setLocal(db, 'sync_out_vector', JSON.stringify(b.header.vector));
  })();
}

export interface ExportResult {
  file: string | null;
  changes: number;
}

/** Writes the next bundle to `dir` as `*.tmp`, then renames it: readers never see half a bundle. */
export function exportBundle(db: Database, actor: string, dir: string): ExportResult {
  const b = buildBundle(db, actor);
  if (!b) return { file: null, changes: 0 };
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
  return { file, changes: b.count };
}

export interface ImportOutcome {
  file: string;
  status: 'imported' | 'skipped' | 'refused';
  reason: string | null;
  replica: string | null;
  seq: number | null;
  sha256: string;
  prevSha256: string | null;
  /** Changes this copy did not have. */
  changes: number;
  conflicts: number;
  tables: string[];
}

/** How far ahead of this computer's clock an incoming edit may be stamped (clock skew between laptops). */
export const MAX_CLOCK_AHEAD_MS = 24 * 3_600_000;

/** Checks everything a bundle claims before a single row is touched. */
function verify(db: Database, bytes: Buffer, fileSha: string, now: number): { header: BundleHeader; changes: WireChange[] } | { skip: string } {
  const { header, body } = parseHeader(bytes);
  const ws = getMeta(db, 'workspace_id');
  if (header.workspaceId !== ws) throw new BundleRefused('belongs to another workspace');
  if (header.schemaVersion > latestSchemaVersion()) {
    throw new BundleRefused(`was made by a newer Steerco (schema ${header.schemaVersion}, this one knows ${latestSchemaVersion()}); update Steerco`);
  }
  if (header.replica === replicaId(db)) return { skip: "this copy's own bundle" };
  const member = getMember(db, header.replica);
  if (!member) throw new BundleRefused(`comes from an unknown copy (${header.replica.slice(0, 8)}), not a member of this workspace`);
  if (member.deleted) throw new BundleRefused(`comes from ${member.name}, who was removed from this workspace`);
  if (!verifySignature(header, member.publicKey)) throw new BundleRefused(`signature does not match ${member.name}'s key (header forged or altered)`);
  if (sha256(body) !== header.bodySha256) throw new BundleRefused('body does not match its signed hash (changed or truncated)');
  const changes = parseBody(body, header.count);
  // A clock far ahead would win every later edit of every copy (highest stamp wins) and drag
  // their clocks along: such a bundle waits until the clocks agree.
  let newest = 0;
  for (const c of changes) newest = Math.max(newest, parseHlc(c.hlc).ms);
  const ahead = newest - now;
  if (ahead > MAX_CLOCK_AHEAD_MS) {
    const days = Math.ceil(ahead / 86_400_000);
    throw new BundleRefused(
      `carries edits stamped ${new Date(newest).toISOString().slice(0, 16).replace('T', ' ')} UTC, ${days} day${days === 1 ? '' : 's'} ahead of this computer's clock; check the date and time on ${member.name}'s computer and on this one (it is imported once they agree)`,
    );
  }
  const done = receivedFrom(db, header.replica);
  const same = done.find((r) => r.seq === header.seq);
  if (same && same.sha256 === fileSha) return { skip: 'already imported' };
  if (same) throw new BundleRefused(`a different bundle #${header.seq} from ${member.name} was already imported (replayed or forged)`);
  const last = done[done.length - 1];
  if (last && last.seq > header.seq) return { skip: `older than bundle #${last.seq} from ${member.name}, already imported (replay)` };
  return { header, changes };
}

/**
 * Verifies and applies one bundle in one transaction: all of it or none of it. Refused
 * and skipped bundles change nothing.
 */
/** `now`: this computer's clock (ms), which incoming edits may not be far ahead of. */
export function importBundle(db: Database, bytes: Buffer, file: string, now = clockNow()): ImportOutcome {
  const sha = sha256(bytes);
  const base = { file, sha256: sha, changes: 0, conflicts: 0, tables: [] as string[] };
  let v: ReturnType<typeof verify>;
  let hdr: BundleHeader | null = null;
  try {
    hdr = parseHeader(bytes).header;
  } catch {
    /* reported by verify */
  }
  const who = { replica: hdr?.replica ?? null, seq: hdr?.seq ?? null, prevSha256: hdr?.prevSha256 ?? null };
  try {
    v = verify(db, bytes, sha, now);
  } catch (e) {
    if (e instanceof BundleRefused) return { ...base, ...who, status: 'refused', reason: e.message };
    throw e;
  }
  if ('skip' in v) return { ...base, ...who, status: 'skipped', reason: v.skip };
  const { header, changes } = v;
  let result: ReturnType<typeof applyChanges>;
  // A big bundle touches many index pages; a larger page cache for the one transaction
  // keeps SQLite from spilling and rewriting them before the commit.
  const cache = db.pragma('cache_size', { simple: true }) as number;
  if (changes.length > 10_000) db.pragma('cache_size = -65536');
  try {
    result = db.transaction(() => {
      db.pragma('defer_foreign_keys = ON');
      const r = applyChanges(db, changes);
      // Derived statuses follow the imported facts in the same transaction.
      const derived = deriveAfterWrite(db, r.touched);
      for (const t of Object.keys(derived)) if (!r.tables.includes(t)) r.tables.push(t);
      notePeerVector(db, header.replica, header.vector);
      noteReceived(db, { replica: header.replica, seq: header.seq, sha256: sha, file, changes: r.applied });
      return r;
    })();
  } catch (e) {
    const msg = (e as Error).message;
    const reason = /FOREIGN KEY/.test(msg)
      ? 'refers to rows this copy does not have yet (import the bundles it builds on first)'
      : `could not be applied: ${msg}`;
    return { ...base, ...who, status: 'refused', reason };
  } finally {
    db.pragma(`cache_size = ${Math.trunc(cache)}`);
  }
  return { ...base, ...who, status: 'imported', reason: null, changes: result.applied, conflicts: countOpen(db, result.candidates), tables: result.tables };
}

/** Names of missing bundles: a replica's bundle whose predecessor was neither imported nor offered. */
export function findGaps(db: Database, outcomes: ImportOutcome[]): string[] {
  const known = new Set(outcomes.map((o) => o.sha256));
  const gaps: string[] = [];
  for (const o of outcomes) {
    if (o.status === 'refused' || !o.replica || o.seq === null || o.prevSha256 === null) continue;
    if (known.has(o.prevSha256)) continue;
    if (receivedFrom(db, o.replica).some((r) => r.sha256 === o.prevSha256)) continue;
    if (o.replica === replicaId(db)) continue;
    const name = getMember(db, o.replica)?.name ?? o.replica.slice(0, 8);
    gaps.push(`${bundleFileName(o.replica, o.seq - 1)} (from ${name}) is missing before ${bundleFileName(o.replica, o.seq)}`);
  }
  return gaps;
}
