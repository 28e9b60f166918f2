import { randomUUID } from 'node:crypto';
import type { Database } from '../connection.js';
import { REPLICA_MAX_HLC_SQL, appendChange, existingRowKey, headAt, rowKeyOf, type Head } from '../change-rows.js';
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
}

export interface MemberRow {
  id: string;
  name: string;
  publicKey: string;
  joinedVector: VersionVector;
  deleted: boolean;
}

export function localVector(db: Database): VersionVector {
  const rows = cachedStatement(db, REPLICA_MAX_HLC_SQL).all() as { replica: string; h: string }[];
  return Object.fromEntries(rows.map((r) => [r.replica, r.h]));
}

/** Pointwise maximum: what a replica knows when it knows both. */
export function mergeVectors(a: VersionVector, b: VersionVector): VersionVector {
  const out: VersionVector = { ...a };
  for (const [r, h] of Object.entries(b)) if (!out[r] || out[r] < h) out[r] = h;
  return out;
}

export function listMembers(db: Database): MemberRow[] {
  const rows = db.prepare('SELECT id, name, public_key AS publicKey, joined_vector AS jv, deleted FROM sync_members ORDER BY name, id').all() as {
    id: string;
    name: string;
    publicKey: string;
    jv: string;
    deleted: number;
  }[];
  return rows.map((r) => ({ id: r.id, name: r.name, publicKey: r.publicKey, joinedVector: parseVector(r.jv), deleted: r.deleted === 1 }));
}

export function getMember(db: Database, id: string): MemberRow | null {
  return listMembers(db).find((m) => m.id === id) ?? null;
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

/** Changes of `origin` with an HLC after `after` (all of them for null), oldest first. */
export function changesAfter(db: Database, origin: string, after: string | null): WireChange[] {
  return cachedStatement(
    db,
    `SELECT hlc, replica, tbl, row_id AS rowId, col, value, old_value AS oldValue, base_hlc AS baseHlc,
            base_replica AS baseReplica, actor, tx
       FROM change_log WHERE replica = ? AND hlc > ? ORDER BY hlc`,
  ).all(origin, after ?? '') as WireChange[];
}

/**
 * The same changes as arrays in bundle-line order [hlc, replica, tbl, row_id, col, value,
 * old_value, base_hlc, base_replica, actor, tx]: export writes them without building objects.
 */
export function changeLinesAfter(db: Database, origin: string, after: string | null): unknown[][] {
  return cachedStatement(
    db,
    `SELECT hlc, replica, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, tx
       FROM change_log WHERE replica = ? AND hlc > ? ORDER BY hlc`,
  )
    .raw(true)
    .all(origin, after ?? '') as unknown[][];
}

export interface StoredChange extends WireChange {
  decoded: CellValue;
}

/** All changes of one cell with an HLC at or after `from`, oldest first. */
export function cellChanges(db: Database, tbl: string, rowId: string, col: string, from: string): StoredChange[] {
  const rows = cachedStatement(
    db,
    `SELECT hlc, replica, tbl, row_id AS rowId, col, value, old_value AS oldValue, base_hlc AS baseHlc,
            base_replica AS baseReplica, actor, tx
       FROM change_log WHERE row_key = (SELECT id FROM change_rows WHERE tbl = ? AND row_id = ?) AND col = ? AND hlc >= ? ORDER BY hlc, replica`,
  ).all(tbl, rowId, col, from) as WireChange[];
  return rows.map((r) => ({ ...r, decoded: decodeValue(r.value) }));
}

/** The latest change of every column of a row made at or after `from`. */
export function rowChangesSince(db: Database, tbl: string, rowId: string, from: string): StoredChange[] {
  const rows = cachedStatement(
    db,
    `SELECT hlc, replica, tbl, row_id AS rowId, col, value, old_value AS oldValue, base_hlc AS baseHlc,
            base_replica AS baseReplica, actor, tx
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
            base_replica AS baseReplica, actor, tx
       FROM change_log WHERE replica = ? AND hlc = ? AND row_key = (SELECT id FROM change_rows WHERE tbl = ? AND row_id = ?) AND col = ?`,
  ).get(head.replica, head.hlc, tbl, rowId, col) as WireChange | undefined;
  return r ? { ...r, decoded: decodeValue(r.value) } : null;
}

export const laterThan = (a: Head, b: Head | null): boolean => !b || compareStamp(a.hlc, a.replica, b.hlc, b.replica) > 0;

export function addConflictCandidate(db: Database, kind: 'cell' | 'delete', tbl: string, rowId: string, col: string): void {
  cachedStatement(db, 'INSERT OR IGNORE INTO sync_conflict_cells (kind, tbl, row_id, col) VALUES (?, ?, ?, ?)').run(kind, tbl, rowId, col);
}

export function conflictCandidates(db: Database): { kind: 'cell' | 'delete'; tbl: string; rowId: string; col: string }[] {
  return db.prepare('SELECT kind, tbl, row_id AS rowId, col FROM sync_conflict_cells ORDER BY tbl, row_id, col, kind').all() as {
    kind: 'cell' | 'delete';
    tbl: string;
    rowId: string;
    col: string;
  }[];
}

export function dropConflictCandidate(db: Database, kind: string, tbl: string, rowId: string, col: string): void {
  db.prepare('DELETE FROM sync_conflict_cells WHERE kind = ? AND tbl = ? AND row_id = ? AND col = ?').run(kind, tbl, rowId, col);
}

/**
 * Writes one cell as a new local change even when the value is unchanged: a conflict
 * resolution or a sync rename must be a change of its own so it supersedes every
 * concurrent edit on every replica. Call inside a transaction.
 */
export function writeForcedChange(db: Database, actor: string, tx: string, tbl: string, rowId: string, col: string, value: CellValue): void {
  if (!isSyncedColumn(tbl, col)) throw new Error(`Column ${tbl}.${col} is not writable`);
  const cur = db.prepare(`SELECT ${col} AS v FROM ${tbl} WHERE id = ?`).get(rowId) as { v: CellValue } | undefined;
  if (!cur) throw new Error(`No ${tbl} row ${rowId}`);
  db.prepare(`UPDATE ${tbl} SET ${col} = ? WHERE id = ?`).run(value, rowId);
  const { key } = rowKeyOf(db, tbl, rowId);
  const base = headAt(db, key, col);
  const hlc = clockOf(db).tick();
  appendChange(db, { hlc, replica: replicaId(db), tbl, rowId, col, value: JSON.stringify(value), oldValue: JSON.stringify(cur.v), base, actor, tx, key });
}

export const newTx = (): string => randomUUID();
