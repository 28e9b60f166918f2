import type { Database } from '../../db/connection.js';
import type { Writer } from '../../db/changes.js';
import type { CellValue } from '../../db/tables.js';
import type { Rag } from '../../preload/contract.js';
import { updateMeasureColumns } from '../../db/repositories/measures.js';
import { lockBaseline, setOverride } from '../../db/repositories/value.js';
import { statusesOf } from './value-status.js';
import { nowIso } from '../../db/clock.js';

const STATUS_KINDS: Record<string, 'implementation' | 'potential'> = {
  implementation_status: 'implementation',
  potential_status: 'potential',
};

export const DIRECT_STATUS_REASON = 'Set directly (grid, paste, bulk edit or command line)';

/** Splits validated columns into the stored ones and the statuses (which are manual overrides, never columns a person writes). */
export function splitStatusColumns(columns: Record<string, CellValue>): { plain: Record<string, CellValue>; statuses: Record<string, CellValue> } {
  const plain: Record<string, CellValue> = {};
  const statuses: Record<string, CellValue> = {};
  for (const [col, v] of Object.entries(columns)) (STATUS_KINDS[col] ? statuses : plain)[col] = v;
  return { plain, statuses };
}

/**
 * The one place measure columns are written after validation. A status typed by a person
 * becomes a manual override (so the derivation from milestones and value keeps it, and
 * the reason is on record) — the status columns themselves are the system's cache,
 * re-derived after the action; reaching DI3 locks the plan as the baseline.
 */
export function writeMeasureColumns(
  w: Writer,
  db: Database,
  id: string,
  columns: Record<string, CellValue>,
  opts: { actor: string; reason?: string },
): string[] {
  const { plain, statuses } = splitStatusColumns(columns);
  const overrides = Object.entries(statuses).flatMap(([col, v]) => (typeof v === 'string' ? [[STATUS_KINDS[col]!, v as Rag] as const] : []));
  const changed = Object.keys(plain).length ? updateMeasureColumns(w, id, plain) : [];
  if (overrides.length) {
    const before = statusesOf(db, [id]).get(id);
    for (const [kind, status] of overrides) setOverride(w, db, id, { kind, status, reason: opts.reason ?? DIRECT_STATUS_REASON, by: opts.actor });
    const after = statusesOf(db, [id]).get(id);
    if (before?.implementation.status !== after?.implementation.status) changed.push('implementation_status');
    if (before?.potential.status !== after?.potential.status) changed.push('potential_status');
    if (changed.length) w.update('measures', id, { updated_at: nowIso() });
  }
  if (typeof plain.di_level === 'number' && plain.di_level >= 3) lockBaseline(w, db, id);
  return changed;
}
