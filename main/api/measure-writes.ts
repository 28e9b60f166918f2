import type { Database } from '../../db/connection.js';
import type { Writer } from '../../db/changes.js';
import type { CellValue } from '../../db/tables.js';
import type { Rag } from '../../preload/contract.js';
import { updateMeasureColumns } from '../../db/repositories/measures.js';
import { cachedStatement } from '../../db/statements.js';
import { lockBaseline, setOverride } from '../../db/repositories/value.js';
import { refreshStatuses } from './value-status.js';
import { nowIso } from '../../db/clock.js';

const STATUS_KINDS: Record<string, 'implementation' | 'potential'> = {
  implementation_status: 'implementation',
  potential_status: 'potential',
};

const STATUS_SQL = 'SELECT implementation_status AS i, potential_status AS p FROM measures WHERE id = ?';

export const DIRECT_STATUS_REASON = 'Set directly (grid, paste, bulk edit or command line)';

/**
 * The one place measure columns are written after validation. A status typed by a person
 * becomes a manual override (so the derivation from milestones and value keeps it, and
 * the reason is on record); reaching DI3 locks the plan as the baseline.
 */
export function writeMeasureColumns(
  w: Writer,
  db: Database,
  id: string,
  columns: Record<string, CellValue>,
  opts: { actor: string; reason?: string },
): string[] {
  const plain: Record<string, CellValue> = {};
  const overrides: ['implementation' | 'potential', Rag][] = [];
  for (const [col, v] of Object.entries(columns)) {
    const kind = STATUS_KINDS[col];
    if (kind && typeof v === 'string') overrides.push([kind, v as Rag]);
    else plain[col] = v;
  }
  const changed = Object.keys(plain).length ? updateMeasureColumns(w, id, plain) : [];
  for (const [kind, status] of overrides) setOverride(w, db, id, { kind, status, reason: opts.reason ?? DIRECT_STATUS_REASON, by: opts.actor });
  if (overrides.length) {
    const before = cachedStatement(db, STATUS_SQL).get(id) as { i: string; p: string };
    refreshStatuses(w, db, [id]);
    const after = cachedStatement(db, STATUS_SQL).get(id) as { i: string; p: string };
    if (before.i !== after.i) changed.push('implementation_status');
    if (before.p !== after.p) changed.push('potential_status');
    if (changed.length) w.update('measures', id, { updated_at: nowIso() });
  }
  if (typeof plain.di_level === 'number' && plain.di_level >= 3) lockBaseline(w, db, id);
  return changed;
}
