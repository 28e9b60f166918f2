/**
 * The status engine: every shown implementation / potential status is `deriveStatuses`
 * (main/domain/value-status.ts) over the facts of `statusFacts`, and is stored in the
 * measures' cache columns (writeStatusCache, outside the change log) so that lists, roll-ups,
 * exports and the pack read it as a column.
 *
 * The cache is kept current by
 * - opening a workspace (installStatusEngine: every measure),
 * - a change of the local day while it is open (ApiSession.checkDay: every measure),
 * - every write, from the rows it touched, inside the write's transaction (the deriver
 *   db/derive.ts runs for runAction — edits, undo, redo — a sync import and a conflict
 *   resolution): only the measures those rows belong to, or every measure when the
 *   tolerance / stale window changed. Gate levels and gate settings feed neither rule (a
 *   measure's DI level is its own column, so a gate decision touches the measure row).
 */
import type { Database } from '../../db/connection.js';
import { localDay, today as clockToday } from '../../db/clock.js';
import { setDeriver, type DerivedRows, type TouchedRows } from '../../db/derive.js';
import { measuresOfRows, statusFacts, writeStatusCache, type StatusFactsRow } from '../../db/repositories/value-status.js';
import { getValueSettings } from '../../db/repositories/value.js';
import type { Rag, StatusInfo } from '../../preload/contract.js';
import { deriveStatuses, type Override, type StatusFacts } from '../domain/value-status.js';

export interface MeasureStatuses {
  implementation: StatusInfo;
  potential: StatusInfo;
}

/** Above this many touched measures one pass over all of them is cheaper than a list of ids. */
const FULL_PASS_FROM = 2000;

/** Tables whose change re-derives every measure (the rules' settings). */
const ALL_MEASURES_TABLES = new Set(['value_settings']);

function override(status: string | null, reason: string | null, by: string | null, at: string | null): Override | null {
  return status ? { status: status as Rag, reason: reason ?? '', by, at } : null;
}

function lastDayOf(f: StatusFactsRow): string | null {
  let last: string | null = null;
  for (const x of [f.updatedAt, f.valueUpdatedAt, f.implAt, f.potAt]) if (x && (last === null || x > last)) last = x;
  if (last === null) return null;
  const d = new Date(last);
  return Number.isNaN(d.getTime()) ? null : localDay(d);
}

function factsOf(f: StatusFactsRow): StatusFacts {
  return {
    total: f.msTotal,
    overdue: f.msOverdue,
    slipping: f.msSlipping,
    reference: f.reference,
    estimate: f.estimate,
    lastDay: lastDayOf(f),
    implementation: override(f.implOverride, f.implReason, f.implBy, f.implAt),
    potential: override(f.potOverride, f.potReason, f.potBy, f.potAt),
  };
}

/** Statuses of the given measures derived from scratch (with the derived value, manual status and staleness): what value:get shows. */
export function statusesOf(db: Database, ids: readonly string[], day = clockToday()): Map<string, MeasureStatuses> {
  const settings = getValueSettings(db);
  return new Map(statusFacts(db, ids, day).map((f) => [f.id, deriveStatuses(factsOf(f), day, settings)]));
}

/**
 * Re-derives the statuses of `ids` (every live measure for null) on `day` and stores those
 * that changed in the cache. Returns the ids whose cached status changed.
 */
export function rederive(db: Database, ids: readonly string[] | null, day = clockToday()): string[] {
  if (ids !== null && ids.length === 0) return [];
  const settings = getValueSettings(db);
  const writes: { id: string; implementation: string; potential: string }[] = [];
  for (const f of statusFacts(db, ids !== null && ids.length > FULL_PASS_FROM ? null : ids, day)) {
    const s = deriveStatuses(factsOf(f), day, settings);
    if (s.implementation.status !== f.implementationStatus || s.potential.status !== f.potentialStatus) {
      writes.push({ id: f.id, implementation: s.implementation.status, potential: s.potential.status });
    }
  }
  writeStatusCache(db, writes);
  return writes.map((w) => w.id);
}

/** The measures whose statuses the touched rows can change; null for every measure. */
export function measuresTouched(db: Database, touched: TouchedRows): string[] | null {
  const ids = new Set<string>();
  for (const [table, rows] of touched) {
    if (ALL_MEASURES_TABLES.has(table)) return null;
    if (table === 'measures') for (const id of rows) ids.add(id);
    else for (const id of measuresOfRows(db, table, [...rows])) ids.add(id);
  }
  return [...ids];
}

/** The deriver run after every write (db/derive.ts): re-derives the touched measures. */
export function deriveTouched(db: Database, touched: TouchedRows): DerivedRows {
  const changed = rederive(db, measuresTouched(db, touched));
  return changed.length ? { measures: changed } : {};
}

/** Hooks the engine into a freshly opened workspace and brings its cache up to `day`. Returns the measures whose status changed. */
export function installStatusEngine(db: Database, day = clockToday()): string[] {
  setDeriver(db, deriveTouched);
  return db.transaction(() => rederive(db, null, day))();
}
