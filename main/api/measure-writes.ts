import type { Database } from '../../db/connection.js';
import type { Writer } from '../../db/changes.js';
import type { CellValue } from '../../db/tables.js';
import type { StatusKind } from '../../preload/contract.js';
import { statusReasonProblem } from '../../preload/contract/value.js';
import { ValidationError } from '../../db/errors.js';
import { cleanReason, splitStatusColumns, statusEdited } from '../domain/manual-status.js';
import { locksBaseline } from '../domain/value-lines.js';
import { updateMeasureColumns } from '../../db/repositories/measures.js';
import { clearOverride, lockBaseline, setOverride } from '../../db/repositories/value.js';
import { statusesOf } from './value-status.js';
import { nowIso } from '../../db/clock.js';

/**
 * The one place measure columns are written after validation. A status set by a person
 * becomes a manual override with its reason (so the derivation from milestones and value
 * keeps it, and the reason is on record); a null status clears the override (back to
 * derived). The status columns themselves are the system's cache, re-derived after the
 * action. Callers check the reason first (manualStatusIssues); reaching DI3 locks the
 * plan as the baseline.
 */
export function writeMeasureColumns(
  w: Writer,
  db: Database,
  id: string,
  columns: Record<string, CellValue>,
  opts: { actor: string; reason?: string },
): string[] {
  const { plain, overrides } = splitStatusColumns(columns);
  const changed = Object.keys(plain).length ? updateMeasureColumns(w, id, plain) : [];
  if (overrides.length) {
    // Computed from the facts in this transaction (the cache is re-derived after the action).
    const before = statusesOf(db, [id]).get(id);
    const stated = new Set<StatusKind>();
    for (const [kind, status] of overrides) {
      if (status === null) {
        if (clearOverride(w, db, id, kind)) stated.add(kind);
        continue;
      }
      const reason = cleanReason(opts.reason);
      // The API refuses a status without a reason before writing; this guards its other callers.
      if (statusReasonProblem(reason)) throw new ValidationError(`A status set by hand needs a reason (${id} ${kind}).`);
      setOverride(w, db, id, { kind, status, reason, by: opts.actor });
      stated.add(kind);
    }
    const after = statusesOf(db, [id]).get(id);
    if (statusEdited(before?.implementation.status, after?.implementation.status, stated.has('implementation'))) changed.push('implementation_status');
    if (statusEdited(before?.potential.status, after?.potential.status, stated.has('potential'))) changed.push('potential_status');
    if (changed.length) w.update('measures', id, { updated_at: nowIso() });
  }
  if (typeof plain.di_level === 'number' && locksBaseline(plain.di_level)) lockBaseline(w, db, id);
  return changed;
}
