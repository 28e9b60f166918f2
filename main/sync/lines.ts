import type { WireChange } from '../../db/repositories/sync.js';
import { isDerivedColumn, isSyncedColumn, isSyncedTable, type CellValue } from '../../db/tables.js';
import { BundleRefused, HLC_RE } from './format.js';

/** A change read from a segment line, with its decoded value and, if it cannot be applied, why. */
export interface LineChange extends WireChange {
  enteredBy: string | null;
  seen: string | null;
  decoded: CellValue;
  /** The line as it was signed, kept for a refused action (sync_refused). */
  line: string;
  /** Why the line itself is unusable (the whole action is then refused); null when well-formed. */
  problem: string | null;
}

const NOT_SCALAR = Symbol('not a scalar');
const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** The value a JSON text stands for, if it is a cell value (null, string or number). */
const PLAIN_INT = /^-?(0|[1-9]\d{0,14})$/;

function decodeScalar(v: unknown): CellValue | typeof NOT_SCALAR {
  if (v === null) return null;
  if (typeof v !== 'string') return NOT_SCALAR;
  // The common cases without a second JSON.parse: a plain string, a whole number.
  if (v.length >= 2 && v.charCodeAt(0) === 34 && v.charCodeAt(v.length - 1) === 34 && v.indexOf('\\') < 0 && v.indexOf('"', 1) === v.length - 1) {
    const s = v.slice(1, -1);
    // eslint-disable-next-line no-control-regex
    if (!/[\u0000-\u001f]/.test(s)) return s;
  }
  if (PLAIN_INT.test(v)) return Number(v);
  try {
    const x = JSON.parse(v) as unknown;
    return x === null || typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x)) ? x : NOT_SCALAR;
  } catch {
    return NOT_SCALAR;
  }
}

/**
 * Parses a segment body whose hash checked out. A line that is not a change at all makes
 * the segment unreadable; a well-formed line that writes outside the allow-list or outside
 * the segment's clock range keeps its problem, and the action holding it is refused.
 */
export function parseLines(body: Buffer, count: number, origin: string, from: string | null, to: string): LineChange[] {
  const text = body.toString('utf8');
  const lines = text.length === 0 ? [] : text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length !== count) throw new BundleRefused(`holds ${lines.length} changes but its header says ${count}`);
  let prev = from ?? '';
  return lines.map((line, i) => {
    let a: unknown;
    try {
      a = JSON.parse(line);
    } catch {
      throw new BundleRefused(`change ${i + 1} is unreadable`);
    }
    if (!Array.isArray(a) || a.length !== 12) throw new BundleRefused(`change ${i + 1} is malformed`);
    const [hlc, tbl, rowId, col, value, oldValue, baseHlc, baseReplica, actor, enteredBy, seen, tx] = a as unknown[];
    if (!isStr(hlc) || !HLC_RE.test(hlc) || !isStr(tbl) || !isStr(rowId) || !isStr(col) || !isStr(actor) || !isStr(tx)) {
      throw new BundleRefused(`change ${i + 1} is malformed`);
    }
    if (!isStrOrNull(baseHlc) || (baseHlc !== null && !HLC_RE.test(baseHlc)) || !isStrOrNull(baseReplica) || !isStrOrNull(enteredBy) || !isStrOrNull(seen)) {
      throw new BundleRefused(`change ${i + 1} is malformed`);
    }
    const decoded = decodeScalar(value);
    let problem: string | null = null;
    if (hlc <= prev || hlc > to) problem = 'is stamped outside its segment (out of order)';
    else if (decoded === NOT_SCALAR || decodeScalar(oldValue) === NOT_SCALAR) problem = 'has a malformed value';
    else if (!isSyncedTable(tbl)) problem = `writes table "${tbl}", which is not synced`;
    else if (!isSyncedColumn(tbl, col) && !isDerivedColumn(tbl, col)) problem = `writes column ${tbl}.${col}, which is not synced`;
    else if (rowId.length === 0 || rowId.length > 200) problem = 'names no row';
    prev = hlc > prev ? hlc : prev;
    return {
      hlc,
      replica: origin,
      tbl,
      rowId,
      col,
      value: value as string | null,
      oldValue: oldValue as string | null,
      baseHlc,
      baseReplica,
      actor,
      enteredBy,
      seen,
      tx,
      decoded: decoded === NOT_SCALAR ? null : decoded,
      line,
      problem,
    };
  });
}

/** Consecutive lines of one transaction: one user action, accepted or refused as a whole. */
export function groupByTx<T extends { tx: string }>(changes: T[]): T[][] {
  const out: T[][] = [];
  for (const c of changes) {
    const last = out[out.length - 1];
    if (last && last[0]!.tx === c.tx) last.push(c);
    else out.push([c]);
  }
  return out;
}
