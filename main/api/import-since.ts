import type { Database } from '../../db/connection.js';
import { REPLICA_MAX_HLC_SQL } from '../../db/change-rows.js';
import { decodeValue } from '../../db/changes.js';
import { parseHlc } from '../../db/hlc.js';
import { cachedStatement } from '../../db/statements.js';
import type { CellValue } from '../../db/tables.js';
import type { AboutInfo } from '../exchange/about-sheet.js';

/*
 * "Changed in Steerco since the export": the About sheet carries the version vector of the
 * exporting copy (the highest clock of each copy's changes it held). A change made after it
 * is one whose copy is not in the vector, or whose clock is above that copy's entry — the
 * same on every copy of the workspace, whichever copy made the export.
 */

export interface SinceChange {
  /** The cell's value when the file was exported (the value before the first later change). */
  exported: CellValue;
  /** Who made the last change, and when (ISO). */
  by: string;
  at: string | null;
}

export type SinceExport = (table: string, rowId: string, col: string) => SinceChange | null;

const TABLES = new Set(['measures', 'custom_values', 'effect_values', 'effect_lines', 'status_overrides']);

/** Cells changed since the export that `about` describes; null when the file says nothing of it. */
export function changesSinceExport(db: Database, about: AboutInfo | null): SinceExport | null {
  const vector = about?.vector;
  if (!vector) return null;
  const heads = cachedStatement(db, REPLICA_MAX_HLC_SQL).all() as { replica: string; h: string }[];
  const cells = new Map<string, SinceChange & { first: number }>();
  const stmt = cachedStatement(db, 'SELECT seq, tbl, row_id AS rowId, col, old_value AS old, actor, hlc FROM change_log WHERE replica = ? AND hlc > ? ORDER BY seq');
  for (const { replica, h } of heads) {
    const since = vector[replica] ?? '';
    if (h <= since) continue;
    for (const c of stmt.iterate(replica, since) as Iterable<{ seq: number; tbl: string; rowId: string; col: string; old: string | null; actor: string; hlc: string }>) {
      if (!TABLES.has(c.tbl)) continue;
      const key = `${c.tbl}\u0000${c.rowId}\u0000${c.col}`;
      const at = new Date(parseHlc(c.hlc).ms).toISOString();
      const seen = cells.get(key);
      if (!seen) {
        cells.set(key, { exported: decodeValue(c.old), by: c.actor, at, first: c.seq });
        continue;
      }
      // The value at export time is the one before the earliest later change this copy applied.
      if (c.seq < seen.first) {
        seen.first = c.seq;
        seen.exported = decodeValue(c.old);
      }
      if (!seen.at || at >= seen.at) {
        seen.by = c.actor;
        seen.at = at;
      }
    }
  }
  return (table, rowId, col) => cells.get(`${table}\u0000${rowId}\u0000${col}`) ?? null;
}
