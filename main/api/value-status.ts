import type { Database } from '../../db/connection.js';
import type { Writer } from '../../db/changes.js';
import { statusFacts, type StatusFactsRow } from '../../db/repositories/value-status.js';
import { getValueSettings } from '../../db/repositories/value.js';
import type { Rag, StatusInfo } from '../../preload/contract.js';
import { deriveImplementation, derivePotential, effective, isStale } from '../domain/value-status.js';
import { nowDate, localDay } from '../../db/clock.js';

export interface MeasureStatuses {
  implementation: StatusInfo;
  potential: StatusInfo;
}

function toStatuses(f: StatusFactsRow, now: Date, tolerancePct: number, staleDays: number): MeasureStatuses {
  const last = [f.updatedAt, f.valueUpdatedAt, f.implAt, f.potAt].filter((x): x is string => !!x).sort().pop() ?? null;
  const stale = isStale(last, now, staleDays);
  const impl = deriveImplementation({ total: f.msTotal, overdue: f.msOverdue, slipping: f.msSlipping });
  const pot = derivePotential({ target: f.target, reference: f.baseline ?? f.plan, estimate: f.estimate }, tolerancePct);
  const ov = (status: string | null, reason: string | null, by: string | null, at: string | null) =>
    status ? { status: status as Rag, reason: reason ?? '', by, at } : null;
  return {
    implementation: effective(impl, ov(f.implOverride, f.implReason, f.implBy, f.implAt), stale),
    potential: effective(pot, ov(f.potOverride, f.potReason, f.potBy, f.potAt), stale),
  };
}

export function statusesOf(db: Database, ids: string[], now = nowDate()): Map<string, MeasureStatuses> {
  const { tolerancePct, staleDays } = getValueSettings(db);
  const today = localDay(now);
  return new Map(statusFacts(db, ids, today).map((f) => [f.id, toStatuses(f, now, tolerancePct, staleDays)]));
}

/**
 * Writes each measure's effective statuses (override, else derived; grey when stale) into
 * measures.implementation_status / potential_status, so the grid, the pack and exports all
 * show the same colours. Does not stamp updated_at: a re-derivation is not an update by a person.
 */
export function refreshStatuses(w: Writer, db: Database, ids: string[] | null, now = nowDate()): number {
  const { tolerancePct, staleDays } = getValueSettings(db);
  const today = localDay(now);
  let changed = 0;
  for (const f of statusFacts(db, ids, today)) {
    const s = toStatuses(f, now, tolerancePct, staleDays);
    const patch: Record<string, string> = {};
    if (s.implementation.status !== f.implementationStatus) patch.implementation_status = s.implementation.status;
    if (s.potential.status !== f.potentialStatus) patch.potential_status = s.potential.status;
    if (Object.keys(patch).length) {
      w.update('measures', f.id, patch);
      changed++;
    }
  }
  return changed;
}
