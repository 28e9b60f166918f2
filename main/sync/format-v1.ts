import { createPublicKey, verify } from 'node:crypto';
import type { VersionVector, WireChange } from '../../db/repositories/sync.js';
import { isDerivedColumn, isSyncedColumn, isSyncedTable, type CellValue } from '../../db/tables.js';
import { BundleRefused } from './format.js';

/**
 * Bundle format 1 (Steerco before verified authorship), read so that a folder shared with
 * copies not updated yet keeps working: line 1 is the JSON header signed by the copy that
 * wrote it, then one JSON array per change. Only the writer's own changes are proven by
 * that signature; changes it relayed from third copies are not taken from it (they arrive
 * from their own copy, signed by it). This version never writes format 1.
 */
export const BUNDLE_FORMAT_V1 = 'steerco-bundle/1';

export interface BundleHeaderV1 {
  format: string;
  schemaVersion: number;
  workspaceId: string;
  replica: string;
  seq: number;
  /** sha256 of this replica's previous bundle file, null for its first. */
  prevSha256: string | null;
  vector: VersionVector;
  count: number;
  bodySha256: string;
  createdAt: string;
  signature: string;
}

/** Header fields in a fixed order, without the signature: the bytes that are signed. */
function signedBytes(h: Omit<BundleHeaderV1, 'signature'>): Buffer {
  const vector = Object.fromEntries(Object.entries(h.vector).sort(([a], [b]) => (a < b ? -1 : 1)));
  const ordered = [h.format, h.schemaVersion, h.workspaceId, h.replica, h.seq, h.prevSha256, vector, h.count, h.bodySha256, h.createdAt];
  return Buffer.from(JSON.stringify(ordered), 'utf8');
}

const HLC_RE = /^\d{15}\.\d{6}$/;
const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** Splits and shape-checks a bundle; no trust decisions yet (see verifyHeader). */
export function parseHeaderV1(bytes: Buffer): { header: BundleHeaderV1; body: Buffer } {
  const nl = bytes.indexOf(0x0a);
  if (nl < 0) throw new BundleRefused('not a Steerco bundle, or truncated (no header line)');
  let h: Partial<BundleHeaderV1>;
  try {
    h = JSON.parse(bytes.subarray(0, nl).toString('utf8')) as Partial<BundleHeaderV1>;
  } catch {
    throw new BundleRefused('not a Steerco bundle (unreadable header)');
  }
  if (!h || h.format !== BUNDLE_FORMAT_V1) throw new BundleRefused(`not a Steerco bundle (format ${String(h?.format)})`);
  const ok =
    typeof h.schemaVersion === 'number' &&
    isStr(h.workspaceId) &&
    isStr(h.replica) &&
    typeof h.seq === 'number' &&
    isStrOrNull(h.prevSha256) &&
    !!h.vector &&
    typeof h.vector === 'object' &&
    Object.values(h.vector).every((v) => isStr(v) && HLC_RE.test(v)) &&
    typeof h.count === 'number' &&
    isStr(h.bodySha256) &&
    isStr(h.createdAt) &&
    isStr(h.signature);
  if (!ok) throw new BundleRefused('header is incomplete or malformed');
  return { header: h as BundleHeaderV1, body: bytes.subarray(nl + 1) };
}

export function verifySignatureV1(h: BundleHeaderV1, publicKey: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    const { signature, ...rest } = h;
    return verify(null, signedBytes(rest), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

const NOT_SCALAR = Symbol('not a scalar');

/** The value a JSON text stands for, if it is a cell value (null, string or number). */
function decodeScalar(v: unknown): CellValue | typeof NOT_SCALAR {
  if (v === null) return null;
  if (typeof v !== 'string') return NOT_SCALAR;
  try {
    const x = JSON.parse(v) as unknown;
    return x === null || typeof x === 'string' || typeof x === 'number' ? x : NOT_SCALAR;
  } catch {
    return NOT_SCALAR;
  }
}

/** A change read from a bundle, with its new value already decoded. */
export interface ParsedChange extends WireChange {
  decoded: CellValue;
}

/** Parses the body after its hash checked out; every table and column must be allow-listed. */
export function parseBodyV1(body: Buffer, count: number): ParsedChange[] {
  const text = body.toString('utf8');
  const lines = text.length === 0 ? [] : text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length !== count) throw new BundleRefused(`holds ${lines.length} changes but its header says ${count}`);
  return lines.map((line, i) => {
    let a: unknown;
    try {
      a = JSON.parse(line);
    } catch {
      throw new BundleRefused(`change ${i + 1} is unreadable`);
    }
    if (!Array.isArray(a) || a.length !== 11) throw new BundleRefused(`change ${i + 1} is malformed`);
    const [hlc, replica, tbl, rowId, col, value, oldValue, baseHlc, baseReplica, actor, tx] = a as unknown[];
    if (!isStr(hlc) || !HLC_RE.test(hlc) || !isStr(replica) || !isStr(tbl) || !isStr(rowId) || !isStr(col) || !isStr(actor) || !isStr(tx)) {
      throw new BundleRefused(`change ${i + 1} is malformed`);
    }
    if (!isStrOrNull(baseHlc) || (baseHlc !== null && !HLC_RE.test(baseHlc)) || !isStrOrNull(baseReplica)) {
      throw new BundleRefused(`change ${i + 1} has a malformed base`);
    }
    const decoded = decodeScalar(value);
    if (decoded === NOT_SCALAR || decodeScalar(oldValue) === NOT_SCALAR) throw new BundleRefused(`change ${i + 1} has a malformed value`);
    if (!isSyncedTable(tbl)) throw new BundleRefused(`change ${i + 1} writes table "${tbl}", which is not synced`);
    if (!isSyncedColumn(tbl, col) && !isDerivedColumn(tbl, col)) throw new BundleRefused(`change ${i + 1} writes column ${tbl}.${col}, which is not synced`);
    return { hlc, replica, tbl, rowId, col, value: value as string | null, oldValue: oldValue as string | null, baseHlc, baseReplica, actor, tx, decoded };
  });
}

