import { randomUUID } from 'node:crypto';
import type { Database } from '../connection.js';
import { REPLICA_MAX_HLC_SQL, appendChange, existingRowKey, headAt, rowKeyOf, rowSeen, type Head } from '../change-rows.js';
import { clockOf, decodeValue, replicaId } from '../changes.js';
import { compareStamp } from '../hlc.js';
import { cachedStatement } from '../statements.js';
import { isSyncedColumn, type CellValue } from '../tables.js';
import { nowIso } from '../clock.js';

/** replica id → highest HLC of that replica's changes this copy holds. */
export type VersionVector = Record<string, string>;

/** One change as it travels in a bundle (value / oldValue are JSON text, as stored). */
export interface WireChange {
  hlc: string;
  replica: string;
  tbl: string;
  rowId: string;
  col: string;
  value: string | null;
  oldValue: string | null;
  baseHlc: string | null;
  baseReplica: string | null;
  actor: string;
  tx: string;
  /** The copy's person who entered it for `actor`; null when they acted for themselves. */
  enteredBy?: string | null;
  /** On a delete: what the deleting copy had seen of the row (JSON vector). */
  seen?: string | null;
}

export type MemberRole = 'admin' | 'member';
export type MemberStatus = 'active' | 'retired';

export interface MemberRow {
  /** The replica id of the member's copy. */
  id: string;
  name: string;
  publicKey: string;
  joinedVector: VersionVector;
  deleted: boolean;
  /** The person the copy belongs to (signs as), null for a copy not linked to a person yet. */
  personId: string | null;
  role: MemberRole;
  status: MemberStatus;
  /** For a retired copy: its last segment that is kept (later ones are refused). */
  retiredSeq: number | null;
  retiredReason: string;
}

/**
 * replica → highest HLC of that replica's changes this copy holds or has processed: the
 * log's, and the segments' (a segment whose last changes were refused still counts).
 */
export function localVector(db: Database): VersionVector {
  const rows = cachedStatement(db, REPLICA_MAX_HLC_SQL).all() as { replica: string; h: string }[];
  const out: VersionVector = Object.fromEntries(rows.map((r) => [r.replica, r.h]));
  for (const s of cachedStatement(db, 'SELECT origin, max(to_hlc) AS h FROM sync_segments GROUP BY origin').all() as { origin: string; h: string }[]) {
    if (!out[s.origin] || out[s.origin]! < s.h) out[s.origin] = s.h;
  }
  return out;
}

/** True when `a` covers `b`: it holds everything b holds. */
export function covers(a: VersionVector, b: VersionVector): boolean {
  for (const [r, h] of Object.entries(b)) if (!a[r] || a[r] < h) return false;
  return true;
}

/** Pointwise maximum: what a replica knows when it knows both. */
export function mergeVectors(a: VersionVector, b: VersionVector): VersionVector {
  const out: VersionVector = { ...a };
  for (const [r, h] of Object.entries(b)) if (!out[r] || out[r] < h) out[r] = h;
  return out;
}

const MEMBER_SQL = `SELECT id, name, public_key AS publicKey, joined_vector AS jv, deleted, person_id AS personId, role, status,
  retired_seq AS retiredSeq, retired_reason AS retiredReason FROM sync_members`;

interface MemberSqlRow {
  id: string;
  name: string;
  publicKey: string;
  jv: string;
  deleted: number;
  personId: string | null;
  role: MemberRole;
  status: MemberStatus;
  retiredSeq: number | null;
  retiredReason: string;
}

const toMember = (r: MemberSqlRow): MemberRow => ({
  id: r.id,
  name: r.name,
  publicKey: r.publicKey,
  joinedVector: parseVector(r.jv),
  deleted: r.deleted === 1,
  personId: r.personId,
  role: r.role,
  status: r.deleted === 1 ? 'retired' : r.status,
  retiredSeq: r.retiredSeq,
  retiredReason: r.retiredReason,
});

export function listMembers(db: Database): MemberRow[] {
  return (db.prepare(`${MEMBER_SQL} ORDER BY name, id`).all() as MemberSqlRow[]).map(toMember);
}

/** Retired members (an import looks for their late work every time: usually there are none). */
export function retiredMembers(db: Database): MemberRow[] {
  return (cachedStatement(db, `${MEMBER_SQL} WHERE status = 'retired' OR deleted = 1 ORDER BY name, id`).all() as MemberSqlRow[]).map(toMember);
}

export function getMember(db: Database, id: string): MemberRow | null {
  const r = cachedStatement(db, `${MEMBER_SQL} WHERE id = ?`).get(id) as MemberSqlRow | undefined;
  return r ? toMember(r) : null;
}

/** Active members other than `me`: the peers whose acknowledgement counts. */
export function activePeers(db: Database, me: string): MemberRow[] {
  return listMembers(db).filter((m) => m.status === 'active' && m.id !== me);
}

/** What a peer is known to hold: the vector its copy was made from, and what its bundles announced. */
export function peerAck(db: Database, m: MemberRow): VersionVector {
  return mergeVectors(m.joinedVector, peerVector(db, m.id));
}

export function parseVector(s: string | null | undefined): VersionVector {
  if (!s) return {};
  try {
    const v = JSON.parse(s) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

export function peerVector(db: Database, replica: string): VersionVector {
  const r = db.prepare('SELECT vector FROM sync_peers WHERE replica = ?').get(replica) as { vector: string } | undefined;
  return parseVector(r?.vector);
}

export function notePeerVector(db: Database, replica: string, vector: VersionVector): void {
  const merged = mergeVectors(peerVector(db, replica), vector);
  db.prepare('INSERT INTO sync_peers (replica, vector) VALUES (?, ?) ON CONFLICT(replica) DO UPDATE SET vector = excluded.vector').run(
    replica,
    JSON.stringify(merged),
  );
}

export interface ReceivedRow {
  replica: string;
  seq: number;
  sha256: string;
  file: string;
  changes: number;
  at: string;
}

export function receivedFrom(db: Database, replica: string): ReceivedRow[] {
  return db.prepare('SELECT * FROM sync_received WHERE replica = ? ORDER BY seq').all(replica) as ReceivedRow[];
}

/** The bundle number `seq` of `replica`, if this copy imported it. */
export function receivedOne(db: Database, replica: string, seq: number): ReceivedRow | undefined {
  return cachedStatement(db, 'SELECT * FROM sync_received WHERE replica = ? AND seq = ?').get(replica, seq) as ReceivedRow | undefined;
}

export function noteReceived(db: Database, r: Omit<ReceivedRow, 'at'>): void {
  db.prepare('INSERT OR REPLACE INTO sync_received (replica, seq, sha256, file, changes, at) VALUES (?, ?, ?, ?, ?, ?)').run(
    r.replica,
    r.seq,
    r.sha256,
    r.file,
    r.changes,
    nowIso(),
  );
}

/**
 * The changes of `origin` with an HLC in (after, upTo] as a segment's lines: JSON arrays
 * [hlc, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, entered_by, seen, tx],
 * sorted by HLC (unique per replica), written by SQLite itself (the same text as
 * JSON.stringify of the same values, without building them in JavaScript first).
 */
export function segmentLines(db: Database, origin: string, after: string | null, upTo: string): string[] {
  return cachedStatement(
    db,
    `SELECT json_array(hlc, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, entered_by, seen, tx)
       FROM change_log WHERE replica = ? AND hlc > ? AND hlc <= ? ORDER BY hlc`,
  )
    .pluck()
    .all(origin, after ?? '', upTo) as string[];
}

/** The highest HLC of this replica's own changes (null before its first change). */
export function ownHead(db: Database, replica: string): string | null {
  return (cachedStatement(db, 'SELECT max(hlc) AS h FROM change_log WHERE replica = ?').get(replica) as { h: string | null }).h;
}

export interface StoredChange extends WireChange {
  decoded: CellValue;
}

/** All changes of one cell with an HLC at or after `from`, oldest first. */
export function cellChanges(db: Database, tbl: string, rowId: string, col: string, from: string): StoredChange[] {
  const rows = cachedStatement(
    db,
    `SELECT hlc, replica, tbl, row_id AS rowId, col, value, old_value AS oldValue, base_hlc AS baseHlc,
            base_replica AS baseReplica, actor, tx, entered_by AS enteredBy, seen
       FROM change_log WHERE row_key = (SELECT id FROM change_rows WHERE tbl = ? AND row_id = ?) AND col = ? AND hlc >= ? ORDER BY hlc, replica`,
  ).all(tbl, rowId, col, from) as WireChange[];
  return rows.map((r) => ({ ...r, decoded: decodeValue(r.value) }));
}

/** The latest change of every column of a row made at or after `from`. */
export function rowChangesSince(db: Database, tbl: string, rowId: string, from: string): StoredChange[] {
  const rows = cachedStatement(
    db,
    `SELECT hlc, replica, tbl, row_id AS rowId, col, value, old_value AS oldValue, base_hlc AS baseHlc,
            base_replica AS baseReplica, actor, tx, entered_by AS enteredBy, seen
       FROM change_log WHERE row_key = (SELECT id FROM change_rows WHERE tbl = ? AND row_id = ?) AND hlc >= ? ORDER BY hlc, replica`,
  ).all(tbl, rowId, from) as WireChange[];
  return rows.map((r) => ({ ...r, decoded: decodeValue(r.value) }));
}

export type { Head };

/** The head of a cell: its change with the highest (hlc, replica); null for a cell never written. */
export function cellHead(db: Database, tbl: string, rowId: string, col: string): Head | null {
  const key = existingRowKey(db, tbl, rowId);
  return key === undefined ? null : headAt(db, key, col);
}

export function changeAt(db: Database, tbl: string, rowId: string, col: string, head: Head): StoredChange | null {
  const r = cachedStatement(
    db,
    `SELECT hlc, replica, tbl, row_id AS rowId, col, value, old_value AS oldValue, base_hlc AS baseHlc,
            base_replica AS baseReplica, actor, tx, entered_by AS enteredBy, seen
       FROM change_log WHERE replica = ? AND hlc = ? AND row_key = (SELECT id FROM change_rows WHERE tbl = ? AND row_id = ?) AND col = ?`,
  ).get(head.replica, head.hlc, tbl, rowId, col) as WireChange | undefined;
  return r ? { ...r, decoded: decodeValue(r.value) } : null;
}

export const laterThan = (a: Head, b: Head | null): boolean => !b || compareStamp(a.hlc, a.replica, b.hlc, b.replica) > 0;

/*
 * Conflict evaluations kept per connection, by row: an open conflict is looked at by every
 * sync summary and status, and its cells rarely change in between. Every change to a row's
 * log passes through addConflictCandidate first (an import marks what it may have put in
 * conflict; the scan of new changes marks every other edit of an existing cell and of a
 * deleted row, before any evaluation is read), so marking a row forgets its evaluations;
 * a change taken out of the log (retirement) forgets them all.
 */
const evaluations = new WeakMap<Database, Map<string, Map<string, unknown>>>();
const rowOf = (tbl: string, rowId: string) => `${tbl}\u0000${rowId}`;

export function cachedEvaluation<T>(db: Database, kind: string, tbl: string, rowId: string, col: string, evaluate: () => T): T {
  let byRow = evaluations.get(db);
  if (!byRow) evaluations.set(db, (byRow = new Map()));
  let row = byRow.get(rowOf(tbl, rowId));
  if (!row) byRow.set(rowOf(tbl, rowId), (row = new Map()));
  const k = `${kind}\u0000${col}`;
  if (row.has(k)) return row.get(k) as T;
  const v = evaluate();
  row.set(k, v);
  return v;
}

/** Forgets the evaluations of one row, or of every row. */
export function forgetEvaluations(db: Database, tbl?: string, rowId?: string): void {
  if (tbl === undefined || rowId === undefined) evaluations.delete(db);
  else evaluations.get(db)?.delete(rowOf(tbl, rowId));
}

export function addConflictCandidate(db: Database, kind: 'cell' | 'delete', tbl: string, rowId: string, col: string): void {
  forgetEvaluations(db, tbl, rowId);
  cachedStatement(db, 'INSERT OR IGNORE INTO sync_conflict_cells (kind, tbl, row_id, col) VALUES (?, ?, ?, ?)').run(kind, tbl, rowId, col);
}

export function conflictCandidates(db: Database): { kind: 'cell' | 'delete'; tbl: string; rowId: string; col: string }[] {
  return cachedStatement(db, 'SELECT kind, tbl, row_id AS rowId, col FROM sync_conflict_cells ORDER BY tbl, row_id, col, kind').all() as {
    kind: 'cell' | 'delete';
    tbl: string;
    rowId: string;
    col: string;
  }[];
}

export function dropConflictCandidate(db: Database, kind: string, tbl: string, rowId: string, col: string): void {
  forgetEvaluations(db, tbl, rowId);
  cachedStatement(db, 'DELETE FROM sync_conflict_cells WHERE kind = ? AND tbl = ? AND row_id = ? AND col = ?').run(kind, tbl, rowId, col);
}

/**
 * Writes one cell as a new local change even when the value is unchanged: a conflict
 * resolution or a sync rename must be a change of its own so it supersedes every
 * concurrent edit on every replica. Call inside a transaction.
 */
export function writeForcedChange(
  db: Database,
  actor: string,
  tx: string,
  tbl: string,
  rowId: string,
  col: string,
  value: CellValue,
  enteredBy: string | null = null,
): void {
  if (!isSyncedColumn(tbl, col)) throw new Error(`Column ${tbl}.${col} is not writable`);
  const cur = db.prepare(`SELECT ${col} AS v FROM ${tbl} WHERE id = ?`).get(rowId) as { v: CellValue } | undefined;
  if (!cur) throw new Error(`No ${tbl} row ${rowId}`);
  db.prepare(`UPDATE ${tbl} SET ${col} = ? WHERE id = ?`).run(value, rowId);
  const { key } = rowKeyOf(db, tbl, rowId);
  const base = headAt(db, key, col);
  // Keeping a row deleted is a delete that has seen every edit so far.
  const seen = col === 'deleted' && value === 1 ? rowSeen(db, key) : null;
  const hlc = clockOf(db).tick();
  appendChange(db, { hlc, replica: replicaId(db), tbl, rowId, col, value: JSON.stringify(value), oldValue: JSON.stringify(cur.v), base, actor, tx, key, enteredBy, seen });
}

export const newTx = (): string => randomUUID();
