import type { Database } from '../connection.js';
import { cachedStatement } from '../statements.js';
import { nowIso } from '../clock.js';

/**
 * Local bookkeeping of sync (never synced): the signed segments this copy holds, segments
 * waiting for what they build on, actions refused on import, and the folder scan's cache.
 */

export interface SegmentRecord {
  origin: string;
  seq: number;
  fromHlc: string | null;
  toHlc: string;
  count: number;
  /** JSON version vector: what the origin knew when it made the segment. */
  deps: string;
  createdAt: string;
  bodySha256: string;
  signature: string;
  /** How many of its changes this copy refused (their lines are in sync_refused). */
  refused: number;
}

const SEG_COLS = `origin, seq, from_hlc AS fromHlc, to_hlc AS toHlc, count, deps, created_at AS createdAt, body_sha256 AS bodySha256, signature, refused`;

export function getSegment(db: Database, origin: string, seq: number): SegmentRecord | undefined {
  return cachedStatement(db, `SELECT ${SEG_COLS} FROM sync_segments WHERE origin = ? AND seq = ?`).get(origin, seq) as SegmentRecord | undefined;
}

/** The segment of `origin` with the highest number this copy holds. */
export function lastSegment(db: Database, origin: string): SegmentRecord | undefined {
  return cachedStatement(db, `SELECT ${SEG_COLS} FROM sync_segments WHERE origin = ? ORDER BY seq DESC LIMIT 1`).get(origin) as SegmentRecord | undefined;
}

/** Segments of `origin` whose changes reach past `after` (all for null), in order. */
export function segmentsAfter(db: Database, origin: string, after: string | null): SegmentRecord[] {
  return cachedStatement(db, `SELECT ${SEG_COLS} FROM sync_segments WHERE origin = ? AND to_hlc > ? ORDER BY seq`).all(origin, after ?? '') as SegmentRecord[];
}

export function putSegment(db: Database, s: SegmentRecord): void {
  cachedStatement(
    db,
    `INSERT INTO sync_segments (origin, seq, from_hlc, to_hlc, count, deps, created_at, body_sha256, signature, refused)
     VALUES (@origin, @seq, @fromHlc, @toHlc, @count, @deps, @createdAt, @bodySha256, @signature, @refused)`,
  ).run(s);
}

export interface PendingRow {
  origin: string;
  seq: number;
  bytes: Buffer;
  file: string;
  waiting: string;
  since: string;
}

export function putPending(db: Database, p: Omit<PendingRow, 'since'>): void {
  cachedStatement(
    db,
    `INSERT INTO sync_pending (origin, seq, bytes, file, waiting, since) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (origin, seq) DO UPDATE SET waiting = excluded.waiting`,
  ).run(p.origin, p.seq, p.bytes, p.file, p.waiting, nowIso());
}

export function listPending(db: Database): PendingRow[] {
  return cachedStatement(db, 'SELECT * FROM sync_pending ORDER BY origin, seq').all() as PendingRow[];
}

export function pendingSummary(db: Database): { origin: string; seq: number; file: string; waiting: string }[] {
  return cachedStatement(db, 'SELECT origin, seq, file, waiting FROM sync_pending ORDER BY origin, seq').all() as {
    origin: string;
    seq: number;
    file: string;
    waiting: string;
  }[];
}

export function dropPending(db: Database, origin: string, seq: number): void {
  cachedStatement(db, 'DELETE FROM sync_pending WHERE origin = ? AND seq = ?').run(origin, seq);
}

export function notePendingWaiting(db: Database, origin: string, seq: number, waiting: string): void {
  cachedStatement(db, 'UPDATE sync_pending SET waiting = ? WHERE origin = ? AND seq = ?').run(waiting, origin, seq);
}

export interface RefusedRow {
  origin: string;
  seq: number;
  tx: string;
  /** The refused action's segment lines (NDJSON). */
  lines: string;
  reason: string;
  at: string;
}

export function putRefused(db: Database, r: Omit<RefusedRow, 'at'>): void {
  cachedStatement(db, 'INSERT OR REPLACE INTO sync_refused (origin, seq, tx, lines, reason, at) VALUES (?, ?, ?, ?, ?, ?)').run(
    r.origin,
    r.seq,
    r.tx,
    r.lines,
    r.reason,
    nowIso(),
  );
}

export function refusedOf(db: Database, origin: string, seq: number): RefusedRow[] {
  return cachedStatement(db, 'SELECT * FROM sync_refused WHERE origin = ? AND seq = ?').all(origin, seq) as RefusedRow[];
}

/** Every refused line, for the rows whose creation was refused (a later change to them is refused too). */
export function allRefusedLines(db: Database): string[] {
  return (cachedStatement(db, 'SELECT lines FROM sync_refused').pluck().all() as string[]).flatMap((l) => l.split('\n')).filter(Boolean);
}

export interface FileRow {
  folder: string;
  name: string;
  size: number;
  mtimeMs: number;
  sha256: string;
  writer: string | null;
  /** The bundle header (JSON). */
  header: string;
  /** 1 once everything in it was imported, skipped or refused for good: a scan need not read it again. */
  done: number;
  outcome: string | null;
  reason: string | null;
}

export function filesIn(db: Database, folder: string): Map<string, FileRow> {
  const rows = cachedStatement(
    db,
    'SELECT folder, name, size, mtime_ms AS mtimeMs, sha256, writer, header, done, outcome, reason FROM sync_files WHERE folder = ?',
  ).all(folder) as FileRow[];
  return new Map(rows.map((r) => [r.name, r]));
}

export function putFile(db: Database, f: FileRow): void {
  cachedStatement(
    db,
    `INSERT INTO sync_files (folder, name, size, mtime_ms, sha256, writer, header, done, outcome, reason)
     VALUES (@folder, @name, @size, @mtimeMs, @sha256, @writer, @header, @done, @outcome, @reason)
     ON CONFLICT (folder, name) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, sha256 = excluded.sha256,
       writer = excluded.writer, header = excluded.header, done = excluded.done, outcome = excluded.outcome, reason = excluded.reason`,
  ).run(f);
}

export function dropFile(db: Database, folder: string, name: string): void {
  cachedStatement(db, 'DELETE FROM sync_files WHERE folder = ? AND name = ?').run(folder, name);
}

export function markFile(db: Database, folder: string, name: string, done: boolean, outcome: string, reason: string | null): void {
  cachedStatement(db, 'UPDATE sync_files SET done = ?, outcome = ?, reason = ? WHERE folder = ? AND name = ?').run(done ? 1 : 0, outcome, reason, folder, name);
}
