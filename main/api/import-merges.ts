import type { ImportRefusal } from '../../preload/contract.js';
import { cellKey, type SheetTable } from '../exchange/import-table.js';

/** Merged cells in an imported table: refused where they reach the table, their covered cells read as nothing. */

/** Cells covered by a merged range other than its first (they hold no value of their own). */
export function mergedCovered(table: SheetTable): Set<string> {
  const out = new Set<string>();
  const col = (l: string) => [...l].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  for (const ref of table.merges) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
    if (!m) continue;
    const [r1, r2, c1, c2] = [Number(m[2]) - 1, Number(m[4]) - 1, col(m[1]!), col(m[3]!)];
    if ((r2 - r1 + 1) * (c2 - c1 + 1) > 1_000_000) continue;
    for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) if (r !== r1 || c !== c1) out.add(cellKey(r, c));
  }
  return out;
}

/** Merged ranges that reach the header row or below it (a merged title above the table is fine). */
export function mergeIssues(table: SheetTable, headerRow: number): ImportRefusal[] {
  const out: ImportRefusal[] = [];
  for (const ref of table.merges) {
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(ref);
    if (!m || Number(m[4] ?? m[2]) < headerRow + 1) continue;
    out.push({
      row: Number(m[2]),
      column: m[1]!,
      header: null,
      code: null,
      reason: `cells ${ref} are merged: a merged block holds one value for several cells, so it cannot be read as a table. Unmerge them (Excel and LibreOffice: Merge & Center / Merge Cells, off) and import again.`,
    });
  }
  return out;
}
