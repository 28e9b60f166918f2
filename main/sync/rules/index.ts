import { createHash } from 'node:crypto';
import type { Database } from '../../../db/connection.js';
import { existingRowKey } from '../../../db/change-rows.js';
import { decodeValue } from '../../../db/changes.js';
import { cachedStatement } from '../../../db/statements.js';
import type { Ctx } from '../context.js';
import type { LineChange } from '../lines.js';
import { columnProblem, referenceOf, requiredOnInsert, uniqueColumns } from './columns.js';
import { governedRefusal, isFirstRegistration, isGoverned } from './governed.js';
import { TxView } from './view.js';

/** Actors that are the app itself, not a person: workspace setup and sync's own renames. */
export const SYSTEM_ACTORS = new Set(['system', 'sync']);

export interface TxCheck {
  db: Database;
  ctx: Ctx;
  changes: LineChange[];
  /** `tbl\0rowId` of rows whose creation was refused (here or before): nothing may build on them. */
  refusedRows: Set<string>;
  /** The origin's member name, for messages. */
  originName: string;
  /** Whether the registry had any member in the origin's context. */
  hasAnyMember: boolean;
  /** People by id, for messages. */
  personName: (id: string) => string;
  /** `tbl\0rowId` of rows created by earlier actions of this import that are accepted but not written yet. */
  pendingRows?: Set<string>;
}

const HISTORY_SQL = `SELECT hlc, replica, col, value, old_value AS oldValue, base_hlc AS baseHlc, tx FROM change_log WHERE row_key = ? AND col = ? ORDER BY hlc`;

function fieldName(c: LineChange): string {
  return `${c.tbl}.${c.col}`;
}

/**
 * Why an imported action is refused, or null to apply it. All of an action or none of it:
 * one user action is never half applied. Checked in order: well-formed lines; the person
 * and copy it names (proof of authorship); every value against the column's limits; the
 * rows it builds on; its governed transitions.
 */
export function txRefusal(t: TxCheck): string | null {
  const { db, changes } = t;
  const v = new TxView(t.ctx, changes);
  const first = changes[0]!;
  for (const c of changes) if (c.problem) return `${fieldName(c)} ${c.problem}`;
  for (const c of changes) if (c.tx !== first.tx || c.actor !== first.actor || c.enteredBy !== first.enteredBy) return 'mixes authors within one action';

  const firstCopy = isFirstRegistration(v, t.hasAnyMember);
  const authorship = authorshipRefusal(t, v, firstCopy);
  if (authorship) return authorship;

  for (const c of changes) {
    const p = columnProblem(db, c.tbl, c.col, c.decoded);
    if (p) return `${fieldName(c)}: ${p}`;
    if (c.actor === 'sync' && !isRename(db, c)) return `${fieldName(c)} is written in the name of sync itself, which only renames duplicate codes`;
  }

  // Rows: those it changes must exist (or be created here); what they refer to must exist.
  // A row's changes come one after another (a writer logs a row's cells together), so the
  // action is walked in runs of one row; a row met again later is simply checked again.
  for (let i = 0; i < changes.length; ) {
    const { tbl, rowId } = changes[i]!;
    let j = i + 1;
    while (j < changes.length && changes[j]!.rowId === rowId && changes[j]!.tbl === tbl) j++;
    const k = `${tbl}\u0000${rowId}`;
    if (t.refusedRows.has(k)) return `changes a ${tbl} row whose creation was refused`;
    const pending = t.pendingRows?.has(k) ?? false;
    if (v.created.has(k) && !pending && !t.ctx.exists(tbl, rowId)) {
      const missing = requiredOnInsert(db, tbl).filter((col) => !changes.slice(i, j).some((c) => c.col === col) && !changes.some((c) => c.tbl === tbl && c.rowId === rowId && c.col === col));
      if (missing.length) return `creates a ${tbl} row without ${missing.join(', ')}`;
    } else if (!pending && !t.ctx.exists(tbl, rowId)) return `changes a ${tbl} row this copy does not have (it was never created)`;
    i = j;
  }
  const known = new Set<string>();
  for (const c of changes) {
    const ref = referenceOf(db, c.tbl, c.col);
    if (!ref || typeof c.decoded !== 'string') continue;
    const k = `${ref}\u0000${c.decoded}`;
    if (known.has(k)) continue;
    if (t.refusedRows.has(k)) return `${fieldName(c)} refers to a ${ref} row whose creation was refused`;
    if (!v.created.has(k) && !t.pendingRows?.has(k) && !t.ctx.exists(ref, c.decoded)) return `${fieldName(c)} refers to a ${ref} row this copy does not have`;
    known.add(k);
  }

  const history = (c: LineChange): LineChange[] => {
    const key = existingRowKey(db, c.tbl, c.rowId);
    if (key === undefined) return [];
    const rowsOf = cachedStatement(db, HISTORY_SQL).all(key, c.col) as { hlc: string; replica: string; col: string; value: string | null; oldValue: string | null; baseHlc: string | null; tx: string }[];
    return rowsOf.filter((r) => t.ctx.sees(r.replica, r.hlc)).map((r) => ({ ...c, ...r, decoded: decodeValue(r.value) }));
  };
  const seen = new Map<string, string | null>();
  for (const c of changes) {
    if (!isGoverned(c.tbl, c.col)) continue;
    // Rules about a whole row (a request, a decision…) are decided once per row.
    const rowRule = c.tbl !== 'measures' && c.tbl !== 'effect_values' && c.tbl !== 'sync_members' && !/^(undo|redo|resolve):/.test(c.tx);
    const k = rowRule ? `${c.tbl}\u0000${c.rowId}` : `${c.tbl}\u0000${c.rowId}\u0000${c.col}`;
    if (!seen.has(k)) seen.set(k, governedRefusal(v, c, firstCopy, history));
    const r = seen.get(k);
    if (r) return r;
  }
  return null;
}

/**
 * Proof of authorship: a copy signs as its person. Each change names that person as its
 * author, or — entered for someone else — as the one who typed it ("entered by X for Y").
 * A copy not linked to a person yet (registered before people were linked) can name no
 * typist. The app's own actors (setup, sync renames) are allowed to every copy.
 */
function authorshipRefusal(t: TxCheck, v: TxView, firstCopy: boolean): string | null {
  const origin = t.ctx.origin;
  const person = firstCopy ? v.get('sync_members', origin, 'person_id') : t.ctx.value('sync_members', origin, 'person_id');
  const { actor, enteredBy } = v;
  if (typeof person === 'string' && person !== '') {
    if (enteredBy === null && (actor === person || SYSTEM_ACTORS.has(actor))) return null;
    if (enteredBy === person && actor !== person) return null;
    const named = enteredBy ?? actor;
    return `names ${t.personName(named)} as its author, but it was signed by ${t.originName}'s copy (${t.personName(person)})`;
  }
  if (enteredBy !== null) return `names ${t.personName(enteredBy)} as who entered it, but ${t.originName}'s copy belongs to no person`;
  return null;
}

/** A change sync itself writes: a later duplicate code gets `-<8 hex of a hash of its row id>`. */
function isRename(db: Database, c: LineChange): boolean {
  const suffix = `-${createHash('sha256').update(c.rowId).digest('hex').slice(0, 8)}`;
  return typeof c.decoded === 'string' && c.decoded.endsWith(suffix) && uniqueColumns(db, c.tbl).includes(c.col);
}
