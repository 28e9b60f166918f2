import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { VersionVector } from '../../db/repositories/sync.js';

/**
 * Bundle format 2. A bundle file is one JSON header line, signed by the copy that wrote it
 * (its writer), then its body: one or more segments back to back. A segment is one copy's
 * own changes in a run of its clock, signed by that copy (its origin): one JSON header line,
 * then one JSON array per change (NDJSON), sorted by HLC. A segment travels unchanged
 * whoever relays it, so every change carries its origin's signature; the writer's
 * signature covers its header (its acknowledgement vector and the list of segments), which
 * carries the body's sha256.
 */
export const BUNDLE_FORMAT = 'steerco-bundle/2';
export const SEGMENT_FORMAT = 'steerco-segment/1';
export const BUNDLE_EXT = '.stbundle';

export interface SegmentHeader {
  origin: string;
  seq: number;
  /** The origin's changes with an HLC in (from, to]; from = null for its first segment. */
  from: string | null;
  to: string;
  count: number;
  /** What the origin knew when it made these changes (its version vector). */
  deps: VersionVector;
  createdAt: string;
  bodySha256: string;
  signature: string;
}

export interface SegmentRef {
  origin: string;
  seq: number;
  to: string;
  /** Bytes of the segment (header line and lines) in the bundle body. */
  size: number;
  /** sha256 of the segment's header line, which its origin signed and which carries its body's sha256. */
  headerSha256: string;
}

export interface BundleHeader {
  format: string;
  schemaVersion: number;
  workspaceId: string;
  writer: string;
  seq: number;
  /** The writer's version vector: what it holds, its acknowledgement to every other copy. */
  vector: VersionVector;
  createdAt: string;
  /** A checkpoint: every segment some active copy lacks, so a copy far behind reads one file. */
  checkpoint: boolean;
  segments: SegmentRef[];
  /**
   * sha256 over the segments' header hashes: with them, the writer's signature covers every
   * byte (each header carries its body's hash) without hashing the body a second time.
   */
  bodySha256: string;
  signature: string;
}

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

const sortVector = (v: VersionVector): VersionVector => Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)));

export function newKeyPair(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  };
}

// Parsed keys by their text: a sync verifies a few signatures per bundle with the same keys.
const keyCache = new Map<string, KeyObject>();
function keyOf(text: string, kind: 'private' | 'public'): KeyObject {
  let k = keyCache.get(text);
  if (!k) {
    const der = Buffer.from(text, 'base64');
    k = kind === 'private' ? createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) : createPublicKey({ key: der, format: 'der', type: 'spki' });
    if (keyCache.size > 256) keyCache.clear();
    keyCache.set(text, k);
  }
  return k;
}

export function signBytes(bytes: Buffer, privateKey: string): string {
  return sign(null, bytes, keyOf(privateKey, 'private')).toString('base64');
}

export function verifyBytes(bytes: Buffer, signature: string, publicKey: string): boolean {
  try {
    return verify(null, bytes, keyOf(publicKey, 'public'), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** The bytes a segment's signature covers: its header fields in a fixed order, and the workspace. */
function segmentSigned(workspaceId: string, h: Omit<SegmentHeader, 'signature'>): Buffer {
  return Buffer.from(JSON.stringify([SEGMENT_FORMAT, workspaceId, h.origin, h.seq, h.from, h.to, h.count, sortVector(h.deps), h.createdAt, h.bodySha256]), 'utf8');
}

function bundleSigned(h: Omit<BundleHeader, 'signature'>): Buffer {
  const segs = h.segments.map((s) => [s.origin, s.seq, s.to, s.size, s.headerSha256]);
  return Buffer.from(
    JSON.stringify([h.format, h.schemaVersion, h.workspaceId, h.writer, h.seq, sortVector(h.vector), h.createdAt, h.checkpoint, segs, h.bodySha256]),
    'utf8',
  );
}

/** A segment's body: one JSON array per change (arrays, or their JSON text), each followed by a newline. */
export function segmentBody(lines: (unknown[] | string)[]): Buffer {
  if (lines.length === 0) return Buffer.alloc(0);
  const parts = lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l)));
  parts.push('');
  return Buffer.from(parts.join('\n'), 'utf8');
}

/** The hashes the writer signs: one per segment (of its header line). */
export const segmentsDigest = (refs: { headerSha256: string }[]): string => sha256(refs.map((r) => r.headerSha256).join('\n'));

/** Signs a segment of this copy's changes; returns its header and its bytes (header line + body). */
export function encodeSegment(
  workspaceId: string,
  fields: Omit<SegmentHeader, 'signature' | 'bodySha256' | 'count'>,
  body: Buffer,
  count: number,
  privateKey: string,
): { header: SegmentHeader; bytes: Buffer } {
  const unsigned = { ...fields, deps: sortVector(fields.deps), count, bodySha256: sha256(body) };
  const header = { ...unsigned, signature: signBytes(segmentSigned(workspaceId, unsigned), privateKey) };
  return { header, bytes: segmentBytes(header, body) };
}

/** A segment's bytes: its header line, then its body (also for one rebuilt from what this copy holds). */
export function segmentBytes(header: SegmentHeader, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), body]);
}

export function encodeBundle(
  fields: Omit<BundleHeader, 'signature' | 'bodySha256' | 'segments' | 'format'>,
  segments: { header: SegmentHeader; bytes: Buffer }[],
  privateKey: string,
): Buffer {
  const refs = segments.map((s) => ({ origin: s.header.origin, seq: s.header.seq, to: s.header.to, size: s.bytes.length, headerSha256: sha256(s.bytes.subarray(0, s.bytes.indexOf(0x0a) + 1)) }));
  const unsigned = { format: BUNDLE_FORMAT, ...fields, vector: sortVector(fields.vector), segments: refs, bodySha256: segmentsDigest(refs) };
  const header = { ...unsigned, signature: signBytes(bundleSigned(unsigned), privateKey) };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), ...segments.map((s) => s.bytes)]);
}

/** A refusal with the reason a person reads. */
export class BundleRefused extends Error {}

/** A refusal for now (clocks apart, an older Steerco's bundle ahead of what is here): the file is read again later. */
export class BundleDeferred extends BundleRefused {}

export const HLC_RE = /^\d{15}\.\d{6}$/;
const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const isVector = (v: unknown): v is VersionVector =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => isStr(x) && HLC_RE.test(x));
const isSeq = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** The header line of a file, parsed as JSON (no checks yet); null when there is none. */
export function headerJson(bytes: Buffer): { json: Record<string, unknown>; body: Buffer } | null {
  const nl = bytes.indexOf(0x0a);
  if (nl < 0) return null;
  try {
    const json = JSON.parse(bytes.subarray(0, nl).toString('utf8')) as unknown;
    if (!json || typeof json !== 'object' || Array.isArray(json)) return null;
    return { json: json as Record<string, unknown>, body: bytes.subarray(nl + 1) };
  } catch {
    return null;
  }
}

/** Shape-checks a format-2 header (no trust decisions yet). */
export function checkBundleHeader(h: Record<string, unknown>): BundleHeader {
  const segs = h.segments;
  const ok =
    h.format === BUNDLE_FORMAT &&
    typeof h.schemaVersion === 'number' &&
    isStr(h.workspaceId) &&
    isStr(h.writer) &&
    isSeq(h.seq) &&
    isVector(h.vector) &&
    isStr(h.createdAt) &&
    typeof h.checkpoint === 'boolean' &&
    Array.isArray(segs) &&
    segs.every((s: unknown) => {
      const x = s as Partial<SegmentRef> | null;
      return (
        !!x && isStr(x.origin) && isSeq(x.seq) && isStr(x.to) && HLC_RE.test(x.to) && typeof x.size === 'number' && Number.isInteger(x.size) && x.size > 0 && isStr(x.headerSha256)
      );
    }) &&
    isStr(h.bodySha256) &&
    isStr(h.signature);
  if (!ok) throw new BundleRefused('header is incomplete or malformed');
  return h as unknown as BundleHeader;
}

export function verifyBundleSignature(h: BundleHeader, publicKey: string): boolean {
  const { signature, ...rest } = h;
  return verifyBytes(bundleSigned(rest), signature, publicKey);
}

/**
 * The body's segments, by the sizes the signed header gives, each segment's header line
 * checked against its signed hash (its body is checked against the hash in that header when
 * it is read).
 */
export function splitSegments(h: BundleHeader, body: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  if (segmentsDigest(h.segments) !== h.bodySha256) throw new BundleRefused('body does not match its signed hash (changed or truncated)');
  for (const s of h.segments) {
    if (at + s.size > body.length) throw new BundleRefused('body does not match its signed hash (changed or truncated)');
    const seg = body.subarray(at, at + s.size);
    const nl = seg.indexOf(0x0a);
    if (nl < 0 || sha256(seg.subarray(0, nl + 1)) !== s.headerSha256) throw new BundleRefused('body does not match its signed hash (changed or truncated)');
    out.push(seg);
    at += s.size;
  }
  if (at !== body.length) throw new BundleRefused('body does not match its signed hash (changed or truncated)');
  return out;
}

/** Splits and shape-checks one segment. */
export function parseSegment(bytes: Buffer): { header: SegmentHeader; body: Buffer } {
  const parsed = headerJson(bytes);
  if (!parsed) throw new BundleRefused('a segment has no readable header');
  const h = parsed.json;
  const ok =
    isStr(h.origin) &&
    isSeq(h.seq) &&
    isStrOrNull(h.from) &&
    (h.from === null || HLC_RE.test(h.from)) &&
    isStr(h.to) &&
    HLC_RE.test(h.to) &&
    typeof h.count === 'number' &&
    isVector(h.deps) &&
    isStr(h.createdAt) &&
    isStr(h.bodySha256) &&
    isStr(h.signature);
  if (!ok) throw new BundleRefused('a segment header is incomplete or malformed');
  return { header: h as unknown as SegmentHeader, body: parsed.body };
}

export function verifySegmentSignature(workspaceId: string, h: SegmentHeader, publicKey: string): boolean {
  const { signature, ...rest } = h;
  return verifyBytes(segmentSigned(workspaceId, rest), signature, publicKey);
}

/** `<writer>.<seq>.stbundle`: one name per copy and number, never rewritten. */
export const bundleFileName = (writer: string, seq: number): string => `${writer}.${String(seq).padStart(6, '0')}${BUNDLE_EXT}`;

export const BUNDLE_NAME_RE = /^([0-9a-f-]{36})\.(\d{6})\.stbundle$/;
