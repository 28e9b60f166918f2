import type { Database } from '../../db/connection.js';
import { getMeta } from '../../db/connection.js';
import { replicaId } from '../../db/changes.js';
import { getMember, localVector, type MemberRow, type VersionVector } from '../../db/repositories/sync.js';
import { allRefusedLines, dropPending, getSegment, putPending, putRefused, putSegment } from '../../db/repositories/sync-store.js';
import { applyChanges, type ApplyResult } from './apply.js';
import { Ctx } from './context.js';
import { BundleDeferred, BundleRefused, parseSegment, sha256, verifySegmentSignature, type SegmentHeader } from './format.js';
import { groupByTx, parseLines, type LineChange } from './lines.js';
import { txRefusal } from './rules/index.js';
import { isGoverned } from './rules/governed.js';
import { rememberSegment } from './segments.js';
import { cachedStatement } from '../../db/statements.js';
import { touch } from '../../db/derive.js';

/** An action an import refused, named for the sync summary. */
export interface RefusedAction {
  /** Whose copy signed it. */
  from: string;
  reason: string;
}

export interface SegmentResult {
  state: 'applied' | 'held' | 'pending';
  applied: number;
  refused: RefusedAction[];
  /** What a pending segment waits for. */
  waiting: string | null;
  candidates: ApplyResult['candidates'];
  tables: string[];
}

/** What one import (one transaction) knows while it works through segments. */
export interface ImportScope {
  db: Database;
  me: string;
  workspaceId: string;
  vector: VersionVector;
  refusedRows: Set<string>;
  names: Map<string, string>;
  /** Rows whose cells this import changed, by table: what the derivations after it look at. */
  touched: Map<string, Set<string>>;
}

/** `vector`: localVector(db), when the caller has it (the scope keeps and updates it). */
export function newScope(db: Database, vector: VersionVector = localVector(db)): ImportScope {
  const refusedRows = new Set<string>();
  for (const line of allRefusedLines(db)) addCreatedRow(refusedRows, JSON.parse(line) as unknown[]);
  return { db, me: replicaId(db), workspaceId: getMeta(db, 'workspace_id') ?? '', vector, refusedRows, names: new Map(), touched: new Map() };
}

function addCreatedRow(set: Set<string>, a: unknown[] | LineChange): void {
  const [tbl, rowId, col, base, old] = Array.isArray(a) ? [a[1], a[2], a[3], a[6], a[5]] : [a.tbl, a.rowId, a.col, a.baseHlc, a.oldValue];
  if (col === 'deleted' && base === null && old === null) set.add(`${String(tbl)}\u0000${String(rowId)}`);
}

export function memberName(scope: ImportScope, id: string): string {
  return getMember(scope.db, id)?.name ?? `an unknown copy (${id.slice(0, 8)})`;
}

function personName(db: Database, id: string): string {
  if (id.startsWith('user:')) return id.slice(5);
  const p = cachedStatement(db, 'SELECT name FROM people WHERE id = ?').get(id) as { name: string } | undefined;
  return p ? p.name : `"${id.slice(0, 40)}"`;
}

const day = (hlc: string) => new Date(Number(hlc.slice(0, 15))).toISOString().slice(0, 16).replace('T', ' ');

/** What a segment still needs before it can be checked against its origin's context; null when ready. */
function waitingFor(scope: ImportScope, h: SegmentHeader): string | null {
  const have = scope.vector[h.origin] ?? '';
  if (h.from !== null && have < h.from) return `${memberName(scope, h.origin)}'s earlier changes (before ${day(h.from)} UTC), from a bundle not seen yet`;
  for (const [r, need] of Object.entries(h.deps)) {
    if (r === h.origin || r === scope.me) continue;
    if ((scope.vector[r] ?? '') < need) return `${memberName(scope, r)}'s changes up to ${day(need)} UTC, which ${memberName(scope, h.origin)} had when making these`;
  }
  return null;
}

/**
 * Verifies one segment against its origin's key (a forged one refuses the whole bundle:
 * BundleRefused), then keeps it pending when this copy does not know the origin yet or lacks
 * what it builds on, or applies it: action by action, each checked against the context its
 * origin saw; a refused action is kept in sync_refused and named. Runs inside the import's
 * transaction.
 */
export function importSegment(scope: ImportScope, bytes: Buffer, file: string, now: number, maxAheadMs: number): SegmentResult {
  const { db } = scope;
  const empty = { applied: 0, refused: [], candidates: [], tables: [] };
  const { header: h, body } = parseSegment(bytes);
  if (h.origin === scope.me) {
    if (getSegment(db, h.origin, h.seq)?.bodySha256 === h.bodySha256) return { state: 'held', waiting: null, ...empty };
    throw new BundleRefused(`carries changes stamped as this copy's own (#${h.seq}), which this copy never made`);
  }
  const member: MemberRow | null = getMember(db, h.origin);
  if (!member) {
    const waiting = `the registration of the copy ${h.origin.slice(0, 8)}, not a member here yet`;
    putPending(db, { origin: h.origin, seq: h.seq, bytes, file, waiting });
    return { state: 'pending', waiting, ...empty };
  }
  if (!verifySegmentSignature(scope.workspaceId, h, member.publicKey)) {
    throw new BundleRefused(`holds changes said to be ${member.name}'s whose signature does not match ${member.name}'s key (forged or altered)`);
  }
  if (sha256(body) !== h.bodySha256) throw new BundleRefused(`body does not match its signed hash (changed or truncated): a segment of ${member.name}'s changes was altered`);
  const known = getSegment(db, h.origin, h.seq);
  if (known) {
    if (known.bodySha256 === h.bodySha256) return { state: 'held', waiting: null, ...empty };
    throw new BundleRefused(`holds a different #${h.seq} of ${member.name}'s changes than the one already imported (replayed or forged)`);
  }
  const ahead = Number(h.to.slice(0, 15)) - now;
  if (ahead > maxAheadMs) {
    const days = Math.ceil(ahead / 86_400_000);
    throw new BundleDeferred(
      `carries edits stamped ${day(h.to)} UTC, ${days} day${days === 1 ? '' : 's'} ahead of this computer's clock; check the date and time on ${member.name}'s computer and on this one (it is imported once they agree)`,
    );
  }
  const record = (refused: number) =>
    putSegment(db, {
      origin: h.origin,
      seq: h.seq,
      fromHlc: h.from,
      toHlc: h.to,
      count: h.count,
      deps: JSON.stringify(h.deps),
      createdAt: h.createdAt,
      bodySha256: h.bodySha256,
      signature: h.signature,
      refused,
    });
  const cut = member.status === 'retired' ? retiredAt(db, h.origin) : null;
  if (cut !== null && (h.from ?? '') >= cut) {
    // Processed (so what builds on it is not held up), nothing taken: made after the retirement.
    record(h.count);
    scope.vector[h.origin] = maxHlc(scope.vector[h.origin], h.to);
    dropPending(db, h.origin, h.seq);
    return { state: 'applied', waiting: null, ...empty, refused: [{ from: member.name, reason: `${member.name}'s copy was retired; its changes after the retirement are not taken` }] };
  }
  const waiting = waitingFor(scope, h);
  if (waiting) {
    putPending(db, { origin: h.origin, seq: h.seq, bytes, file, waiting });
    return { state: 'pending', waiting, ...empty };
  }
  dropPending(db, h.origin, h.seq);
  const have = scope.vector[h.origin] ?? '';
  if (have >= h.to) {
    // Every change of it is here already (a copy made later, a checkpoint): nothing to check.
    record(0);
    rememberSegment(db, h.origin, h.seq, bytes);
    return { state: 'held', waiting: null, ...empty };
  }
  const lines = parseLines(body, h.count, h.origin, h.from, h.to);
  const result = applyActions(scope, member, h, lines, cut);
  record(result.refusedLines);
  rememberSegment(db, h.origin, h.seq, bytes);
  scope.vector[h.origin] = maxHlc(scope.vector[h.origin], h.to);
  return { state: 'applied', waiting: null, applied: result.applied, refused: result.refused, candidates: result.candidates, tables: result.tables };
}

const maxHlc = (a: string | undefined, b: string): string => (a && a > b ? a : b);

/**
 * The clock stamp of a copy's retirement: its changes stamped after it are refused on every
 * copy, whatever order things arrive in; earlier ones are kept. '' for a copy removed before
 * retirement existed (none of its later work is taken).
 */
export function retiredAt(db: Database, replica: string): string {
  return (
    (cachedStatement(
      db,
      `SELECT l.hlc FROM change_rows r JOIN change_log l ON l.row_key = r.id
       WHERE r.tbl = 'sync_members' AND r.row_id = ? AND l.col = 'status' AND l.value = '"retired"' ORDER BY l.hlc DESC LIMIT 1`,
    )
      .pluck()
      .get(replica) as string | undefined) ?? ''
  );
}

function applyActions(scope: ImportScope, member: MemberRow, h: SegmentHeader, lines: LineChange[], cut: string | null) {
  const { db } = scope;
  const have = scope.vector[h.origin] ?? '';
  const base = new Ctx(db, h.deps, h.origin, h.from ?? '');
  const hasAnyMember = (cachedStatement(db, 'SELECT id FROM sync_members').pluck().all() as string[]).some((id) => base.exists('sync_members', id));
  const refused: RefusedAction[] = [];
  const candidates: ApplyResult['candidates'] = [];
  const tables = new Set<string>();
  let applied = 0;
  let refusedLines = 0;
  // Accepted actions are written in batches: one pass of the writer for a run of ordinary
  // actions; an action with a governed change first has everything before it written, as
  // its rules read the workspace the origin saw, its own earlier actions included.
  let batch: LineChange[] = [];
  const pendingRows = new Set<string>();
  const flush = () => {
    if (batch.length === 0) return;
    const r = applyChanges(db, batch);
    applied += r.applied;
    candidates.push(...r.candidates);
    r.tables.forEach((t) => tables.add(t));
    for (const [t, ids] of r.touched) for (const id of ids) touch(scope.touched, t, id);
    batch = [];
    pendingRows.clear();
  };
  for (const tx of groupByTx(lines)) {
    // Already here (this copy was made after them): a copy holds a prefix of each origin's changes.
    if (tx[tx.length - 1]!.hlc <= have) continue;
    if (tx.some((c) => isGoverned(c.tbl, c.col))) flush();
    const ctx = base.at(tx[0]!.hlc);
    const reason = cut !== null && tx[0]!.hlc > cut ? `${member.name}'s copy was retired; what it made after that is not taken` : txRefusal({
      db,
      ctx,
      changes: tx,
      refusedRows: scope.refusedRows,
      originName: member.name,
      hasAnyMember,
      personName: (id) => personName(db, id),
      pendingRows,
    });
    if (reason) {
      refusedLines += tx.length;
      putRefused(db, { origin: h.origin, seq: h.seq, tx: tx[0]!.tx, lines: tx.map((c) => c.line).join('\n'), reason });
      for (const c of tx) addCreatedRow(scope.refusedRows, c);
      refused.push({ from: member.name, reason });
      continue;
    }
    for (const c of tx) batch.push(c);
    for (const c of tx) if (c.col === 'deleted' && c.baseHlc === null && c.oldValue === null) pendingRows.add(`${c.tbl}\u0000${c.rowId}`);
    if (tx.some((c) => isGoverned(c.tbl, c.col))) flush();
  }
  flush();
  return { applied, refused, candidates, tables: [...tables], refusedLines };
}
